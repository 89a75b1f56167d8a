// Master-key rotation end to end (signers, and Besu node keys), across platform restarts on one database and one DATA_DIR (the
// dev network's anvil is detached and outlives each restart, as in production):
//   1. MASTER_KEY=k1: a dev network's signer is sealed under k1.
//   2. MASTER_KEY=k2, MASTER_KEYS_PREVIOUS=k1: the platform admin rotates; the envelope names k2.
//   3. MASTER_KEY=k2 alone: the signer still signs (a template deployment).
//   4. A wrong MASTER_KEY: using the signer fails without leaking anything, and rotation refuses.
import { CertificatesModule } from '@chainloom/certificates';
import { SecretBox, masterKeyId, parseMasterKey } from '@chainloom/chain';
import { generateBesuNodeKey, openBesuNodeKey, sealBesuNodeKey } from '@chainloom/orchestrator';
import { startService, type RunningService } from '@chainloom/server';
import { TenancyModule } from '@chainloom/tenancy';
import { TestClient, createTestDatabase, testConfig, waitFor } from '@chainloom/testing';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import { Client } from 'pg';
import pino from 'pino';
import { newTenant, type TenantHandle } from '../test/platform-fixture';
import { ProvisioningModule } from './provisioning.module';

const ADMIN = { email: 'rotation-admin@example.test', password: 'rotation admin password' };

// Certificates too: its webhook secrets are sealed under the master key and rotate with the signers.
const domains = [TenancyModule, ProvisioningModule, CertificatesModule];

const newKey = () => randomBytes(32).toString('base64');
const idOf = (key: string) => masterKeyId(Buffer.from(key, 'base64'));
const keyIdOfEnvelope = (envelope: string) => envelope.split('.')[1];

