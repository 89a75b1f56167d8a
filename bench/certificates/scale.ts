// Certificates at scale: loads N certificates (default 10,000,000) across T tenants, written with
// COPY exactly as the group commit writes them (raw-rows.ts, 10,000 per ingestion), lets the
// platform's own sealer seal them (Merkle trees stored with the batches), then measures
//   - proof lookups: GET /v1/certificates/{id}/proof for random certificates, through HTTP and
//     auth, p50/p99 (goal: under 5 ms), and the same lookup's SQL alone;
//   - bytes stored per certificate: certificates, ingestions and batches (trees), indexes and
//     TOAST included.
//   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register bench/certificates/scale.ts [--certificates 10000000] [--tenants 10] [--lookups 5000] [--concurrency 8] [--cpu-prof]
// Needs about 4 GB of free disk for 10 million; the run's database is dropped at the end.
import { newId } from '@chainloom/core';
import { proofOffsets } from '@chainloom/merkle';
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { benchOptions, numberOption, rejectUnknown } from '../lib/options';
import { installCleanup } from '../lib/processes';
import { cpuProfileFlags } from '../lib/profile';
import { startPlatformServer } from '../lib/servers';
import { fmt, quantileSorted, table } from '../lib/stats';
import { provisionTenant } from '../lib/tenant';
import { copyCertificates, insertIngestion } from './raw-rows';

const PER_INGESTION = 10_000;

async function load(pool: Pool, tenantIds: string[], total: number) {
  const perTenant = Math.ceil(total / tenantIds.length / PER_INGESTION);
  const jobs = tenantIds.flatMap((tenantId) => Array.from({ length: perTenant }, () => tenantId));
  let done = 0;
  const started = performance.now();
  let lastReport = started;
  // Two writers: one per core.
  await Promise.all(
    [0, 1].map(async () => {
      for (let tenantId = jobs.pop(); tenantId; tenantId = jobs.pop()) {
        const hashes = Array.from({ length: PER_INGESTION }, () => randomBytes(32).toString('hex'));
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const ingestionId = newId('cing');
          const ids = await copyCertificates(client, tenantId, ingestionId, hashes);
          await insertIngestion(client, tenantId, ingestionId, ids);
          await client.query('COMMIT');
        } finally {
          client.release();
        }
        done += PER_INGESTION;
        if (performance.now() - lastReport > 10_000) {
          lastReport = performance.now();
          process.stderr.write(`loaded ${fmt(done)} certificates (${fmt(done / ((lastReport - started) / 1000))}/s)\n`);
        }
      }
    }),
  );
  return { rows: done, seconds: (performance.now() - started) / 1000 };
}

