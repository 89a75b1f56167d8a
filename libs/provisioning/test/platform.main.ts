// A platform process with tenancy and provisioning only, for crash tests (run with @swc-node/register).
import 'reflect-metadata';
import { runService } from '@chainloom/server';
import { TenancyModule } from '@chainloom/tenancy';
import { ProvisioningModule } from '../src/provisioning.module';

void runService({ name: 'provisioning-crash-test', domains: [TenancyModule, ProvisioningModule] });
