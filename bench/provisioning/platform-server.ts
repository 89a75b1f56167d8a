// Child entry for the provisioning benchmark: the platform with the tenancy and provisioning
// domains (as apps/platform composes them, minus certificates), booted with startService() - the
// same runtime as apps/platform - from the configuration the parent put in the environment
// (NOTARY_NETWORK=off, DATA_DIR of the run: the local driver's anvils keep their chains there).
// IPC `gc`: a full garbage collection (the parent starts it with --expose-gc), then memoryUsage(),
// so memory figures are the live heap rather than what the collector has not reclaimed yet.
import 'reflect-metadata';
import { loadConfig } from '@chainloom/core';
import { ProvisioningModule } from '@chainloom/provisioning';
import { startService } from '@chainloom/server';
import { TenancyModule } from '@chainloom/tenancy';
import { runChild, serveParent } from '../lib/child';

runChild(async () => {
  const service = await startService({ name: 'provisioning-bench', domains: [TenancyModule, ProvisioningModule] }, loadConfig(process.env));
  serveParent(service.url, () => service.stop(), {
    gc: () => {
      globalThis.gc?.();
      return process.memoryUsage();
    },
  });
});
