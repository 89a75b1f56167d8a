import { anchorRegistryAt, tenantKey } from '@chainloom/contracts';
import { waitFor } from '@chainloom/testing';
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { startCertificatesEnv, type CertificatesTestEnv, type TestTenant } from '../test/certificates-test-env';
import { TestAnvil } from '../test/test-chain';
import type { Receipt } from './certificates.schemas';

type Summary = { id: string; contentHash: string; status: string };
type AnchorView = { networkId: string; status: string; batchSeq: number; txHash: string | null; error: string | null };
type View = Summary & { batchId: string | null; anchors: AnchorView[] };

const WORKSPACE = resolve(__dirname, '../../..');
const sha256 = (data: Buffer) => '0x' + createHash('sha256').update(data).digest('hex');
const hash = () => '0x' + randomBytes(32).toString('hex');

/**
 * Runs the real `chainloom` command (apps/cli) as its own process, as a user would; the output
 * is what it prints, the code its exit code.
 */
function cli(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolvePromise) => {
    execFile(
      process.execPath,
      ['-r', '@swc-node/register', 'apps/cli/src/main.ts', ...args],
      { cwd: WORKSPACE, env: { ...process.env, NODE_OPTIONS: '', SWC_NODE_PROJECT: join(WORKSPACE, 'tsconfig.base.json') }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolvePromise({ code, output: (stdout + stderr).trimEnd() });
      },
    );
  });
}

/** Runs `work` over `items`, `limit` at a time (the CLI processes share two cores). */
async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  const queue = [...items];
  await Promise.all(Array.from({ length: limit }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  }));
}

