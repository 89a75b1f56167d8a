import { anchorRegistryAt, tenantKey } from '@chainloom/contracts';
import { ZERO_HASH, certificateLeaf } from '@chainloom/merkle';
import { PrivateRedis, waitFor } from '@chainloom/testing';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { Client } from 'pg';
import { startCertificatesEnv, type CertificatesTestEnv, type TestTenant } from '../test/certificates-test-env';
import { TestAnvil } from '../test/test-chain';

type Received = { headers: Record<string, string | string[] | undefined>; body: string; validSignature: boolean };
type Delivery = {
  id: string;
  status: string;
  attempts: number;
  eventType: string;
  lastStatusCode: number | null;
  redeliveryOf: string | null;
  attemptLog?: { attempt: number; statusCode: number | null; responseBody: string | null; durationMs: number }[];
};

const hash = () => '0x' + randomBytes(32).toString('hex');

/** A real local HTTP endpoint that answers with the scripted statuses (then 200), checking signatures. */
class Endpoint {
  readonly received: Received[] = [];
  secret = '';
  private server!: Server;
  url = '';
  constructor(private readonly script: number[]) {}

  async start() {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const header = String(req.headers['chainloom-signature'] ?? '');
        const t = /t=(\d+)/.exec(header)?.[1] ?? '';
        const v1 = /v1=([0-9a-f]{64})/.exec(header)?.[1] ?? '';
        const expected = createHmac('sha256', this.secret).update(`${t}.${body}`).digest();
        const validSignature = v1.length === 64 && timingSafeEqual(expected, Buffer.from(v1, 'hex')) && Math.abs(Date.now() / 1000 - Number(t)) < 300;
        this.received.push({ headers: req.headers, body, validSignature });
        const status = this.script[this.received.length - 1] ?? 200;
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'thanks' : `nope ${this.received.length}`);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;
  }
  stop() {
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

describe('webhooks and reconcilers (real PostgreSQL, Redis, anvil and HTTP)', () => {
  let env: CertificatesTestEnv;
  let redis: PrivateRedis;
  let pg: Client;
  let notary: TestAnvil;
  let notaryId: string;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    env = await startCertificatesEnv({ webhookRetry: { attempts: 3, backoff: { type: 'fixed', delay: 300 } } }, { REDIS_URL: redis.url });
    pg = new Client({ connectionString: env.databaseUrl });
    await pg.connect();
    notary = await TestAnvil.start({ chainId: 31_337, blockTimeSeconds: 0 });
    notaryId = await env.gateway.addNetwork(notary, 'ten_platform', { isNotary: true });
  }, 60_000);
  afterAll(async () => {
    await pg?.end();
    await env?.stop();
    await notary?.stop();
    await redis?.stop();
  });

  const register = async (t: TestTenant, endpoint: Endpoint, events = ['certificate.confirmed', 'anchor.failed']) => {
    const res = await t.api.post<{ webhook: { id: string }; secret: string }>('/v1/webhooks', { url: endpoint.url, events });
    expect(res.status).toBe(201);
    endpoint.secret = res.body.secret;
    return res.body.webhook.id;
  };

  it('signs deliveries, retries failures with backoff and records every attempt', async () => {
    const t = await env.newTenant('Hooked');
    const endpoint = new Endpoint([500, 503]);
    await endpoint.start();
    try {
      const webhookId = await register(t, endpoint);
      expect(endpoint.secret).toMatch(/^whsec_/);
      // Shown once, stored encrypted.
      const stored = await pg.query<{ encrypted_secret: string }>('SELECT encrypted_secret FROM webhook_endpoints WHERE id = $1', [webhookId]);
      expect(stored.rows[0].encrypted_secret).not.toContain(endpoint.secret.slice(6));
      expect(JSON.stringify((await t.api.get(`/v1/webhooks/${webhookId}`)).body)).not.toContain(endpoint.secret);

      const items = [{ contentHash: hash() }, { contentHash: hash() }];
      const made = await t.api.post<{ items: { id: string }[] }>('/v1/certificates/batch', { items });
      await waitFor('three attempts', async () => endpoint.received.length >= 3, 30_000);
      expect(endpoint.received.every((r) => r.validSignature)).toBe(true);
      const event = JSON.parse(endpoint.received[2].body) as { type: string; data: { certificateIds: string[]; root: string } };
      expect(event.type).toBe('certificate.confirmed');
      expect(event.data.certificateIds.sort()).toEqual(made.body.items.map((c) => c.id).sort());
      expect(endpoint.received[2].headers['chainloom-event']).toBe('certificate.confirmed');

      const list = await t.api.get<{ items: Delivery[] }>(`/v1/webhooks/${webhookId}/deliveries`);
      const delivery = await waitFor('DELIVERED', async () => {
        const d = await t.api.get<Delivery>(`/v1/webhooks/deliveries/${list.body.items[0].id}`);
        return d.body.status === 'DELIVERED' ? d.body : null;
      });
      expect(delivery.attempts).toBe(3);
      expect(delivery.attemptLog?.map((a) => a.statusCode)).toEqual([500, 503, 200]);
      expect(delivery.attemptLog?.[0].responseBody).toBe('nope 1');
      expect(delivery.attemptLog?.every((a) => a.durationMs >= 0)).toBe(true);

      // Redeliver on demand: a new delivery of the same event.
      const again = await t.api.post<Delivery>(`/v1/webhooks/deliveries/${delivery.id}/redeliver`);
      expect(again.status).toBe(202);
      expect(again.body.redeliveryOf).toBe(delivery.id);
      await waitFor('the redelivery', async () => endpoint.received.length === 4);
      expect(endpoint.received[3].body).toBe(endpoint.received[2].body);
      // Another tenant cannot see or redeliver it.
      const other = await env.newTenant('Nosy');
      expect((await other.api.get(`/v1/webhooks/deliveries/${delivery.id}`)).status).toBe(404);
      expect((await other.api.post(`/v1/webhooks/deliveries/${delivery.id}/redeliver`)).status).toBe(404);
    } finally {
      await endpoint.stop();
    }
  }, 60_000);

  it('dead-letters a delivery after the last attempt, and reports a failed anchor', async () => {
    const t = await env.newTenant('Doomed');
    const endpoint = new Endpoint([500, 500, 500, 500]);
    await endpoint.start();
    try {
      await register(t, endpoint, ['anchor.failed']);
      // Someone else already anchored the very root our one-certificate batch will have, under
      // another tenant: the registry refuses a repeated root, so ours can never be anchored
      // there, a permanent failure.
      const contentHash = hash();
      const root = certificateLeaf({ contentHash, metadataDigest: ZERO_HASH, salt: ZERO_HASH });
      const registryAddress = (await env.gateway.network(notaryId))?.registryAddress as string;
      const registry = anchorRegistryAt(registryAddress, notary.wallet(0));
      await (await registry.anchor(tenantKey('ten_someone_else'), 1n, root, 1)).wait();
      const c = await t.api.post<{ id: string }>('/v1/certificates', { contentHash });
      const failed = await waitFor('FAILED', async () => {
        const v = await t.api.get<{ status: string; anchors: { status: string; error: string }[] }>(`/v1/certificates/${c.body.id}`);
        return v.body.status === 'FAILED' ? v.body : null;
      }, 30_000);
      expect(failed.anchors[0].error).toContain('under another tenant');
      await waitFor('three attempts', async () => endpoint.received.length === 3, 30_000);
      expect(JSON.parse(endpoint.received[0].body)).toMatchObject({ type: 'anchor.failed', data: { networkId: notaryId } });
      const deliveries = await pg.query<{ status: string; attempts: number }>(
        `SELECT status, attempts FROM webhook_deliveries WHERE tenant_id = $1`,
        [t.tenantId],
      );
      await waitFor('DEAD', async () => {
        const rows = await pg.query<{ status: string; attempts: number }>(`SELECT status, attempts FROM webhook_deliveries WHERE tenant_id = $1`, [t.tenantId]);
        return rows.rows[0]?.status === 'DEAD' && rows.rows[0].attempts === 3;
      });
      expect(deliveries.rows).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 1_000));
      expect(endpoint.received).toHaveLength(3);
    } finally {
      await endpoint.stop();
    }
  }, 60_000);

  it('loses nothing when Redis is flushed: reconcilers re-create sealing, anchoring and delivery jobs', async () => {
    const t = await env.newTenant('Flushed');
    const endpoint = new Endpoint([]);
    await endpoint.start();
    try {
      await register(t, endpoint, ['certificate.confirmed']);
      // Stop the seal jobs from running by flushing Redis right after the certificates commit.
      const made = await t.api.post<{ items: { id: string }[] }>('/v1/certificates/batch', { items: Array.from({ length: 20 }, () => ({ contentHash: hash() })) });
      await redis.flushAll();
      for (const c of made.body.items) {
        await waitFor(`${c.id} CONFIRMED`, async () => (await t.api.get<{ status: string }>(`/v1/certificates/${c.id}`)).body.status === 'CONFIRMED', 30_000);
      }
      await waitFor('the webhook', async () => endpoint.received.length === 1, 30_000);
      const audited = await pg.query<{ n: number }>('SELECT count(*)::int AS n FROM certificate_ingestions WHERE tenant_id = $1 AND audited_at IS NULL', [t.tenantId]);
      expect(audited.rows[0].n).toBe(0);
    } finally {
      await endpoint.stop();
    }
  }, 60_000);

  it('validates endpoints: http(s) URLs and known events only', async () => {
    const t = await env.newTenant('Strict');
    expect((await t.api.post('/v1/webhooks', { url: 'ftp://example.test/x', events: ['certificate.confirmed'] })).status).toBe(400);
    expect((await t.api.post('/v1/webhooks', { url: 'https://example.test/x', events: ['everything'] })).status).toBe(400);
    expect((await t.api.post('/v1/webhooks', { url: 'https://example.test/x', events: [] })).status).toBe(400);
    expect((await t.api.get(`/v1/webhooks/whk_${'0'.repeat(26)}`)).status).toBe(404);
  });
});
