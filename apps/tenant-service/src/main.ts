import 'reflect-metadata';
import { runService } from '@chainloom/server';
import { TenancyModule } from '@chainloom/tenancy';

void runService({ name: 'tenant-service', domains: [TenancyModule] });
