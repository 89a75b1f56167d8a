import 'reflect-metadata';
import { ProvisioningModule } from '@chainloom/provisioning';
import { runService } from '@chainloom/server';

void runService({ name: 'chain-service', domains: [ProvisioningModule] });