describe('anchoring, receipts and verification (real PostgreSQL, Redis and anvil)', () => {
  let env: CertificatesTestEnv;
  let pg: Client;
  let notary: TestAnvil;
  let notaryId: string;
  const dir = mkdtempSync(join(tmpdir(), 'chainloom-receipts-'));

  beforeAll(async () => {
    env = await startCertificatesEnv({ sealIntervalMs: 300, anchorDroppedAfterMs: 3_000 });
    pg = new Client({ connectionString: env.databaseUrl });
    await pg.connect();
    notary = await TestAnvil.start({ chainId: 31_337, blockTimeSeconds: 1 });
    notaryId = await env.gateway.addNetwork(notary, 'ten_platform', { isNotary: true, confirmations: 2 });
  }, 60_000);
  afterAll(async () => {
    await pg?.end();
    await env?.stop();
    await notary?.stop();
  });

  const confirmed = (t: TestTenant, id: string, timeoutMs = 30_000) =>
    waitFor(`${id} to be CONFIRMED`, async () => {
      const res = await t.api.get<View>(`/v1/certificates/${id}`);
      return res.body.status === 'CONFIRMED' ? res.body : null;
    }, timeoutMs);

  describe('on the notary network by default', () => {
    let t: TestTenant;
    let evidence: Buffer;
    let certificate: Summary;
    let receipt: Receipt;
    let receiptPath: string;
    let evidencePath: string;

    beforeAll(async () => {
      t = await env.newTenant('Notarised');
      evidence = randomBytes(2_000);
      evidencePath = join(dir, 'evidence.bin');
      writeFileSync(evidencePath, evidence);
      const res = await t.api.post<Summary>('/v1/certificates', { contentHash: sha256(evidence), externalId: 'deed-1' });
      expect(res.status).toBe(201);
      certificate = res.body;
      // Company in the batch, so the Merkle path is not empty.
      await t.api.post('/v1/certificates/batch', { items: [{ contentHash: hash() }, { contentHash: hash() }] });
    }, 60_000);

    it('goes PENDING → ANCHORED → CONFIRMED, and the receipt lists the anchor', async () => {
      expect(certificate.status).toBe('PENDING');
      const targets = await t.api.get<{ networkIds: string[]; isDefault: boolean }>('/v1/certificates/anchor-targets');
      expect(targets.body).toEqual({ networkIds: [notaryId], isDefault: true });
      const seen = new Set<string>();
      const view = await waitFor('CONFIRMED', async () => {
        const res = await t.api.get<View>(`/v1/certificates/${certificate.id}`);
        seen.add(res.body.status);
        return res.body.status === 'CONFIRMED' ? res.body : null;
      }, 30_000);
      // Two confirmations on 1-second blocks: ANCHORED is visible for about a second.
      expect(seen.has('ANCHORED')).toBe(true);
      expect(view.anchors).toEqual([expect.objectContaining({ networkId: notaryId, status: 'CONFIRMED', batchSeq: 1 })]);
      const res = await t.api.get<Receipt>(`/v1/certificates/${certificate.id}/proof`);
      expect(res.status).toBe(200);
      receipt = res.body;
      expect(receipt).toMatchObject({ version: 1, hashAlgorithm: 'sha256', contentHash: sha256(evidence), status: 'CONFIRMED' });
      expect(receipt.merklePath.length).toBeGreaterThan(0);
      expect(receipt.anchors[0]).toMatchObject({ chainId: 31_337, networkId: notaryId, tenantKey: tenantKey(t.tenantId), batchSeq: 1, status: 'CONFIRMED' });
      // The registry agrees, read straight from the chain.
      const onChain = await anchorRegistryAt(receipt.anchors[0].contract, notary.provider()).anchorOf(receipt.root);
      expect(onChain[0]).toBe(tenantKey(t.tenantId));
      receiptPath = join(dir, 'receipt.json');
      writeFileSync(receiptPath, JSON.stringify(receipt, null, 2));
    });

    it('verifies with the CLI against the RPC URL alone', async () => {
      const ok = await cli(['verify', receiptPath, '--rpc', notary.url, '--file', evidencePath, '--min-confirmations', '2']);
      expect(ok.output).toContain('VALID');
      expect(ok.output).not.toContain('✗');
      expect(ok.code).toBe(0);
      const withoutFile = await cli(['verify', receiptPath, '--rpc', notary.url]);
      expect(withoutFile.code).toBe(0);
    }, 90_000);

    it('fails and names the field when any field of the receipt is tampered with', async () => {
      const flip = (hex: string) => hex.slice(0, -1) + (hex.endsWith('0') ? '1' : '0');
      const tampered: [string, (r: Receipt) => void][] = [
        ['version', (r) => ((r as { version: number }).version = 2)],
        ['hashAlgorithm', (r) => (r.hashAlgorithm = 'keccak256')],
        ['contentHash', (r) => (r.contentHash = flip(r.contentHash))],
        ['metadataDigest', (r) => (r.metadataDigest = flip(r.metadataDigest))],
        ['salt', (r) => (r.salt = flip(r.salt))],
        ['leaf', (r) => (r.leaf = flip(r.leaf))],
        ['leafIndex', (r) => (r.leafIndex = 3)],
        ['merklePath', (r) => (r.merklePath = [...r.merklePath.slice(1), r.merklePath[0]].length > 1 ? [flip(r.merklePath[0]), ...r.merklePath.slice(1)] : [flip(r.merklePath[0])])],
        ['root', (r) => (r.root = flip(r.root))],
        ['status', (r) => (r.status = 'ANCHORED')],
        ['anchors[0].chainId', (r) => (r.anchors[0].chainId = 31_338)],
        ['anchors[0].contract', (r) => (r.anchors[0].contract = flip(r.anchors[0].contract))],
        ['anchors[0].txHash', (r) => (r.anchors[0].txHash = flip(r.anchors[0].txHash))],
        ['anchors[0].logIndex', (r) => (r.anchors[0].logIndex += 1)],
        ['anchors[0].blockNumber', (r) => (r.anchors[0].blockNumber += 1)],
        ['anchors[0].blockHash', (r) => (r.anchors[0].blockHash = flip(r.anchors[0].blockHash))],
        ['anchors[0].blockTime', (r) => (r.anchors[0].blockTime = new Date(Date.parse(r.anchors[0].blockTime) + 1000).toISOString())],
        ['anchors[0].tenantKey', (r) => (r.anchors[0].tenantKey = flip(r.anchors[0].tenantKey))],
        ['anchors[0].batchSeq', (r) => (r.anchors[0].batchSeq += 1)],
        ['anchors[0].status', (r) => (r.anchors[0].status = 'ANCHORED')],
      ];
      const outcomes: { field: string; code: number; verdict: string }[] = [];
      await eachLimited(tampered, 4, async ([field, tamper]) => {
        const copy = structuredClone(receipt);
        tamper(copy);
        const path = join(dir, `tampered-${field}.json`);
        writeFileSync(path, JSON.stringify(copy));
        const result = await cli(['verify', path, '--rpc', notary.url, '--file', evidencePath]);
        outcomes.push({ field, code: result.code, verdict: result.output.split('\n').pop() ?? '' });
      });
      for (const { field, code, verdict } of outcomes) {
        expect({ field, code }).toEqual({ field, code: 1 });
        expect({ field, verdict }).toEqual({ field, verdict: expect.stringMatching(/^INVALID: /) });
        expect({ field, named: verdict.includes(field) }).toEqual({ field, named: true });
      }
      expect(outcomes).toHaveLength(tampered.length);
      // The evidence itself: another file does not match.
      const other = join(dir, 'other.bin');
      writeFileSync(other, randomBytes(10));
      const wrongFile = await cli(['verify', receiptPath, '--rpc', notary.url, '--file', other]);
      expect(wrongFile.code).toBe(1);
      expect(wrongFile.output.split('\n').pop()).toContain('contentHash');
      // Usage errors are told apart from a failed verification.
      expect((await cli(['verify', join(dir, 'missing.json'), '--rpc', notary.url])).code).toBe(2);
      expect((await cli(['verify', receiptPath])).code).toBe(2);
    }, 120_000);

    it('verifies publicly: a receipt through the platform, a hash without metadata or tenant', async () => {
      const good = await env.client.post<{ valid: boolean; checks: { field: string; ok: boolean }[] }>('/v1/public/verify', { receipt });
      expect(good.status).toBe(200);
      expect(good.body.valid).toBe(true);
      const bad = await env.client.post<{ valid: boolean; checks: { field: string; ok: boolean }[] }>('/v1/public/verify', { receipt: { ...receipt, root: hash() } });
      expect(bad.body.valid).toBe(false);
      expect(bad.body.checks.filter((c) => !c.ok).map((c) => c.field)).toContain('root');
      const garbage = await env.client.post<{ valid: boolean }>('/v1/public/verify', { receipt: { version: 1 } });
      expect(garbage.status).toBe(200);
      expect(garbage.body.valid).toBe(false);

      const byHash = await env.client.post<{ valid: boolean; certificates: Record<string, unknown>[] }>('/v1/public/verify', { contentHash: sha256(evidence) });
      expect(byHash.body.valid).toBe(true);
      const text = JSON.stringify(byHash.body);
      expect(text).not.toContain(t.tenantId);
      expect(text).not.toContain('deed-1');
      expect(text).not.toContain(certificate.id);
      const unknown = await env.client.post<{ valid: boolean; certificates: unknown[] }>('/v1/public/verify', { contentHash: hash() });
      expect(unknown.body).toMatchObject({ valid: false, certificates: [] });
      expect((await env.client.post('/v1/public/verify', { contentHash: 'nope' })).status).toBe(400);
      // Salted certificates are not found by their hash: that is what the salt is for.
      const salted = await t.api.post<Summary>('/v1/certificates', { contentHash: hash(), salted: true });
      const found = await env.client.post<{ certificates: unknown[] }>('/v1/public/verify', { contentHash: salted.body.contentHash });
      expect(found.body.certificates).toEqual([]);
      // Unauthenticated and costly (a receipt means JSON-RPC calls): limited per client address,
      // 20 a second by default. 60 at once span at most two one-second windows.
      const burst = await Promise.all(Array.from({ length: 60 }, () => env.client.post('/v1/public/verify', { contentHash: hash() })));
      const limited = burst.filter((r) => r.status === 429);
      expect(limited.length).toBeGreaterThanOrEqual(20);
      expect(limited[0].contentType).toMatch(/application\/problem\+json/);
      expect(limited[0].body).toMatchObject({ code: 'rate_limited', limit: 'publicVerifyPerSecond', value: 20 });
    });
  });

  it('anchors to two networks: a stopped one delays only itself and catches up in order after it restarts', async () => {
    const t = await env.newTenant('Redundant');
    const a = await TestAnvil.start({ chainId: 41_001, blockTimeSeconds: 1 });
    const b = await TestAnvil.start({ chainId: 41_002, blockTimeSeconds: 1 });
    try {
      const netA = await env.gateway.addNetwork(a, t.tenantId);
      const netB = await env.gateway.addNetwork(b, t.tenantId);
      const stranger = await env.newTenant('Stranger');
      const foreign = await env.gateway.addNetwork(a, stranger.tenantId);
      // Validation: unknown and someone else's networks are refused alike.
      for (const networkIds of [[`net_${'0'.repeat(26)}`], [foreign], ['not-a-network']]) {
        const refused = await t.api.request('PUT', '/v1/certificates/anchor-targets', { networkIds });
        expect(refused.status).toBe(400);
      }
      const put = await t.api.request<{ networkIds: string[] }>('PUT', '/v1/certificates/anchor-targets', { networkIds: [netB, netA] });
      expect(put.status).toBe(200);
      expect(put.body.networkIds).toEqual([netA, netB].sort());

      await b.stop();
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        ids.push((await t.api.post<Summary>('/v1/certificates', { contentHash: hash() })).body.id);
        // Separate batches: wait for each to be sealed.
        await waitFor('sealed', async () => (await t.api.get<View>(`/v1/certificates/${ids[i]}`)).body.batchId);
      }
      // A confirms all three; B's anchors wait with the error recorded.
      for (const id of ids) {
        const view = await confirmed(t, id);
        const byNetwork = Object.fromEntries(view.anchors.map((x) => [x.networkId, x]));
        expect(byNetwork[netA].status).toBe('CONFIRMED');
        expect(byNetwork[netB].status).toBe('PENDING');
      }
      const waiting = await pg.query<{ error: string | null }>(`SELECT error FROM certificate_anchors WHERE network_id = $1`, [netB]);
      expect(waiting.rows.some((r) => r.error)).toBe(true);

      await b.start();
      await waitFor('B to catch up', async () => {
        const rows = await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM certificate_anchors WHERE network_id = $1 AND status = 'CONFIRMED'`, [netB]);
        return rows.rows[0].n === 3;
      }, 60_000);
      // In order, each once: the registry's calendar for the tenant on B holds batches 1, 2, 3.
      const anchors = await pg.query<{ batch_seq: number; block_number: string; log_index: number; tx_hash: string }>(
        `SELECT batch_seq, block_number, log_index, tx_hash FROM certificate_anchors WHERE network_id = $1 ORDER BY batch_seq`,
        [netB],
      );
      expect(anchors.rows.map((r) => r.batch_seq)).toEqual([1, 2, 3]);
      const positions = anchors.rows.map((r) => Number(r.block_number) * 1000 + r.log_index);
      expect([...positions].sort((x, y) => x - y)).toEqual(positions);
      const registry = anchorRegistryAt((await env.gateway.network(netB))?.registryAddress ?? '', b.provider());
      expect((await registry.lastAnchor(tenantKey(t.tenantId)))[1]).toBe(3n);
      // The receipt now carries both anchors, and verifies against either chain.
      const receipt = (await t.api.get<Receipt>(`/v1/certificates/${ids[0]}/proof`)).body;
      expect(receipt.anchors.map((x) => x.chainId).sort()).toEqual([41_001, 41_002]);
      const path = join(dir, 'two-chains.json');
      writeFileSync(path, JSON.stringify(receipt));
      expect((await cli(['verify', path, '--rpc', a.url])).code).toBe(0);
      expect((await cli(['verify', path, '--rpc', b.url, '--rpc', a.url])).code).toBe(0);
    } finally {
      await a.stop();
      await b.stop();
    }
  }, 120_000);

  it('re-anchors a batch whose block was reorganised away, and confirms it on the new chain', async () => {
    const t = await env.newTenant('Reorg');
    // Its own chain, mining a block per transaction, so the test decides when blocks come.
    const chain = await TestAnvil.start({ chainId: 41_003, blockTimeSeconds: 0 });
    try {
      const networkId = await env.gateway.addNetwork(chain, t.tenantId, { confirmations: 4 });
      expect((await t.api.request('PUT', '/v1/certificates/anchor-targets', { networkIds: [networkId] })).status).toBe(200);
      const rpc = chain.provider();
      const snapshot = await rpc.send('evm_snapshot', []);
      const c = await t.api.post<Summary>('/v1/certificates', { contentHash: hash() });
      const anchored = await waitFor('the anchor to be mined', async () => {
        const view = (await t.api.get<View>(`/v1/certificates/${c.body.id}`)).body;
        return view.anchors[0]?.status === 'ANCHORED' ? view.anchors[0] : null;
      });
      // The block holding it leaves the canonical chain: back to before it, then a longer chain
      // without it. Only 1 of the 4 confirmations had been reached.
      await rpc.send('evm_revert', [snapshot]);
      await rpc.send('anvil_mine', ['0x5']);
      expect(await rpc.getTransactionReceipt(anchored.txHash as string)).toBeNull();
      const view = await waitFor('the batch to be re-anchored and confirmed', async () => {
        await rpc.send('anvil_mine', ['0x1']);
        const v = (await t.api.get<View>(`/v1/certificates/${c.body.id}`)).body;
        return v.status === 'CONFIRMED' ? v : null;
      }, 60_000);
      expect(view.anchors[0].txHash).not.toBe(anchored.txHash);
      const [row] = (await pg.query<{ tx_hash: string; block_hash: string }>('SELECT tx_hash, block_hash FROM certificate_anchors WHERE network_id = $1', [networkId])).rows;
      expect((await rpc.getBlock((await rpc.getTransactionReceipt(row.tx_hash))?.blockNumber ?? -1))?.hash).toBe(row.block_hash);
      // Anchored once on the canonical chain: the tenant's calendar there holds batch 1 only.
      const registry = anchorRegistryAt((await env.gateway.network(networkId))?.registryAddress ?? '', rpc);
      expect((await registry.lastAnchor(tenantKey(t.tenantId)))[1]).toBe(1n);
      const receipt = (await t.api.get<Receipt>(`/v1/certificates/${c.body.id}/proof`)).body;
      const path = join(dir, 'reorg.json');
      writeFileSync(path, JSON.stringify(receipt));
      expect((await cli(['verify', path, '--rpc', chain.url])).code).toBe(0);
    } finally {
      await chain.stop();
    }
  }, 120_000);

  it('never anchors a batch twice: a lost submission is recognised on chain', async () => {
    const t = await env.newTenant('Forgetful');
    const c = await t.api.post<Summary>('/v1/certificates', { contentHash: hash() });
    const view = await confirmed(t, c.body.id);
    const before = await notary.provider().getTransactionCount(await notary.wallet(0).getAddress());
    // Forget that it was sent, as after a crash between sending and recording.
    await pg.query(`UPDATE certificate_anchors SET status = 'PENDING', tx_hash = NULL, block_hash = NULL WHERE batch_id = $1`, [view.batchId]);
    await pg.query(`UPDATE certificate_batches SET status = 'PENDING' WHERE id = $1`, [view.batchId]);
    const again = await confirmed(t, c.body.id);
    expect(again.anchors[0].txHash).toBe(view.anchors[0].txHash);
    expect(await notary.provider().getTransactionCount(await notary.wallet(0).getAddress())).toBe(before);
  }, 60_000);
});