describe('master-key rotation of stored signers (real anvil, PostgreSQL, Redis, three restarts)', () => {
  const k1 = newKey();
  const k2 = newKey();
  const wrong = newKey();
  // One DATA_DIR for every start: the local driver finds its node records there after a restart.
  const dataDir = `./tmp/test-data/signer-rotation-${randomBytes(4).toString('hex')}`;
  let db: { url: string; drop: () => Promise<void> };
  let pg: Client;
  let platform: RunningService | undefined;
  let api: TestClient;
  let owner: TenantHandle | undefined;
  let networkId: string;

  const start = async (keys: Record<string, string>, logger?: pino.Logger) => {
    platform = await startService(
      { name: 'signer-rotation-test', domains },
      testConfig(db.url, { ...keys, DATA_DIR: dataDir, PLATFORM_ADMIN_EMAIL: ADMIN.email, PLATFORM_ADMIN_PASSWORD: ADMIN.password }),
      logger,
    );
    api = new TestClient(platform.url);
    return platform;
  };
  const stop = async () => {
    await platform?.stop();
    platform = undefined;
  };
  const envelope = async () =>
    (await pg.query<{ encrypted_key: string }>('SELECT encrypted_key FROM signers WHERE network_id = $1', [networkId])).rows[0].encrypted_key;
  const webhookEnvelope = async () => (await pg.query<{ encrypted_secret: string }>('SELECT encrypted_secret FROM webhook_endpoints')).rows[0].encrypted_secret;
  const adminToken = async () => {
    const res = await api.post<{ token: string }>('/v1/sessions', ADMIN);
    expect(res.status).toBe(201);
    return res.body.token;
  };
  const ownerKey = () => {
    if (!owner) throw new Error('the tenant was not created (see the first test)');
    return owner.key;
  };
  const waitStatus = (id: string, status: string, timeoutMs = 30_000) =>
    waitFor(`network ${id} to be ${status}`, async () => {
      const res = await api.as(ownerKey()).get<{ status: string }>(`/v1/networks/${id}`);
      return res.body.status === status ? res.body : undefined;
    }, timeoutMs);

  beforeAll(async () => {
    db = await createTestDatabase();
    pg = new Client({ connectionString: db.url });
    await pg.connect();
  });

  afterAll(async () => {
    // Delete every network through the API (on a platform that can open the signers), then make
    // sure no anvil of this test's DATA_DIR is left, whatever failed above.
    try {
      await stop();
      const { rows } = await pg.query<{ id: string }>(`SELECT id FROM networks WHERE status <> 'DELETED'`);
      if (rows.length && owner) {
        await start({ MASTER_KEY: k2 });
        for (const row of rows) await api.as(owner.key).post(`/v1/networks/${row.id}/delete`);
        for (const row of rows) await waitStatus(row.id, 'DELETED').catch(() => undefined);
      }
    } finally {
      await stop().catch(() => undefined);
      const { rows } = await pg.query<{ runtime: { pid?: number } | null }>('SELECT runtime FROM nodes');
      const nodesDir = resolve(dataDir, 'chains');
      for (const { runtime } of rows) {
        const pid = runtime?.pid;
        if (!pid) continue;
        try {
          // Only a process started from this test's DATA_DIR (a pid may have been reused).
          if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(nodesDir)) process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      await pg.end();
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 90_000);

  it('seals the signer of a new dev network under MASTER_KEY (k1)', async () => {
    await start({ MASTER_KEY: k1 });
    owner = await newTenant(api, db.url, 'Rotation');
    const res = await api.as(ownerKey()).post<{ network: { id: string } }>('/v1/networks', { name: 'rotation', protocol: 'dev' });
    expect(res.status).toBe(201);
    networkId = res.body.network.id;
    await waitStatus(networkId, 'RUNNING');
    expect(keyIdOfEnvelope(await envelope())).toBe(idOf(k1));
    const hook = await api.as(owner.session).post('/v1/webhooks', { url: 'https://hooks.example.com/chainloom', events: ['certificate.confirmed'] });
    expect(hook.status).toBe(201);
    expect(keyIdOfEnvelope(await webhookEnvelope())).toBe(idOf(k1));
    await stop();
  }, 60_000);

  it('re-seals it under k2 when the platform admin rotates with MASTER_KEY=k2, MASTER_KEYS_PREVIOUS=k1', async () => {
    await start({ MASTER_KEY: k2, MASTER_KEYS_PREVIOUS: k1 });
    const before = await envelope();
    expect(keyIdOfEnvelope(before)).toBe(idOf(k1)); // nothing rotates by itself at start-up

    // Only a platform admin may rotate: the tenant's owner and API key are refused.
    expect((await api.as(owner?.session).post('/v1/admin/master-key/rotate')).status).toBe(403);
    expect((await api.as(ownerKey()).post('/v1/admin/master-key/rotate')).status).toBe(403);
    expect((await api.post('/v1/admin/master-key/rotate')).status).toBe(401);

    // A Besu node key kept after its node was removed (sealed under k1, bound to its node id):
    // rotation re-seals node keys too, kept ones included.
    const nodeKey = generateBesuNodeKey();
    const nodeId = `nod_rotation${randomBytes(4).toString('hex')}`;
    await pg.query(
      `INSERT INTO nodes (id, tenant_id, network_id, name, role, status, public_key, address, sealed_key, key_retained_until, updated_at)
       SELECT $1, tenant_id, id, 'validator-9', 'validator', 'REMOVED', $2, $3, $4, now() + interval '30 days', now() FROM networks WHERE id = $5`,
      [nodeId, nodeKey.publicKey, nodeKey.address, sealBesuNodeKey(new SecretBox([parseMasterKey(k1)]), nodeId, nodeKey), networkId],
    );

    const admin = api.as(await adminToken());
    const rotated = await admin.post<{ rotated: number; kinds: Record<string, number> }>('/v1/admin/master-key/rotate');
    expect(rotated.status).toBe(200);
    expect(rotated.body.rotated).toBeGreaterThanOrEqual(2);
    expect(rotated.body.kinds).toMatchObject({ 'webhook secrets': 1 });
    expect(keyIdOfEnvelope(await webhookEnvelope())).toBe(idOf(k2));
    const [{ sealed_key: sealedNodeKey }] = (await pg.query<{ sealed_key: string }>('SELECT sealed_key FROM nodes WHERE id = $1', [nodeId])).rows;
    expect(keyIdOfEnvelope(sealedNodeKey)).toBe(idOf(k2));
    expect(openBesuNodeKey(new SecretBox([parseMasterKey(k2)]), nodeId, sealedNodeKey).privateKey).toBe(nodeKey.privateKey);
    const after = await envelope();
    expect(keyIdOfEnvelope(after)).toBe(idOf(k2));
    expect(after).not.toBe(before);
    const [{ rotated_at: rotatedAt }] = (await pg.query<{ rotated_at: Date | null }>('SELECT rotated_at FROM signers WHERE network_id = $1', [networkId])).rows;
    expect(rotatedAt).toBeInstanceOf(Date);

    // Idempotent: a second run finds nothing left under k1.
    expect((await admin.post<{ rotated: number }>('/v1/admin/master-key/rotate')).body).toMatchObject({ rotated: 0 });
    expect(await envelope()).toBe(after);
    await stop();
  }, 60_000);

  it('signs with the re-sealed key once k1 is gone (MASTER_KEY=k2 only)', async () => {
    await start({ MASTER_KEY: k2 });
    await waitStatus(networkId, 'RUNNING');
    const deployed = await api.as(ownerKey()).post<{ address: string }>(`/v1/networks/${networkId}/contracts`, { template: 'points-token', args: ['A', 'A'] });
    expect({ status: deployed.status, body: deployed.body }).toMatchObject({ status: 201, body: { address: expect.stringMatching(/^0x[0-9a-fA-F]{40}$/) } });
    await stop();
  }, 60_000);

  it('with a wrong MASTER_KEY, refuses to use or rotate the signer and says why in the log, leaking nothing', async () => {
    // The error log, to see what an operator would see.
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    await start({ MASTER_KEY: wrong }, pino({ level: 'error' }, sink));
    const stored = await envelope();

    const deploy = await api.as(ownerKey()).post<Record<string, unknown>>(`/v1/networks/${networkId}/contracts`, { template: 'points-token', args: ['B', 'B'] });
    const rotate = await api.as(await adminToken()).post<Record<string, unknown>>('/v1/admin/master-key/rotate');
    const log = lines.join('');
    console.log(
      `wrong MASTER_KEY: deploy -> ${deploy.status} ${JSON.stringify(deploy.body)}; rotate -> ${rotate.status} ${JSON.stringify(rotate.body)}; ` +
        `error log mentions the missing key: ${log.includes(idOf(k2))}`,
    );
    for (const res of [deploy, rotate]) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      const text = JSON.stringify(res.body);
      for (const secret of [stored, wrong, k2, k1]) expect(text).not.toContain(secret);
    }
    // Nothing was rewritten under the wrong key.
    expect(await envelope()).toBe(stored);
    // The operator can tell what is wrong: the log names the key id the signer needs, and no key material.
    expect(log).toContain(idOf(k2));
    expect(log).toMatch(/not configured/);
    for (const secret of [wrong, k2, k1]) expect(log).not.toContain(secret);
    await stop();
  }, 60_000);
});
