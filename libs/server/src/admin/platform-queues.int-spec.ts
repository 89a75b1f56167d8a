import { TOKEN_PREFIX, newSecret, sha256 } from '@chainloom/auth';
import { newId } from '@chainloom/core';
import { QueueService } from '@chainloom/queue';
import { PrivateRedis, TestClient, createTestDatabase, testConfig, waitFor } from '@chainloom/testing';
import { Client } from 'pg';
import { startService, type RunningService } from '../service-runtime';
import { DemoJob, DemoWorkModule, DEMO_TABLE_SQL } from '../../test/demo-work';

type QueuesHealth = {
  redis: 'up' | 'down';
  queues: { name: string; waiting: number | null; active: number | null; delayed: number | null; failed: number | null; failedJobs: number }[];
  failedJobs: { queue: string; name: string; jobId: string; error: string; attempts: number }[];
};

describe('GET /v1/admin/queues (real PostgreSQL and Redis)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let redis: PrivateRedis;
  let pg: Client;
  let service: RunningService;
  let api: TestClient;

  /**
   * A console session, written the way tenancy's login writes one. The runtime lib cannot boot
   * the tenancy domain (it depends on this lib), and the guard only reads these rows.
   */
  const session = async (who: { platformAdmin: boolean; tenant: boolean }) => {
    const userId = newId('usr');
    const tenantId = who.tenant ? newId('ten') : null;
    await pg.query(`INSERT INTO users (id, email, name, password_hash, platform_admin, updated_at) VALUES ($1, $2, 'U', 'x', $3, now())`, [userId, `${userId}@example.test`, who.platformAdmin]);
    if (tenantId) {
      await pg.query(`INSERT INTO tenants (id, name, updated_at) VALUES ($1, 'Nosy', now())`, [tenantId]);
      await pg.query(`INSERT INTO memberships (id, tenant_id, user_id, role, updated_at) VALUES ($1, $2, $3, 'OWNER', now())`, [newId('mem'), tenantId, userId]);
    }
    const token = newSecret(TOKEN_PREFIX.session);
    await pg.query(`INSERT INTO sessions (id, user_id, tenant_id, token_hash, expires_at, updated_at) VALUES ($1, $2, $3, $4, now() + interval '1 hour', now())`, [
      newId('ses'),
      userId,
      tenantId,
      Buffer.from(sha256(token)),
    ]);
    return token;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = await PrivateRedis.start();
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    await pg.query(DEMO_TABLE_SQL);
    service = await startService(
      { name: 'queues-admin-test', domains: [DemoWorkModule] },
      testConfig(db.url, { REDIS_URL: redis.url, RECONCILE_INTERVAL_MS: '3600000' }),
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
    const admin = await session({ platformAdmin: true, tenant: false });
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
    const owner = await session({ platformAdmin: false, tenant: true });
    const denied = await api.as(owner).get<{ code: string }>('/v1/admin/queues');
    expect(denied.status).toBe(403);
    expect(denied.contentType).toContain('application/problem+json');
    expect(denied.body.code).toBe('platform_admin_only');
    expect((await api.get('/v1/admin/queues')).status).toBe(401);
  });

  it('answers with null depths, not an error, when Redis is down', async () => {
    const admin = await session({ platformAdmin: true, tenant: false });
    await api.as(admin).get('/v1/admin/queues'); // the session is now cached: no Redis needed to authenticate
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
