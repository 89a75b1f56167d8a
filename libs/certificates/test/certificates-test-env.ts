// Starts a platform (tenancy + certificates + a test chain) for an integration test, and signs up
// tenants through the API the way a customer would.
import { startService, type RunningService } from '@chainloom/server';
import { TenancyModule } from '@chainloom/tenancy';
import { TestClient, createTestDatabase, testConfig } from '@chainloom/testing';
import { randomBytes } from 'node:crypto';
import { CertificatesModule, type CertificatesOptions } from '../src';
import { TestChainGateway, testChainModule } from './test-chain';

export interface TestTenant {
  tenantId: string;
  /** The owner's session token. */
  session: string;
  /** An API key with certificates:read/write and webhooks:manage (rate-limited as the plan says). */
  apiKey: string;
  keyApi: TestClient;
  /** As the owner's session: no per-key rate limit, for tests that send many requests. */
  api: TestClient;
}

export interface CertificatesTestEnv {
  service: RunningService;
  gateway: TestChainGateway;
  databaseUrl: string;
  client: TestClient;
  newTenant(name?: string): Promise<TestTenant>;
  stop(): Promise<void>;
}

export async function startCertificatesEnv(
  options: Partial<CertificatesOptions> = {},
  config: Record<string, string> = {},
): Promise<CertificatesTestEnv> {
  const db = await createTestDatabase();
  const gateway = new TestChainGateway();
  const service = await startService(
    { name: 'certificates-test', domains: [TenancyModule, CertificatesModule.forRoot({ sealIntervalMs: 300, anchorPollMs: 100, webhookAllowPrivateTargets: true, ...options }), testChainModule(gateway)] },
    testConfig(db.url, { RECONCILE_INTERVAL_MS: '1000', ...config }),
  );
  const client = new TestClient(service.url);
  return {
    service,
    gateway,
    databaseUrl: db.url,
    client,
    async newTenant(name = 'Notary Co') {
      const tag = randomBytes(4).toString('hex');
      const signup = await client.post<{ token: string; tenant: { id: string } }>('/v1/signup', {
        tenantName: `${name} ${tag}`,
        name: 'Owner',
        email: `owner-${tag}@example.test`,
        password: 'correct horse battery staple',
      });
      if (signup.status !== 201) throw new Error(`signup failed: ${JSON.stringify(signup.body)}`);
      const key = await client.as(signup.body.token).post<{ secret: string }>('/v1/api-keys', {
        name: 'tests',
        scopes: ['certificates:read', 'certificates:write', 'webhooks:manage'],
      });
      if (key.status !== 201) throw new Error(`api key failed: ${JSON.stringify(key.body)}`);
      return {
        tenantId: signup.body.tenant.id,
        session: signup.body.token,
        apiKey: key.body.secret,
        keyApi: client.as(key.body.secret),
        api: client.as(signup.body.token),
      };
    },
    async stop() {
      await service.stop();
      await db.drop();
    },
  };
}
