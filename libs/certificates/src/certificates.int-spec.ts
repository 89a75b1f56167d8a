import { buildTree, certificateLeaf, metadataDigest, ZERO_HASH } from '@chainloom/merkle';
import { waitFor } from '@chainloom/testing';
import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { startCertificatesEnv, type CertificatesTestEnv, type TestTenant } from '../test/certificates-test-env';

type Summary = { id: string; contentHash: string; metadataDigest: string; salt: string | null; status: string; createdAt: string; externalId: string | null };
type View = Summary & { batchId: string | null; leafIndex: number | null; root: string | null; metadata: Record<string, unknown> | null };

const hash = () => '0x' + randomBytes(32).toString('hex');

describe('certificates: ingestion, sealing and queries (real PostgreSQL and Redis)', () => {
  let env: CertificatesTestEnv;
  let pg: Client;
  let t: TestTenant;

  beforeAll(async () => {
    env = await startCertificatesEnv({ fileMaxBytes: 64 * 1024 });
    pg = new Client({ connectionString: env.databaseUrl });
    await pg.connect();
    t = await env.newTenant();
  });
  afterAll(async () => {
    await pg?.end();
    await env?.stop();
  });

  it('certifies a hash and answers only once it is stored', async () => {
    const contentHash = hash();
    const res = await t.keyApi.post<Summary>('/v1/certificates', { contentHash: contentHash.toUpperCase().replace('0X', '0x'), externalId: 'inv-1' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ contentHash, hashAlgorithm: 'sha256', metadataDigest: ZERO_HASH, salt: null, externalId: 'inv-1', status: 'PENDING' });
    expect(res.body.id).toMatch(/^cert_/);
    // Durable before the answer: the row is there the moment the client has the id.
    const row = await pg.query('SELECT tenant_id FROM certificates WHERE id = $1', [res.body.id]);
    expect(row.rows[0].tenant_id).toBe(t.tenantId);
    const got = await t.api.get<View>(`/v1/certificates/${res.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body.contentHash).toBe(contentHash);
  });

  it('salts low-entropy evidence and digests metadata canonically', async () => {
    const metadata = { b: 2, a: { z: 'x', y: [1, 2] } };
    const res = await t.api.post<Summary>('/v1/certificates', { contentHash: hash(), metadata, salted: true, hashAlgorithm: 'keccak256' });
    expect(res.status).toBe(201);
    expect(res.body.salt).toMatch(/^0x[0-9a-f]{64}$/);
    expect(res.body.metadataDigest).toBe(metadataDigest({ a: { y: [1, 2], z: 'x' }, b: 2 }));
    const got = await t.api.get<View>(`/v1/certificates/${res.body.id}`);
    expect(got.body.metadata).toEqual(metadata);
    expect(got.body.salt).toBe(res.body.salt);
  });

  it("stores text exactly, whatever COPY's special characters it holds", async () => {
    const externalId = 'tab\there\nnew line\\back\\slash\r\\N';
    const metadata = { 'quote"key': 'back\\slash \\x41 \\N', lines: 'a\nb\tc\rd', unicode: '存证 ✓' };
    const res = await t.api.post<Summary>('/v1/certificates', { contentHash: hash(), externalId, metadata });
    expect(res.status).toBe(201);
    const got = await t.api.get<View>(`/v1/certificates/${res.body.id}`);
    expect(got.body.externalId).toBe(externalId);
    expect(got.body.metadata).toEqual(metadata);
    expect(got.body.contentHash).toBe(res.body.contentHash);
    expect(got.body.metadataDigest).toBe(metadataDigest(metadata));
  });

  it('certifies a batch in request order and refuses more than 10,000 items, naming the limit', async () => {
    const items = [hash(), hash(), hash()].map((contentHash, i) => ({ contentHash, externalId: `b-${i}` }));
    const res = await t.api.post<{ items: Summary[] }>('/v1/certificates/batch', { items });
    expect(res.status).toBe(201);
    expect(res.body.items.map((c) => c.externalId)).toEqual(['b-0', 'b-1', 'b-2']);

    const tooMany = await t.api.post('/v1/certificates/batch', { items: Array.from({ length: 10_001 }, () => ({ contentHash: ZERO_HASH })) });
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(tooMany.body)).toContain('at most 10000 items');
    expect(((tooMany.body.errors as { field: string }[])[0]).field).toBe('body.items');
    const empty = await t.api.post('/v1/certificates/batch', { items: [] });
    expect(empty.status).toBe(400);
  });

  it('answers bad input with 400 problem+json naming the field, never 500', async () => {
    const cases: [unknown, string][] = [
      [{ contentHash: '0x1234' }, 'body.contentHash'],
      [{ contentHash: 'ab'.repeat(32) }, 'body.contentHash'],
      [{ contentHash: hash(), hashAlgorithm: 'md5' }, 'body.hashAlgorithm'],
      [{ contentHash: hash(), surprise: true }, 'body'],
      [{ contentHash: hash(), metadata: 'not an object' }, 'body.metadata'],
      [{ contentHash: hash(), metadata: { big: 'x'.repeat(5000) } }, 'body.metadata'],
      [{ contentHash: hash(), salted: 'yes' }, 'body.salted'],
      // PostgreSQL cannot store NUL: refused before it could fail a shared group commit.
      [{ contentHash: hash(), externalId: 'a\u0000b' }, 'body.externalId'],
      [{ contentHash: hash(), metadata: { note: 'a\u0000b' } }, 'body.metadata'],
      [{ contentHash: hash(), metadata: { ['k\u0000']: 1 } }, 'body.metadata'],
      [{}, 'body.contentHash'],
    ];
    for (const [body, field] of cases) {
      const res = await t.api.post('/v1/certificates', body);
      expect(res.status).toBe(400);
      expect(res.contentType).toMatch(/application\/problem\+json/);
      expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
    }
    expect((await t.api.post('/v1/certificates', '{"contentHash": ', { 'content-type': 'application/json' })).status).toBe(400);
    expect((await t.api.post('/v1/certificates', [1, 2])).status).toBe(400);
    expect((await t.api.get('/v1/certificates/not-an-id')).status).toBe(400);
    expect((await t.api.get('/v1/certificates?cursor=garbage')).status).toBe(400);
    expect((await t.api.get('/v1/certificates?status=DONE')).status).toBe(400);
    expect((await t.api.get('/v1/certificates?createdAfter=yesterday')).status).toBe(400);
    expect((await t.api.post('/v1/certificates', { contentHash: hash() }, { 'idempotency-key': 'é' })).status).toBe(400);
    expect((await env.client.post('/v1/certificates', { contentHash: hash() })).status).toBe(401);
  });

  it("answers 404 for another tenant's certificate, exactly as for a missing one", async () => {
    const other = await env.newTenant('Other');
    const mine = await t.api.post<Summary>('/v1/certificates', { contentHash: hash() });
    for (const path of ['', '/proof', '/certificate.pdf']) {
      const res = await other.api.get(`/v1/certificates/${mine.body.id}${path}`);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('not_found');
    }
    const missing = await other.api.get(`/v1/certificates/cert_${'0'.repeat(26)}`);
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toBe((await other.api.get(`/v1/certificates/${mine.body.id}`)).body.detail);
    const list = await other.api.get<{ items: View[] }>(`/v1/certificates?contentHash=${mine.body.contentHash}`);
    expect(list.body.items).toEqual([]);
  });

  it('honours Idempotency-Key: the same answer for the same request, 422 for another, one certificate when racing', async () => {
    const key = `idem-${randomBytes(6).toString('hex')}`;
    const body = { contentHash: hash(), externalId: 'once' };
    const first = await t.api.post<Summary>('/v1/certificates', body, { 'idempotency-key': key });
    const again = await t.api.post<Summary>('/v1/certificates', body, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const other = await t.api.post('/v1/certificates', { ...body, externalId: 'twice' }, { 'idempotency-key': key });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency_key_reused');
    // Another tenant may use the same key for its own request.
    const stranger = await env.newTenant('Stranger');
    expect((await stranger.api.post('/v1/certificates', body, { 'idempotency-key': key })).status).toBe(201);

    const raceKey = `race-${randomBytes(6).toString('hex')}`;
    const raceBody = { items: [{ contentHash: hash() }, { contentHash: hash() }] };
    const answers = await Promise.all(Array.from({ length: 20 }, () => t.api.post<{ items: Summary[] }>('/v1/certificates/batch', raceBody, { 'idempotency-key': raceKey })));
    expect(answers.every((a) => a.status === 201)).toBe(true);
    expect(new Set(answers.map((a) => a.body.items[0].id)).size).toBe(1);
    const rows = await pg.query('SELECT count(*)::int AS n FROM certificates WHERE content_hash = decode($1, $2)', [raceBody.items[0].contentHash.slice(2), 'hex']);
    expect(rows.rows[0].n).toBe(1);
  });

  it('certifies the same hash again as a certificate of its own', async () => {
    const contentHash = hash();
    const a = await t.api.post<Summary>('/v1/certificates', { contentHash });
    const b = await t.api.post<Summary>('/v1/certificates', { contentHash });
    expect(a.body.id).not.toBe(b.body.id);
    const verify = await t.api.post<{ found: boolean; certificates: View[] }>('/v1/verify', { contentHash });
    expect(verify.status).toBe(200);
    expect(verify.body.certificates.map((c) => c.id).sort()).toEqual([a.body.id, b.body.id].sort());
  });

  it('hashes an uploaded file as it streams, keeping nothing, within its own size limit', async () => {
    const file = randomBytes(40_000);
    const sha = '0x' + createHash('sha256').update(file).digest('hex');
    const res = await fetch(`${env.service.url}/v1/certificates/file?externalId=scan-7&salted=true&metadata=${encodeURIComponent(JSON.stringify({ pages: 3 }))}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.session}`, 'content-type': 'application/octet-stream' },
      body: file,
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as Summary;
    expect(body).toMatchObject({ contentHash: sha, externalId: 'scan-7', metadataDigest: metadataDigest({ pages: 3 }) });
    expect(body.salt).not.toBeNull();
    const verify = await fetch(`${env.service.url}/v1/verify/file`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.session}`, 'content-type': 'application/octet-stream' },
      body: file,
    });
    expect(((await verify.json()) as { certificates: View[] }).certificates.map((c) => c.id)).toContain(body.id);

    const tooBig = await fetch(`${env.service.url}/v1/certificates/file`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.session}`, 'content-type': 'application/octet-stream' },
      body: randomBytes(65 * 1024),
    });
    expect(tooBig.status).toBe(413);
    const empty = await fetch(`${env.service.url}/v1/certificates/file`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.session}`, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(0),
    });
    expect(empty.status).toBe(400);
    const badMeta = await fetch(`${env.service.url}/v1/certificates/file?metadata=%7Bnope`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.session}`, 'content-type': 'application/octet-stream' },
      body: file,
    });
    expect(badMeta.status).toBe(400);
  });

  it('group-commits concurrent requests: fewer flushes than requests, audited per caller, not per flush', async () => {
    const tenant = await env.newTenant('Burst');
    // Warm the credential cache first: CredentialService does not coalesce concurrent misses, and
    // 300 of them at once queue on Prisma's pool (its 5 s acquire timeout) rather than on ours.
    expect((await tenant.api.get('/v1/certificates?limit=1')).status).toBe(200);
    const results = await Promise.all(Array.from({ length: 300 }, () => tenant.api.post<Summary>('/v1/certificates', { contentHash: hash() })));
    expect(results.every((r) => r.status === 201)).toBe(true);
    const flushes = await pg.query<{ n: number; total: number }>(
      'SELECT count(*)::int AS n, sum(count)::int AS total FROM certificate_ingestions WHERE tenant_id = $1',
      [tenant.tenantId],
    );
    expect(flushes.rows[0].total).toBe(300);
    expect(flushes.rows[0].n).toBeLessThan(300);
    // Audited by the sealer: entries name every flush once, and far fewer entries than flushes.
    const audit = await waitFor('the flushes to be audited', async () => {
      const res = await env.client.as(tenant.session).get<{ items: { action: string; details: { count: number; ingestionIds: string[] } }[] }>('/v1/tenant/audit?action=certificate.create&limit=500');
      const total = res.body.items.reduce((sum, e) => sum + e.details.count, 0);
      return total === 300 ? res.body.items : undefined;
    });
    const named = audit.flatMap((e) => e.details.ingestionIds);
    expect(new Set(named).size).toBe(flushes.rows[0].n);
    expect(named).toHaveLength(flushes.rows[0].n);
    expect(audit.length).toBeLessThanOrEqual(flushes.rows[0].n);
    const usage = await env.client.as(tenant.session).get<{ days: { metric: string; count: number }[] }>('/v1/tenant/usage');
    expect(usage.body.days.find((d) => d.metric === 'certificates')?.count).toBe(300);
  });

  it('seals pending certificates into batches with strictly increasing seq, storing each leaf index and the root', async () => {
    const tenant = await env.newTenant('Sealer');
    const first = await tenant.api.post<{ items: Summary[] }>('/v1/certificates/batch', { items: Array.from({ length: 5 }, () => ({ contentHash: hash() })) });
    await waitFor('the first batch', async () => (await tenant.api.get<View>(`/v1/certificates/${first.body.items[0].id}`)).body.batchId);
    const second = await tenant.api.post<Summary>('/v1/certificates', { contentHash: hash(), salted: true });
    await waitFor('the second batch', async () => (await tenant.api.get<View>(`/v1/certificates/${second.body.id}`)).body.batchId);
    const batches = await pg.query<{ id: string; seq: number; root: Buffer; leaf_count: number }>(
      'SELECT id, seq, root, leaf_count FROM certificate_batches WHERE tenant_id = $1 ORDER BY seq',
      [tenant.tenantId],
    );
    expect(batches.rows.map((b) => b.seq)).toEqual([1, 2]);
    expect(batches.rows.map((b) => b.leaf_count)).toEqual([5, 1]);
    const leaves = await pg.query<{ leaf_index: number; content_hash: Buffer; metadata_digest: Buffer; salt: Buffer | null }>(
      `SELECT i.leaf_offset + c.ingest_index AS leaf_index, c.content_hash, c.metadata_digest, c.salt
       FROM certificate_ingestions i JOIN certificates c ON c.ingestion_id = i.id WHERE i.batch_id = $1 ORDER BY leaf_index`,
      [batches.rows[0].id],
    );
    expect(leaves.rows.map((r) => r.leaf_index)).toEqual([0, 1, 2, 3, 4]);
    const hex = (b: Buffer) => '0x' + b.toString('hex');
    const tree = buildTree(leaves.rows.map((r) => certificateLeaf({ contentHash: hex(r.content_hash), metadataDigest: hex(r.metadata_digest), salt: r.salt ? hex(r.salt) : ZERO_HASH })));
    expect(hex(batches.rows[0].root)).toBe(tree.root);
    // No target network (no notary here): sealed, and still PENDING.
    expect((await tenant.api.get<View>(`/v1/certificates/${second.body.id}`)).body.status).toBe('PENDING');
    const third = await tenant.api.get<View>(`/v1/certificates/${first.body.items[2].id}`);
    const index = third.body.leafIndex as number;
    const receipt = await tenant.api.get<{ merklePath: string[]; root: string; leafIndex: number; anchors: unknown[] }>(`/v1/certificates/${first.body.items[2].id}/proof`);
    expect(receipt.status).toBe(200);
    expect(receipt.body).toMatchObject({ root: tree.root, leafIndex: index, anchors: [] });
    expect(receipt.body.merklePath).toEqual(tree.proof(index));
    // Sealing never rewrites a certificate: the batch's tree is stored, proofs read from it.
    const stored = await pg.query<{ tree: Buffer }>('SELECT tree FROM certificate_batches WHERE id = $1', [batches.rows[0].id]);
    expect(Buffer.from(tree.serialize()).equals(stored.rows[0].tree)).toBe(true);
  });

  it('lists with filters and keyset pagination, newest first', async () => {
    const tenant = await env.newTenant('Lister');
    const made: Summary[] = [];
    for (let i = 0; i < 7; i++) made.push((await tenant.api.post<Summary>('/v1/certificates', { contentHash: hash(), externalId: i % 2 ? 'odd' : 'even' })).body);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: View[]; nextCursor: string | null } } = await tenant.api.get(`/v1/certificates?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((c) => c.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(made.map((c) => c.id).reverse());
    const odd = await tenant.api.get<{ items: View[] }>('/v1/certificates?externalId=odd');
    expect(odd.body.items).toHaveLength(3);
    const byHash = await tenant.api.get<{ items: View[] }>(`/v1/certificates?contentHash=${made[4].contentHash}`);
    expect(byHash.body.items.map((c) => c.id)).toEqual([made[4].id]);
    const after = await tenant.api.get<{ items: View[] }>(`/v1/certificates?createdAfter=${encodeURIComponent(made[6].createdAt)}`);
    expect(after.body.items.map((c) => c.id)).toContain(made[6].id);
    const before = await tenant.api.get<{ items: View[] }>(`/v1/certificates?createdBefore=${encodeURIComponent(made[0].createdAt)}`);
    expect(before.body.items).toEqual([]);
    const pending = await tenant.api.get<{ items: View[] }>('/v1/certificates?status=PENDING&limit=100');
    expect(pending.body.items.length).toBe(7);
    const confirmed = await tenant.api.get<{ items: View[] }>('/v1/certificates?status=CONFIRMED');
    expect(confirmed.body.items).toEqual([]);
  });

  it('renders a printable PDF certificate', async () => {
    const c = await t.api.post<Summary>('/v1/certificates', { contentHash: hash(), externalId: 'contract-42' });
    const res = await fetch(`${env.service.url}/v1/certificates/${c.body.id}/certificate.pdf`, { headers: { authorization: `Bearer ${t.apiKey}` } });
    // (an API key here: the other tests use the owner's session to stay clear of the FREE plan's 20 requests/s per key)
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(2_000);
  });

  it('enforces certificatesPerMonth from the plan with quota_exceeded', async () => {
    const tenant = await env.newTenant('Quota');
    // An unverified tenant has the FREE plan's 10,000 certificates a month.
    const full = await tenant.api.post('/v1/certificates/batch', { items: Array.from({ length: 10_000 }, () => ({ contentHash: hash() })) });
    expect(full.status).toBe(201);
    const over = await tenant.api.post('/v1/certificates', { contentHash: hash() });
    expect(over.status).toBe(403);
    expect(over.body).toMatchObject({ code: 'quota_exceeded', limit: 'certificatesPerMonth', value: 10_000 });
  });
});
