// Batch ingestion: POST /v1/certificates/batch (10,000 items a request) in certificates/s, against
// the storage ceiling: the same rows written straight into the same table of the same database
// with COPY (as the platform writes them; one transaction per request's rows) from as many
// concurrent clients, with no HTTP, JSON, auth or quota in the way; and with the multi-row
// INSERT ... unnest for comparison.
//   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register bench/certificates/batch.ts [--quick] [--connections 4] [--duration 10] [--role api|all] [--items 10000] [--cpu-prof]
import { newId, newIds } from '@chainloom/core';
import { randomBytes } from 'node:crypto';
import { Pool, type PoolClient } from 'pg';
import { benchOptions, numberOption, rejectUnknown } from '../lib/options';
import { installCleanup } from '../lib/processes';
import { cpuProfileFlags } from '../lib/profile';
import { startPlatformServer } from '../lib/servers';
import { fmt, median, table } from '../lib/stats';
import { provisionTenant } from '../lib/tenant';
import { postLoad } from './post-load';
import { CERTIFICATE_COLUMNS, copyCertificates, utcNow } from './raw-rows';

const INSERT = `
  INSERT INTO certificates (${CERTIFICATE_COLUMNS})
  SELECT tenant_id, id, decode(content_hash, 'hex'), hash_algorithm, metadata::jsonb, decode(metadata_digest, 'hex'),
         decode(salt, 'hex'), external_id, ingestion_id, ingest_index, created_at
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::int[], $11::timestamp[])
    AS u(id, tenant_id, content_hash, hash_algorithm, metadata, metadata_digest, salt, external_id, ingestion_id, ingest_index, created_at)`;

type RawMethod = 'copy' | 'insert';

/** One request's rows as the platform stores them: fresh ascending ids, the request's hashes. */
async function writeRows(client: PoolClient, method: RawMethod, tenantId: string, hashes: string[]) {
  const ingestionId = newId('cing');
  if (method === 'copy') {
    await copyCertificates(client, tenantId, ingestionId, hashes);
    return;
  }
  const ids = newIds('cert', hashes.length);
  const column = <T,>(value: T) => ids.map(() => value);
  const zero = '00'.repeat(32);
  await client.query(INSERT, [ids, column(tenantId), hashes, column('sha256'), column(null), column(zero), column(null), column(null), column(ingestionId), ids.map((_, i) => i), column(utcNow())]);
}

/** `clients` loops of one transaction writing a request's rows each, for `seconds`: rows/s. */
async function rawWrite(databaseUrl: string, method: RawMethod, tenantId: string, hashes: string[], clients: number, seconds: number) {
  const pool = new Pool({ connectionString: databaseUrl, max: clients });
  const deadline = Date.now() + seconds * 1000;
  let rows = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < deadline) {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          await writeRows(client, method, tenantId, hashes);
          await client.query('COMMIT');
          rows += hashes.length;
        } finally {
          client.release();
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  await pool.end();
  return rows / elapsed;
}

async function main() {
  const options = benchOptions(process.argv.slice(2));
  const role = options.rest.get('role') ?? 'api';
  options.rest.delete('role');
  const items = numberOption(options.rest, 'items', 'BENCH_ITEMS', 10_000);
  const connections = options.rest.has('connections') ? options.connections : Math.min(options.connections, 4);
  rejectUnknown(options.rest);
  installCleanup();
  const profile = cpuProfileFlags(options, 'platform-batch');
  const platform = await startPlatformServer({
    entry: 'bench/certificates/certificates-server.ts',
    env: { CHAINLOOM_ROLE: role, ...(profile.length ? { NODE_OPTIONS: profile.join(' ') } : {}) },
  });
  try {
    const tenant = await provisionTenant(platform.server.url, platform.admin, { scopes: ['certificates:write'] });
    // Random hashes, as real evidence: the content-hash index does the same work in the API and
    // in the raw writes.
    const hashes = Array.from({ length: items }, () => randomBytes(32).toString('hex'));
    const body = JSON.stringify({ items: hashes.map((h) => ({ contentHash: '0x' + h })) });
    const url = platform.server.url + '/v1/certificates/batch';
    const headers = { authorization: `Bearer ${tenant.apiKey}` };
    await postLoad({ url, body, headers, connections, durationSec: options.warmupSec || 1 });
    const api: number[] = [];
    const copy: number[] = [];
    const insert: number[] = [];
    const p99: number[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      const r = await postLoad({ url, body, headers, connections, durationSec: options.durationSec });
      api.push(r.rps * items);
      p99.push(r.p99);
      copy.push(await rawWrite(platform.databaseUrl, 'copy', `ten_copy_${round}`, hashes, connections, options.durationSec));
      insert.push(await rawWrite(platform.databaseUrl, 'insert', `ten_insert_${round}`, hashes, connections, options.durationSec));
      process.stderr.write(
        `round ${round}: API ${fmt(r.rps * items)} certificates/s (${fmt(r.rps)} requests/s, p50 ${fmt(r.p50)} ms, p99 ${fmt(r.p99)} ms, ${JSON.stringify(r.statusCodes)})  ` +
          `raw COPY ${fmt(copy[round - 1])} rows/s  raw INSERT ${fmt(insert[round - 1])} rows/s\n`,
      );
    }
    const share = (x: number) => `${Math.round((x / median(copy)) * 100)}%`;
    console.log(`\nPOST /v1/certificates/batch, ${items} items a request, ${connections} concurrent (role ${role}; medians of ${options.rounds} x ${options.durationSec} s)`);
    console.log(
      table(
        ['path', 'certificates/s', 'p99 ms per request', 'share of raw COPY'],
        [
          ['API (HTTP + JSON + auth + quota + group commit)', Math.round(median(api)), median(p99), share(median(api))],
          ['raw COPY, same rows and table (the ceiling)', Math.round(median(copy)), '-', '100%'],
          ['raw multi-row INSERT ... unnest, same rows', Math.round(median(insert)), '-', share(median(insert))],
        ],
      ),
    );
  } finally {
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
