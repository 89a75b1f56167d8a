import { TestClient, createTestDatabase, freePort, waitFor } from '@chainloom/testing';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { resolve } from 'node:path';
import { newTenant, spawnPlatform } from '../test/platform-fixture';

const WORKSPACE = resolve(__dirname, '../../..');

/** anvil processes serving a node (its state path names the node id). */
const anvilProcessesFor = (nodeId: string) => {
  try {
    return execFileSync('pgrep', ['-f', `anvil.*${nodeId}`], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return [];
  }
};

describe('kill -9 of the platform in the middle of provisioning (real processes)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let port: number;
  let child: ChildProcess | undefined;
  mkdirSync(resolve(WORKSPACE, 'tmp'), { recursive: true });
  const dataDir = mkdtempSync(resolve(WORKSPACE, 'tmp/crash-'));
  const prefix = `crash-${randomBytes(4).toString('hex')}`;

  const startPlatform = async () => {
    child = await spawnPlatform(port, {
      DATABASE_URL: db.url,
      DATABASE_MIGRATE: 'false',
      REDIS_PREFIX: prefix,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      NODE_HEALTH_INTERVAL_MS: '500',
      RECONCILE_INTERVAL_MS: '1000',
    });
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    port = await freePort();
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    // Stop any anvil this test started (they live on after a kill -9, by design).
    try {
      execFileSync('pkill', ['-f', `anvil.*${dataDir}`]);
    } catch {
      // none left
    }
    await db.drop();
  });

  it.each([0, 40, 120])('killed %i ms after POST, the restarted platform finishes with exactly one node process', async (delayMs) => {
    await startPlatform();
    const api = new TestClient(`http://127.0.0.1:${port}`);
    const tenant = await newTenant(api, db.url, `Crash${delayMs}`);
    const created = await api.as(tenant.key).post<{ network: { id: string; nodes: { id: string }[] } }>('/v1/networks', { name: `crash-${delayMs}`, protocol: 'dev' });
    expect(created.status).toBe(201);
    await new Promise((r) => setTimeout(r, delayMs));
    child?.kill('SIGKILL');
    await new Promise((r) => child?.once('exit', r));

    await startPlatform();
    const started = Date.now();
    const network = await waitFor(
      'the operation to finish after the restart',
      async () => {
        const n = await api.as(tenant.key).get<{ status: string; registryAddress: string | null }>(`/v1/networks/${created.body.network.id}`);
        return n.body.status === 'RUNNING' ? n.body : undefined;
      },
      60_000,
    ).catch(async (error: Error) => {
      // Say where it stuck: the operation's steps, attempts and last error.
      const ops = await api.as(tenant.key).get(`/v1/networks/${created.body.network.id}/operations`);
      throw new Error(`${error.message}; operations: ${JSON.stringify(ops.body)}`);
    });
    console.log(`killed at +${delayMs} ms: RUNNING ${Date.now() - started} ms after the restart`);
    expect(network.registryAddress).toMatch(/^0x/);
    const nodeId = created.body.network.nodes[0].id;
    expect(anvilProcessesFor(nodeId)).toHaveLength(1);
    const ops = await api.as(tenant.key).get<{ items: { status: string; attempts: number }[] }>(`/v1/networks/${created.body.network.id}/operations`);
    expect(ops.body.items.map((o) => o.status)).toEqual(['SUCCEEDED']);
    // Exactly one registry: the contract list holds one system contract.
    const contracts = await api.as(tenant.key).get<{ items: { system: boolean }[] }>(`/v1/networks/${created.body.network.id}/contracts`);
    expect(contracts.body.items.filter((c) => c.system)).toHaveLength(1);
    child?.kill('SIGTERM');
    await new Promise((r) => child?.once('exit', r));
  }, 120_000);
});
