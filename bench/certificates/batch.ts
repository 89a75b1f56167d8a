// Batch ingestion: POST /v1/certificates/batch (10,000 items a request) in certificates/s, against
// the storage ceiling: the same rows written straight into the same table of the same database
// with the same multi-row INSERT (unnest arrays, one transaction per 10,000 rows) from as many
// concurrent clients, with no HTTP, JSON, auth or quota in the way.
//   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register bench/certificates/batch.ts [--quick] [--connections 4] [--duration 10] [--role api|all] [--items 10000]
import { newId } from '@chainloom/core';
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { benchOptions, numberOption, rejectUnknown } from '../lib/options';
import { installCleanup } from '../lib/processes';
import { startPlatformServer } from '../lib/servers';
import { fmt, median, table } from '../lib/stats';
import { provisionTenant } from '../lib/tenant';
import { postLoad } from './post-load';

const INSERT = `
  INSERT INTO certificates (id, tenant_id, content_hash, hash_algorithm, metadata, metadata_digest, salt, external_id, created_at, updated_at)
  SELECT id, tenant_id, decode(content_hash, 'hex'), hash_algorithm, metadata::jsonb, decode(metadata_digest, 'hex'),
         decode(salt, 'hex'), external_id, created_at, created_at
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamp[])
    AS u(id, tenant_id, content_hash, hash_algorithm, metadata, metadata_digest, salt, external_id, created_at)`;

/** The raw ceiling: `clients` loops of one 10,000-row INSERT transaction each, for `seconds`. */
async function rawInsert(databaseUrl: string, tenantId: string, items: number, clients: number, seconds: number) {
  const pool = new Pool({ connectionString: databaseUrl, max: clients });
  const deadline = Date.now() + seconds * 1000;
  let rows = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < deadline) {
        const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
        const ids = Array.from({ length: items }, () => newId('cert'));
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          await client.query(INSERT, [
            ids,
            ids.map(() => tenantId),
            ids.map(() => 'ab'.repeat(32)),
            ids.map(() => 'sha256'),
            ids.map(() => null),
            ids.map(() => '00'.repeat(32)),
            ids.map(() => null),
            ids.map(() => null),
            ids.map(() => now),
          ]);
          await client.query('COMMIT');
          rows += items;
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
  const platform = await startPlatformServer({ entry: 'bench/certificates/certificates-server.ts', env: { CHAINLOOM_ROLE: role } });
  try {
    const tenant = await provisionTenant(platform.server.url, platform.admin, { scopes: ['certificates:write'] });
    const body = JSON.stringify({ items: Array.from({ length: items }, () => ({ contentHash: '0x' + randomBytes(32).toString('hex') })) });
    const url = platform.server.url + '/v1/certificates/batch';
    const headers = { authorization: `Bearer ${tenant.apiKey}` };
    await postLoad({ url, body, headers, connections, durationSec: options.warmupSec || 1 });
    const api: number[] = [];
    const raw: number[] = [];
    const p99: number[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      const r = await postLoad({ url, body, headers, connections, durationSec: options.durationSec });
      api.push(r.rps * items);
      p99.push(r.p99);
      const ceiling = await rawInsert(platform.databaseUrl, `ten_raw_${round}`, items, connections, options.durationSec);
      raw.push(ceiling);
      process.stderr.write(
        `round ${round}: API ${fmt(r.rps * items)} certificates/s (${fmt(r.rps)} requests/s, p50 ${fmt(r.p50)} ms, p99 ${fmt(r.p99)} ms, ${JSON.stringify(r.statusCodes)})  raw INSERT ${fmt(ceiling)} rows/s\n`,
      );
    }
    console.log(`\nPOST /v1/certificates/batch, ${items} items a request, ${connections} concurrent (role ${role}; medians of ${options.rounds} x ${options.durationSec} s)`);
    console.log(
      table(
        ['path', 'certificates/s', 'p99 ms per request', 'share of raw'],
        [
          ['API (HTTP + JSON + auth + quota + group commit)', Math.round(median(api)), median(p99), `${Math.round((median(api) / median(raw)) * 100)}%`],
          ['raw multi-row INSERT, same rows and table', Math.round(median(raw)), '-', '100%'],
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