async function waitForSealing(pool: Pool) {
  const started = performance.now();
  for (;;) {
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM certificate_ingestions WHERE batch_id IS NULL AND leaf_offset IS NULL`);
    if (rows[0].n === 0) return (performance.now() - started) / 1000;
    process.stderr.write(`sealing: ${rows[0].n} ingestions of ${PER_INGESTION} certificates left\n`);
    await new Promise((r) => setTimeout(r, 10_000));
  }
}

async function timed(concurrency: number, count: number, call: (i: number) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < count; i = next++) {
        const t = performance.now();
        await call(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return latencies.sort((a, b) => a - b);
}

async function main() {
  const options = benchOptions(process.argv.slice(2));
  const total = numberOption(options.rest, 'certificates', 'BENCH_CERTIFICATES', 10_000_000);
  const tenantCount = numberOption(options.rest, 'tenants', 'BENCH_TENANTS', 10);
  const lookups = numberOption(options.rest, 'lookups', 'BENCH_LOOKUPS', 5_000);
  const concurrency = numberOption(options.rest, 'concurrency', 'BENCH_CONCURRENCY', 8);
  rejectUnknown(options.rest);
  installCleanup();
  const profile = cpuProfileFlags(options, 'platform-scale');
  const platform = await startPlatformServer({
    entry: 'bench/certificates/certificates-server.ts',
    env: { RECONCILE_INTERVAL_MS: '2000', ...(profile.length ? { NODE_OPTIONS: profile.join(' ') } : {}) },
  });
  const pool = new Pool({ connectionString: platform.databaseUrl, max: 4 });
  try {
    const tenants = await Promise.all(
      Array.from({ length: tenantCount }, () => provisionTenant(platform.server.url, platform.admin, { scopes: ['certificates:read'] })),
    );
    const loaded = await load(pool, tenants.map((t) => t.tenantId), total);
    console.log(`loaded ${fmt(loaded.rows)} certificates with COPY in ${fmt(loaded.seconds)} s (${fmt(loaded.rows / loaded.seconds)}/s)`);
    const sealSeconds = await waitForSealing(pool);
    console.log(`sealed by the platform's sealer ${fmt(sealSeconds)} s after loading finished`);
    // What autovacuum does after a bulk load anyway (visibility map, statistics): done now, so
    // the lookups below measure the steady state rather than autovacuum running beside them.
    const vacuumStarted = performance.now();
    await pool.query('VACUUM (ANALYZE) certificates, certificate_ingestions, certificate_batches');
    console.log(`VACUUM (ANALYZE) after loading: ${fmt((performance.now() - vacuumStarted) / 1000)} s`);

    const sizes = await pool.query<Record<string, string>>(`
      SELECT (SELECT count(*) FROM certificates) AS certificates,
             pg_table_size('certificates') AS cert_table, pg_indexes_size('certificates') AS cert_indexes,
             pg_total_relation_size('certificate_ingestions') AS ingestions,
             pg_table_size('certificate_batches') AS batch_table, pg_indexes_size('certificate_batches') AS batch_indexes`);
    const s = Object.fromEntries(Object.entries(sizes.rows[0]).map(([k, v]) => [k, Number(v)]));
    const per = (bytes: number) => (bytes / s.certificates).toFixed(1);
    console.log(`\nBytes stored per certificate, ${fmt(s.certificates)} certificates (medians do not apply: one measurement)`);
    console.log(
      table(
        ['what', 'bytes', 'per certificate'],
        [
          ['certificates: rows (heap, TOAST)', s.cert_table, per(s.cert_table)],
          ['certificates: indexes (primary key, content hash, external id)', s.cert_indexes, per(s.cert_indexes)],
          ['certificate_ingestions (rows and indexes)', s.ingestions, per(s.ingestions)],
          ['certificate_batches: rows with Merkle trees (TOAST)', s.batch_table, per(s.batch_table)],
          ['certificate_batches: indexes', s.batch_indexes, per(s.batch_indexes)],
          ['total', s.cert_table + s.cert_indexes + s.ingestions + s.batch_table + s.batch_indexes, per(s.cert_table + s.cert_indexes + s.ingestions + s.batch_table + s.batch_indexes)],
        ],
      ),
    );

    // Random certificates: a block sample spread over the whole table.
    const sample = await pool.query<{ tenant_id: string; id: string }>(
      `SELECT tenant_id, id FROM certificates TABLESAMPLE SYSTEM (1) ORDER BY random() LIMIT $1`,
      [lookups],
    );
    const keys = new Map(tenants.map((t) => [t.tenantId, t.apiKey]));
    const rows: (string | number)[][] = [];
    const statuses = new Map<number, number>();
    // One client at a time (the latency of a lookup), then `concurrency` (with queueing on 2 cores).
    for (const clients of [...new Set([1, concurrency])]) {
      const http = await timed(clients, sample.rows.length, async (i) => {
        const { tenant_id, id } = sample.rows[i];
        const res = await fetch(`${platform.server.url}/v1/certificates/${id}/proof`, { headers: { authorization: `Bearer ${keys.get(tenant_id)}` } });
        await res.arrayBuffer();
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      });
      // The lookup's SQL alone: the certificate with its placement, then the proof's words.
      const sql = await timed(clients, sample.rows.length, async (i) => {
        const { tenant_id, id } = sample.rows[(i * 7919) % sample.rows.length];
        const { rows: found } = await pool.query<{ batch_id: string; leaf_index: number; leaf_count: number }>(
          `SELECT i.batch_id, i.leaf_offset + c.ingest_index AS leaf_index, b.leaf_count
           FROM certificates c JOIN certificate_ingestions i ON i.id = c.ingestion_id JOIN certificate_batches b ON b.id = i.batch_id
           WHERE c.tenant_id = $1 AND c.id = $2`,
          [tenant_id, id],
        );
        const offsets = proofOffsets(found[0].leaf_count, found[0].leaf_index);
        await pool.query(
          `SELECT array_agg(substring(b.tree FROM u.o + 1 FOR 32) ORDER BY u.n) FROM certificate_batches b, unnest($2::int[]) WITH ORDINALITY AS u(o, n) WHERE b.id = $1`,
          [found[0].batch_id, offsets],
        );
      });
      const ms = (sorted: number[], q: number) => quantileSorted(sorted, q).toFixed(2);
      rows.push([`GET /v1/certificates/{id}/proof (HTTP, auth, SQL), ${clients} at a time`, ms(http, 0.5), ms(http, 0.99), http[http.length - 1].toFixed(2)]);
      rows.push([`the same two SQL queries alone, ${clients} at a time`, ms(sql, 0.5), ms(sql, 0.99), sql[sql.length - 1].toFixed(2)]);
    }
    console.log(`\nProof lookups of ${sample.rows.length} random certificates among ${fmt(s.certificates)} (status codes ${JSON.stringify(Object.fromEntries(statuses))})`);
    console.log(table(['path', 'p50 ms', 'p99 ms', 'max ms'], rows));
  } finally {
    await pool.end();
    await platform.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
