// The long fuzz run: the same engine as tests/fuzz/openapi-fuzz.int-spec.ts, pass after pass
// with a new seed each time, until the time is up. Loopback only; its own database (created
// and migrated, dropped at the end) and Redis prefix.
//
//   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register bench/chaos/fuzz-long.ts \
//     [--seconds 600] [--seed N] [--runs 60] [--concurrency 4] [--timeout-ms 10000]
//
// Prints the per-operation table and the distinct failures of every pass, then a summary and one
// JSON line. Exit code 1 when anything failed. Replay a pass with --seed <its seed> --seconds 1.
import 'reflect-metadata';
import {
  describeFailure,
  distinctFailures,
  formatReport,
  runFuzz,
  type FuzzFailure,
} from '../../tests/fuzz/fuzz-engine';
import { createFuzzFixture } from '../../tests/fuzz/fuzz-fixture';
import { send } from '../../tests/support/http';
import { sampleMemory } from '../../tests/support/memory';
import { operationsOf, type OpenApiDocument } from '../../tests/support/openapi';
import { startPlatform } from '../../tests/support/platform';

function arg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = Number(at >= 0 ? process.argv[at + 1] : fallback);
  if (!Number.isFinite(value)) throw new Error(`--${name} must be a number`);
  return value;
}

async function main() {
  const seconds = arg('seconds', 600);
  let seed = arg('seed', Math.floor(Math.random() * 2 ** 31));
  const runsPerOperation = arg('runs', 60);
  const concurrency = arg('concurrency', 4);
  const timeoutMs = arg('timeout-ms', 10_000);
  const platform = await startPlatform({
    name: 'fuzz-long',
    config: { LOG_LEVEL: process.env.FUZZ_LOG_LEVEL ?? 'silent' },
  });
  const all: FuzzFailure[] = [];
  let requests = 0;
  let passes = 0;
  const seeds: number[] = [];
  const memory = [sampleMemory()];
  try {
    const doc = (await send(platform.url, { method: 'GET', url: '/v1/openapi.json' }))
      .json as OpenApiDocument;
    const operations = operationsOf(doc);
    const fixture = await createFuzzFixture(
      platform.url,
      platform.api,
      platform.pg,
      doc,
      platform.adminEmail,
    );
    const deadline = Date.now() + seconds * 1000;
    do {
      seeds.push(seed);
      const report = await runFuzz(fixture.target, operations, {
        seed,
        runsPerOperation,
        concurrency,
        timeoutMs,
      });
      passes++;
      requests += report.requests;
      all.push(...report.failures);
      memory.push(sampleMemory());
      process.stdout.write(`${formatReport(report, operations)}\n`);
      const m = memory.at(-1);
      process.stderr.write(
        `pass ${passes} (seed ${seed}): ${report.requests} requests, ${report.failures.length} failures; RSS ${m?.rssMb.toFixed(0)} MB, heap after GC ${m?.heapMb.toFixed(0)} MB\n`,
      );
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    } while (Date.now() < deadline);
  } finally {
    await platform.stop();
  }
  const distinct = distinctFailures(all);
  const fivexx = all.filter((f) => f.status !== null && f.status >= 500).length;
  process.stdout.write(
    `\nfuzz-long: ${passes} passes (seeds ${seeds.join(', ')}), ${requests} requests, ${all.length} failures (${fivexx} 5xx), ${distinct.length} distinct\n`,
  );
  for (const f of distinct) process.stdout.write(`- ${describeFailure(f)}\n`);
  const first = memory[0];
  const last = memory.at(-1) ?? first;
  process.stdout.write(
    `memory: RSS ${first.rssMb.toFixed(0)} → ${last.rssMb.toFixed(0)} MB, heap after GC ${first.heapMb.toFixed(0)} → ${last.heapMb.toFixed(0)} MB\n`,
  );
  process.stdout.write(
    `${JSON.stringify({ passes, seeds, requests, failures: all.length, fivexx, distinct: distinct.map(describeFailure), memory })}\n`,
  );
  process.exit(all.length ? 1 : 0);
}

main().catch((error: unknown) => {
  process.stderr.write(`fuzz-long: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(2);
});
