import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { PrivateRedis, createTestDatabase, testConfig } from '@chainloom/testing';
import { startService, type RunningService } from './service-runtime';

const WORKSPACE = resolve(__dirname, '../../..');

describe('service runtime (real PostgreSQL and Redis)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let redis: PrivateRedis;
  let service: RunningService;

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = await PrivateRedis.start();
    service = await startService({ name: 'runtime-test', domains: [] }, testConfig(db.url, { REDIS_URL: redis.url }));
  });
  afterAll(async () => {
    await service?.stop();
    await redis.stop();
    await db.drop();
  });

  const ready = async () => {
    const res = await fetch(`${service.url}/health/ready`);
    return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as Record<string, unknown> };
  };

  it('is ready when PostgreSQL and Redis answer', async () => {
    const res = await ready();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', checks: { postgres: { status: 'up' }, redis: { status: 'up' } } });
  });

  it('turns 503 naming redis while Redis is stopped, and back to 200 when it returns, without a restart', async () => {
    await redis.stop();
    const down = await ready();
    expect(down.status).toBe(503);
    expect(down.type).toMatch(/^application\/problem\+json/);
    expect(down.body).toMatchObject({ code: 'not_ready', detail: 'redis is down', down: ['redis'] });
    expect((await fetch(`${service.url}/health/live`)).status).toBe(200);

    await redis.start();
    const deadline = Date.now() + 15_000;
    let status = 0;
    while (Date.now() < deadline && (status = (await ready()).status) !== 200) await new Promise((r) => setTimeout(r, 200));
    expect(status).toBe(200);
  });

  it('serves only health and metrics in the worker role', async () => {
    const worker = await startService({ name: 'worker-role', domains: [] }, testConfig(db.url, { REDIS_URL: redis.url, CHAINLOOM_ROLE: 'worker' }));
    try {
      expect((await fetch(`${worker.url}/health/live`)).status).toBe(200);
      expect((await fetch(`${worker.url}/metrics`)).status).toBe(200);
      const api = await fetch(`${worker.url}/v1/openapi.json`);
      expect(api.status).toBe(404);
      expect(api.headers.get('content-type')).toMatch(/problem\+json/);
    } finally {
      await worker.stop();
    }
  });

  it('stops a process whose configuration is wrong, naming the variable', () => {
    const result = spawnSync(
      process.execPath,
      ['-r', '@swc-node/register', resolve(WORKSPACE, 'apps/platform/src/main.ts')],
      {
        cwd: WORKSPACE,
        env: { PATH: process.env.PATH, SWC_NODE_PROJECT: resolve(WORKSPACE, 'tsconfig.base.json'), PORT: 'eighty', REDIS_URL: 'http://x' },
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    expect(result.status).toBe(78);
    expect(result.stderr).toMatch(/PORT: /);
    expect(result.stderr).toMatch(/REDIS_URL: .*expected: Redis connection URL/);
  });
});
