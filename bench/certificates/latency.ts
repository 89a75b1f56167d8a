// Ack → CONFIRMED latency: single-certificate POSTs at a steady rate against the platform with a
// notary network on anvil (1-second blocks, 1 confirmation by default), then, for every
// certificate, the time from the client receiving 201 to its batch being CONFIRMED (the
// batch's confirmed_at, written by the confirm job on the same machine's clock).
//   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register bench/certificates/latency.ts [--rate 200] [--duration 15] [--confirmations 1]
import { Client } from 'pg';
import { randomBytes } from 'node:crypto';
import { benchOptions, numberOption, rejectUnknown } from '../lib/options';
import { installCleanup } from '../lib/processes';
import { startPlatformServer } from '../lib/servers';
import { fmt, quantileSorted, table } from '../lib/stats';
import { provisionTenant } from '../lib/tenant';

async function main() {
  const options = benchOptions();
  const rate = numberOption(options.rest, 'rate', 'BENCH_RATE', 200);
  const confirmations = numberOption(options.rest, 'confirmations', 'BENCH_CONFIRMATIONS', 1);
  rejectUnknown(options.rest);
  installCleanup();
  const platform = await startPlatformServer({
    entry: 'bench/certificates/certificates-server.ts',
    env: { BENCH_CHAIN: '1', BENCH_CONFIRMATIONS: String(confirmations), BENCH_BLOCK_SECONDS: '1', RECONCILE_INTERVAL_MS: '5000' },
  });
  const db = new Client({ connectionString: platform.databaseUrl });
  try {
    await db.connect();
    const tenant = await provisionTenant(platform.server.url, platform.admin, { scopes: ['certificates:write'] });
    const acked = new Map<string, number>();
    const url = platform.server.url + '/v1/certificates';
    const interval = 1000 / rate;
    const end = Date.now() + options.durationSec * 1000;
    const inflight: Promise<void>[] = [];
    for (let next = Date.now(); next < end; next += interval) {
      const wait = next - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      inflight.push(
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.apiKey}` },
          body: JSON.stringify({ contentHash: '0x' + randomBytes(32).toString('hex') }),
        }).then(async (res) => {
          const at = Date.now();
          const body = (await res.json()) as { id?: string };
          if (res.status === 201 && body.id) acked.set(body.id, at);
        }),
      );
    }
    await Promise.all(inflight);
    const deadline = Date.now() + 120_000;
    let confirmedAt = new Map<string, number>();
    while (Date.now() < deadline) {
      const { rows } = await db.query<{ id: string; confirmed_at: Date }>(
        `SELECT c.id, b.confirmed_at FROM certificates c JOIN certificate_ingestions i ON i.id = c.ingestion_id JOIN certificate_batches b ON b.id = i.batch_id WHERE b.status = 'CONFIRMED'`,
      );
      confirmedAt = new Map(rows.map((r) => [r.id, r.confirmed_at.getTime()]));
      if (confirmedAt.size >= acked.size) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const latencies = [...acked].filter(([id]) => confirmedAt.has(id)).map(([id, at]) => (confirmedAt.get(id) as number) - at).sort((a, b) => a - b);
    console.log(`\nack → CONFIRMED, ${acked.size} certificates at ${rate}/s for ${options.durationSec} s; 1-second blocks, ${confirmations} confirmation(s), seal interval 1 s`);
    console.log(
      table(
        ['confirmed', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms'],
        [[`${latencies.length}/${acked.size}`, quantileSorted(latencies, 0.5), quantileSorted(latencies, 0.9), quantileSorted(latencies, 0.99), latencies[latencies.length - 1] ?? Number.NaN]],
      ),
    );
    void fmt;
  } finally {
    await db.end().catch(() => undefined);
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
