import { QueueService } from '@chainloom/queue';
import { TenancyModule } from '@chainloom/tenancy';
import { PrivateRedis, TestClient, createTestDatabase, testConfig, waitFor } from '@chainloom/testing';
import { randomBytes } from 'node:crypto';
import { startService, type RunningService } from '../service-runtime';
import { DemoJob, DemoWorkModule, DEMO_TABLE_SQL } from '../../test/demo-work';
import { Client } from 'pg';

type QueuesHealth = {
  redis: 'up' | 'down';
  queues: { name: string; waiting: number | null; active: number | null; delayed: number | null; failed: number | null; failedJobs: number }[];
  failedJobs: { queue: string; name: string; jobId: string; error: string; attempts: number }[];
};
const PASSWORD = 'correct horse battery staple';

describe('GET /v1/admin/queues (real PostgreSQL and Redis)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let redis: PrivateRedis;
  let pg: Client;
  let service: RunningService;
  let api: TestClient;
  const adminEmail = `admin-${randomBytes(3).toString('hex')}@example.test`;

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = await PrivateRedis.start();
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    await pg.query(DEMO_TABLE_SQL);
    service = await startService(
      { name: 'queues-admin-test', domains: [TenancyModule, DemoWorkModule] },
      testConfig(db.url, { REDIS_URL: redis.url, RECONCILE_INTERVAL_MS: '3600000', PLATFORM_ADMIN_EMAIL: adminEmail, PLATFORM_ADMIN_PASSWORD: PASSWORD }),
    );
    api = new TestClient(service.url);
  });
  afterAll(async () => {
    await service?.stop();
    await pg?.end();
    await redis?.stop();
    await db?.drop();
  });

  it('shows platform admins the depth of every queue and the jobs that ran out of attempts', async () => {
    const admin = (await api.post<{ token: string }>('/v1/sessions', { email: adminEmail, password: PASSWORD })).body.token;
    const queues = service.app.get(QueueService);
    // A job waiting for later, and a job no handler knows: it fails for good, into failed_jobs.
    await queues.enqueue(DemoJob, { workId: 'later' }, { delayMs: 3_600_000 });
    await queues.queue(DemoJob.queue).add('demo.unknown', { workId: 'x' }, { jobId: 'unknown-1', attempts: 3 });
    await waitFor('the unknown job to be recorded as failed', async () => (await pg.query('SELECT 1 FROM failed_jobs WHERE job_id = $1', ['unknown-1'])).rowCount === 1);

    const res = await api.as(admin).get<QueuesHealth>('/v1/admin/queues?failedLimit=5');
    expect(res.status).toBe(200);
    expect(res.body.redis).toBe('up');
    expect(res.body.queues.map((q) => q.name).sort()).toEqual(['anchoring', 'provisioning', 'relay', 'webhooks']);
    const webhooks = res.body.queues.find((q) => q.name === DemoJob.queue);
    expect(webhooks).toMatchObject({ delayed: 1, active: 0, failedJobs: 1 });
    expect(res.body.queues.find((q) => q.name === 'anchoring')).toMatchObject({ waiting: 0, delayed: 0, failedJobs: 0 });
    expect(res.body.failedJobs).toEqual([
      expect.objectContaining({ queue: 'webhooks', name: 'demo.unknown', jobId: 'unknown-1', attempts: 1, error: expect.stringContaining('No handler') }),
    ]);
    // Payloads name rows and stay out of the answer.
    expect(JSON.stringify(res.body.failedJobs)).not.toContain('payload');

    const bad = await api.as(admin).get<{ code: string }>('/v1/admin/queues?failedLimit=0');
    expect(bad.status).toBe(400);
    expect(bad.contentType).toContain('application/problem+json');
  });

  it('is for platform admins only: a tenant owner gets 403 problem+json, nobody 401', async () => {
    const owner = await api.post<{ token: string }>('/v1/signup', { tenantName: 'Nosy', name: 'N', email: `nosy-${randomBytes(3).toString('hex')}@example.test`, password: PASSWORD });
    const denied = await api.as(owner.body.token).get<{ code: string }>('/v1/admin/queues');
    expect(denied.status).toBe(403);
    expect(denied.contentType).toContain('application/problem+json');
    expect(denied.body.code).toBe('platform_admin_only');
    expect((await api.get('/v1/admin/queues')).status).toBe(401);
  });

  it('answers with null depths, not an error, when Redis is down', async () => {
    const admin = (await api.post<{ token: string }>('/v1/sessions', { email: adminEmail, password: PASSWORD })).body.token;
    await api.as(admin).get('/v1/me'); // the session is now cached: no Redis needed to authenticate
    await redis.stop();
    try {
      const res = await api.as(admin).get<QueuesHealth>('/v1/admin/queues');
      expect(res.status).toBe(200);
      expect(res.body.redis).toBe('down');
      expect(res.body.queues.every((q) => q.waiting === null)).toBe(true);
      expect(res.body.queues.find((q) => q.name === 'webhooks')?.failedJobs).toBe(1);
    } finally {
      await redis.start();
      // Let every connection (workers' blocking ones included) come back before shutdown.
      const queues = service.app.get(QueueService);
      await waitFor('the queues to reach Redis again', () => queues.queue('webhooks').getJobCounts('waiting').then(() => true, () => false), 10_000);
      await new Promise((r) => setTimeout(r, 2_500));
    }
  }, 20_000);
});
