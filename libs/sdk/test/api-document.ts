// Boots the platform in-process (the domains the console, the CLI and the e2e tests call) and
// returns its OpenAPI document. Shared by generate.ts and the drift test.
import { startService } from '@chainloom/server';
import { TenancyModule } from '@chainloom/tenancy';
import { ProvisioningModule } from '@chainloom/provisioning';
import { CertificatesModule } from '@chainloom/certificates';
import { dropDatabase, withDatabase } from '@chainloom/db';
import { TEST_POSTGRES_URL, testConfig } from '@chainloom/testing';
import { randomBytes } from 'node:crypto';

export const SDK_DOMAINS = [TenancyModule, ProvisioningModule, CertificatesModule];

export async function fetchApiDocument(): Promise<Record<string, never>> {
  // A throw-away database of its own, migrated at start: the generator needs no test template.
  const url = withDatabase(TEST_POSTGRES_URL, `chainloom_sdkgen_${randomBytes(6).toString('hex')}`);
  const service = await startService({ name: 'sdk-generate', domains: SDK_DOMAINS }, testConfig(url, { DATABASE_CREATE: 'true', DATABASE_MIGRATE: 'true' }));
  try {
    const res = await fetch(`${service.url}/v1/openapi.json`);
    if (!res.ok) throw new Error(`GET /v1/openapi.json answered ${res.status}`);
    return (await res.json()) as Record<string, never>;
  } finally {
    await service.stop();
    await dropDatabase(url);
  }
}
