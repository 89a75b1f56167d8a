import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { startService, type RunningService } from './service-runtime';
import { PrivateRedis, createTestDatabase, testConfig, waitFor } from '@chainloom/testing';
import { QueueService, ReconcilerService } from '@chainloom/queue';
import { DEMO_TABLE_SQL, DemoJob, DemoWorkModule } from '../test/demo-work';

const WORKSPACE = resolve(__dirname, '../../..');

describe('queue: reconciler and graceful shutdown (real PostgreSQL and Redis)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let redis: PrivateRedis;
  let pg: Client;
  const row = async (id: string) =>
    (await pg.query<{ status: string; runs: number; started_at: Date | null }>('SELECT * FROM demo_work WHERE id = $1', [id]))
      .rows[0];

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = await PrivateRedis.start();
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    await pg.query(DEMO_TABLE_SQL);
  });
  afterAll(async () => {
    await pg.end();
    await redis.stop();
    await db.drop();
  });

  describe('in process', () => {
    let service: RunningService;
    beforeAll(async () => {
      // A long interval: this test drives the reconciler by hand.
      const config = testConfig(db.url, { REDIS_URL: redis.url, RECONCILE_INTERVAL_MS: '3600000' });
      service = await startService({ name: 'queue-test', domains: [DemoWorkModule] }, config);
    });
    afterAll(() => service.stop());

    it('re-creates a job lost in a Redis flush from the database, and runs it exactly once', async () => {
      await pg.query(`INSERT INTO demo_work (id) VALUES ('w-flush')`);
      const queues = service.app.get(QueueService);
      // Enqueued but not yet run (delayed), then Redis loses everything.
      await queues.enqueue(DemoJob, { workId: 'w-flush' }, { delayMs: 3_600_000 });
      expect(await queues.queue(DemoJob.queue).getJobCounts('delayed')).toEqual({ delayed: 1 });
      await redis.flushAll();
      expect(await queues.queue(DemoJob.queue).getJobCounts('delayed')).toEqual({ delayed: 0 });

      const reconciler = service.app.get(ReconcilerService);
      expect(await reconciler.runOnce()).toBe(1);
      await waitFor('the job to run', async () => (await row('w-flush')).status === 'done');

      // Reconciling again finds nothing due; enqueueing a duplicate by hand is skipped by the handler.
      expect(await reconciler.runOnce()).toBe(0);
      await queues.enqueue(DemoJob, { workId: 'w-flush' });
      await new Promise((r) => setTimeout(r, 500));
      expect((await row('w-flush')).runs).toBe(1);
    });

    it('adding the same work twice while it is queued is a no-op (job id from the work)', async () => {
      const queues = service.app.get(QueueService);
      const a = await queues.enqueue(DemoJob, { workId: 'w-dup' }, { delayMs: 3_600_000 });
      const b = await queues.enqueue(DemoJob, { workId: 'w-dup' }, { delayMs: 3_600_000 });
      expect(a).toBe(b);
      expect(await queues.queue(DemoJob.queue).getJobCounts('delayed')).toEqual({ delayed: 1 });
    });

    it('rejects a payload that breaks the job schema', async () => {
      await expect(service.app.get(QueueService).enqueue(DemoJob, { workId: 42 } as never)).rejects.toThrow();
    });
  });

  describe('a worker process receiving SIGTERM during a running job', () => {
    const children: ChildProcess[] = [];
    afterAll(() => children.forEach((c) => c.exitCode === null && c.kill('SIGKILL')));

    const startWorker = () => {
      const child = spawn(
        process.execPath,
        ['-r', '@swc-node/register', resolve(WORKSPACE, 'libs/server/test/demo-worker.main.ts')],
        {
          cwd: WORKSPACE,
          env: {
            PATH: process.env.PATH,
            SWC_NODE_PROJECT: resolve(WORKSPACE, 'tsconfig.base.json'),
            DATABASE_URL: db.url,
            DATABASE_MIGRATE: 'false',
            REDIS_URL: redis.url,
            REDIS_PREFIX: 'sigterm-test',
            CHAINLOOM_ROLE: 'worker',
            PORT: '0',
            LOG_LEVEL: 'info',
            RECONCILE_INTERVAL_MS: '200',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let output = '';
      child.stdout?.on('data', (d) => (output += d));
      child.stderr?.on('data', (d) => (output += d));
      children.push(child);
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      return { child, exited, output: () => output };
    };

    it('finishes the job before exiting; a restarted worker does not run it again', async () => {
      await pg.query(`INSERT INTO demo_work (id, work_ms) VALUES ('w-term', 1500)`);
      const first = startWorker();
      await waitFor('the job to start', async () => (await row('w-term'))?.started_at, 30_000);
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
      expect(await row('w-term')).toMatchObject({ status: 'done', runs: 1 });
      expect(first.output()).toMatch(/shutting down/);

      const second = startWorker();
      await waitFor('the second worker to start', async () => /demo-worker started/.test(second.output()), 30_000);
      await new Promise((r) => setTimeout(r, 1_000)); // several reconcile intervals
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
      expect((await row('w-term')).runs).toBe(1);
    }, 90_000);
  });
});
