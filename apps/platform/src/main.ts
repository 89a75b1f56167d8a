import 'reflect-metadata';
import { CertificatesModule } from '@chainloom/certificates';
import { ProvisioningModule } from '@chainloom/provisioning';
import { ConsoleStaticModule, runService } from '@chainloom/server';
import { TenancyModule } from '@chainloom/tenancy';

/** All domains in one process, and the web console at /: the laptop and small-install shape. */
void runService({
  name: 'platform',
  domains: [TenancyModule, ProvisioningModule, CertificatesModule, ConsoleStaticModule.fromConfig()],
});
