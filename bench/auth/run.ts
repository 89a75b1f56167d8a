// Authentication cost: (a) micro - nanoseconds per call of the credential cache, the AuthGuard and
// the rate limiter, inside the platform process; (b) macro - the same platform process serving a
// trivial route four ways, alternated in rounds with autocannon:
//   public         GET /v1/bench/ping-public  no credentials (the guard still runs and sees @Public)
//   public+header  the same, plus a header as long as the Authorization one, which nothing reads
//   session        GET /v1/bench/ping         a session token: guard + credential cache, no rate limiter
//   api-key        GET /v1/bench/ping         an API key: guard + credential cache + Redis rate limiter
// Goal (issue): authentication adds under 5% to the route's cost.
//   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register bench/auth/run.ts [--quick] [--rounds 3] [--duration 10] [--micro-rounds 5] [--micro-budget 300]
// --limiter-sketch (BENCH_LIMITER_SKETCH=1) adds a fifth target: the API key with the batched
// rate-limiter experiment of batched-limiter.ts swapped in.
// Options: see bench/lib/options.ts; --micro-rounds / BENCH_MICRO_ROUNDS, --micro-budget (ms per
// case and round) / BENCH_MICRO_BUDGET, --concurrency / BENCH_MICRO_CONCURRENCY (default: --connections).
import { Redis } from 'ioredis';
import {
  formatQuiet,
  noiseWarning,
  quietSummaries,
  pairedRatios,
  runRounds,
  summarize,
  type RoundResult,
  type Target,
  summaryTable,
  type TargetSummary,
} from '../lib/load';
import { benchOptions, domainSet, flagOption, numberOption, rejectUnknown } from '../lib/options';
import { exit, installCleanup } from '../lib/processes';
import { profileRounds } from '../lib/profile';
import { describeRun, machineInfo, printJsonLine } from '../lib/report';
import { PING_BODY, PING_PATH, PING_PUBLIC_PATH } from '../lib/routes';
import { BENCH_REDIS_URL, redisCpuMicros, startPlatformServer } from '../lib/servers';
import { median, round, signed, spread, table } from '../lib/stats';
import { provisionTenant } from '../lib/tenant';
import type { MicroCase, MicroRequest } from './micro';

const GOAL_PERCENT = 5;

async function expectPing(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers });
  const body = await res.text();
  if (res.status !== 200 || body !== JSON.stringify(PING_BODY))
    throw new Error(
      `GET ${url}: expected 200 ${JSON.stringify(PING_BODY)}, got ${res.status} ${body.slice(0, 300)}`,
    );
}

interface Added {
  comparison: string;
  /** Wall time per request at saturation (1 / req/s), µs and % of the baseline's. */
  wallMicros: number;
  wallPercent: number;
  /** Median over rounds of the same, from each round's adjacent pair: less sensitive to drift. */
  wallPercentPaired: number;
  /** Server CPU per request, µs and %. */
  cpuMicros: number;
  cpuPercent: number;
  /** Median over rounds of the CPU % from each round's adjacent pair. */
  cpuPercentPaired: number;
  /** The same plus redis-server's CPU per request (shared Redis: approximate). */
  cpuWithRedisMicros: number;
  cpuWithRedisPercent: number;
}

function added(
  comparison: string,
  with_: TargetSummary,
  without: TargetSummary,
  withRounds: readonly RoundResult[],
  withoutRounds: readonly RoundResult[],
): Added {
  const wallWith = 1e6 / with_.rps;
  const wallWithout = 1e6 / without.rps;
  const cpuWith = with_.perRequest.serverCpu;
  const cpuWithout = without.perRequest.serverCpu;
  const allWith = cpuWith + with_.perRequest.redisCpu;
  const allWithout = cpuWithout + without.perRequest.redisCpu;
  // rps ratio without/with = cost ratio with/without.
  const paired = pairedRatios(withoutRounds, withRounds, (r) => r.rps).map((ratio) => (ratio - 1) * 100);
  return {
    comparison,
    wallMicros: wallWith - wallWithout,
    wallPercent: (wallWith / wallWithout - 1) * 100,
    wallPercentPaired: median(paired),
    cpuMicros: cpuWith - cpuWithout,
    cpuPercent: (cpuWith / cpuWithout - 1) * 100,
    cpuPercentPaired: median(
      pairedRatios(withRounds, withoutRounds, (r) => r.perRequest.serverCpu).map(
        (ratio) => (ratio - 1) * 100,
      ),
    ),
    cpuWithRedisMicros: allWith - allWithout,
    cpuWithRedisPercent: (allWith / allWithout - 1) * 100,
  };
}

async function main() {
  const options = benchOptions();
  const domains = domainSet(); // fails early on a bad BENCH_DOMAINS
  const microRounds = numberOption(options.rest, 'micro-rounds', 'BENCH_MICRO_ROUNDS', options.quick ? 3 : 5);
  const microBudget = numberOption(
    options.rest,
    'micro-budget',
    'BENCH_MICRO_BUDGET',
    options.quick ? 100 : 300,
  );
  const concurrency = numberOption(
    options.rest,
    'concurrency',
    'BENCH_MICRO_CONCURRENCY',
    options.connections,
  );
  const sketch = flagOption(options.rest, 'limiter-sketch', 'BENCH_LIMITER_SKETCH');
  rejectUnknown(options.rest);
  installCleanup();
  const machine = machineInfo();
  console.log(
    `Authentication cost: credential cache, AuthGuard and rate limiter (micro); public vs authenticated route (macro)\n${describeRun(machine, options)}\n`,
  );

  const platform = await startPlatformServer({ entry: 'bench/auth/server.ts' });
  const redis = new Redis(BENCH_REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    const { server } = platform;
    const tenant = await provisionTenant(server.url, platform.admin);
    const keyAuth = { authorization: `Bearer ${tenant.apiKey}` };
    const sessionAuth = { authorization: `Bearer ${tenant.sessionToken}` };
    const padding = { 'x-bench-token': `Bearer ${'x'.repeat(tenant.apiKey.length)}` }; // as long as `authorization`
    await expectPing(server.url + PING_PUBLIC_PATH);
    await expectPing(server.url + PING_PATH, keyAuth);
    await expectPing(server.url + PING_PATH, sessionAuth);

    // (a) micro, on an idle server.
    process.stderr.write(`micro: ${microRounds} rounds x ${microBudget} ms per case\n`);
    const micro = await server.request<MicroCase[]>('micro', {
      apiKey: tenant.apiKey,
      sessionToken: tenant.sessionToken,
      rounds: microRounds,
      budgetMs: microBudget,
      concurrency,
      sketch,
    } satisfies MicroRequest);
    const microRows = micro.map((m) => {
      const { min, max } = spread(m.nsPerCall);
      return { name: m.name, ns: median(m.nsPerCall), min, max, cpuNs: median(m.cpuNsPerCall) };
    });
    console.log(
      `Micro (in the platform process; median of ${microRounds} rounds of ${microBudget} ms):\n` +
        table(
          ['case', 'ns/call', 'min', 'max', 'process CPU ns/call'],
          microRows.map((r) => [
            r.name,
            Math.round(r.ns),
            Math.round(r.min),
            Math.round(r.max),
            Math.round(r.cpuNs),
          ]),
        ),
    );

    // (b) macro: one process, three ways in (four with the experiment), alternated.
    const meters = { serverCpu: () => server.cpuMicros(), redisCpu: () => redisCpuMicros(redis) };
    const limiterMode = (mode: 'redis' | 'batched') => async () =>
      void (await server.request<string>('limiter', mode));
    const realLimiter = sketch ? limiterMode('redis') : undefined;
    const targets: Target[] = [
      { name: 'public', url: server.url + PING_PUBLIC_PATH, meters, before: realLimiter },
      // The same request bytes as the authenticated targets, in a header nobody reads: separates
      // the cost of carrying a credential (HTTP parsing, bytes) from that of checking it.
      {
        name: 'public+header',
        url: server.url + PING_PUBLIC_PATH,
        headers: padding,
        meters,
        before: realLimiter,
      },
      { name: 'session', url: server.url + PING_PATH, headers: sessionAuth, meters, before: realLimiter },
      { name: 'api-key', url: server.url + PING_PATH, headers: keyAuth, meters, before: realLimiter },
    ];
    if (sketch) {
      targets.push({
        name: 'api-key-batched',
        url: server.url + PING_PATH,
        headers: keyAuth,
        meters,
        before: limiterMode('batched'),
      });
    }
    const profiler = profileRounds([server], options.cpuProf);
    const rounds = await runRounds(targets, options, { afterWarmup: profiler.afterWarmup });
    for (const summary of await profiler.finish()) console.log(`\n${summary}`);
    const get = (name: string) => rounds.get(name) ?? [];
    const [pub, hdr, ses, key] = (['public', 'public+header', 'session', 'api-key'] as const).map((name) =>
      summarize(name, get(name)),
    );
    const batched = sketch ? summarize('api-key-batched', get('api-key-batched')) : null;
    const summaries = batched ? [pub, hdr, ses, key, batched] : [pub, hdr, ses, key];
    console.log(
      `\nMacro (one platform process, ${options.connections} connections; medians of ${options.rounds} rounds):\n` +
        summaryTable(summaries),
    );

    const total = added(
      'api-key vs public (authentication, with rate limiter)',
      key,
      pub,
      get('api-key'),
      get('public'),
    );
    const noLimiter = added(
      'session vs public (authentication, no rate limiter)',
      ses,
      pub,
      get('session'),
      get('public'),
    );
    const batchedTotal =
      batched &&
      added('EXPERIMENT api-key-batched vs public', batched, pub, get('api-key-batched'), get('public'));
    const costs = [
      total,
      noLimiter,
      added(
        'public+header vs public (carrying a credential: parsing, bytes)',
        hdr,
        pub,
        get('public+header'),
        get('public'),
      ),
      added(
        'session vs public+header (checking it: guard + cache, no limiter)',
        ses,
        hdr,
        get('session'),
        get('public+header'),
      ),
      added('api-key vs session (the rate limiter alone)', key, ses, get('api-key'), get('session')),
      ...(batched && batchedTotal
        ? [
            batchedTotal,
            added(
              'EXPERIMENT api-key-batched vs session (batched limiter alone)',
              batched,
              ses,
              get('api-key-batched'),
              get('session'),
            ),
          ]
        : []),
    ];
    console.log(
      '\nAdded cost per request:\n' +
        table(
          [
            'comparison',
            'wall µs',
            'wall %',
            'wall % (paired)',
            'server CPU µs',
            'server CPU %',
            'server CPU % (paired)',
            'server+redis CPU µs',
            'server+redis CPU %',
          ],
          costs.map((c) => [
            c.comparison,
            c.wallMicros,
            c.wallPercent,
            c.wallPercentPaired,
            c.cpuMicros,
            c.cpuPercent,
            c.cpuPercentPaired,
            c.cpuWithRedisMicros,
            c.cpuWithRedisPercent,
          ]),
        ),
    );
    // The verdict uses server CPU per request: on a shared machine it moves far less than req/s.
    const met = total.cpuPercent < GOAL_PERCENT;
    const verdict = (c: Added) =>
      `${signed(c.cpuPercent)}% server CPU per request (${signed(c.cpuWithRedisPercent)}% counting redis-server), ${signed(c.wallPercent)}% wall time per request (1/req/s)`;
    console.log(
      `\nGoal: authentication adds < ${GOAL_PERCENT}% to the route's cost (judged on server CPU per request)\n` +
        `  API key (rate limiter on):  ${verdict(total)}: ${met ? 'met' : 'NOT met'}\n` +
        `  session (no rate limiter):  ${verdict(noLimiter)}: ${noLimiter.cpuPercent < GOAL_PERCENT ? 'met' : 'NOT met'}` +
        (batchedTotal
          ? `\n  EXPERIMENT, batched limiter (bench/auth/batched-limiter.ts):  ${verdict(batchedTotal)}`
          : ''),
    );
    if (summaries.some((s) => s.non2xx || s.errors))
      console.log('WARNING: some responses were not 2xx or failed; see the per-round lines on stderr');
    const noise = noiseWarning(rounds.values());
    if (noise) console.log(`note: ${noise}`);
    const quiet = quietSummaries(rounds);
    if (quiet) console.log(formatQuiet(quiet));

    const summaryJson = (s: TargetSummary) => ({
      rps: round(s.rps),
      rpsMin: round(s.rpsMin),
      rpsMax: round(s.rpsMax),
      p50Ms: round(s.p50),
      p90Ms: round(s.p90),
      p99Ms: round(s.p99),
      serverCpuMicrosPerRequest: round(s.perRequest.serverCpu),
      redisCpuMicrosPerRequest: round(s.perRequest.redisCpu),
      serverCpuShare: round(s.share.serverCpu),
      loadgenCpuShare: round(s.loadgenCpu),
      otherCoresMax: round(s.otherCoresMax),
      non2xx: s.non2xx,
      errors: s.errors,
    });
    printJsonLine({
      bench: 'auth',
      noise: noise ?? null,
      machine,
      options: {
        rounds: options.rounds,
        durationSec: options.durationSec,
        warmupSec: options.warmupSec,
        connections: options.connections,
        pipelining: options.pipelining,
        microRounds,
        microBudgetMs: microBudget,
        concurrency,
        limiterSketch: sketch,
        domains,
      },
      micro: Object.fromEntries(
        microRows.map((r) => [
          r.name,
          { nsPerCall: round(r.ns), min: round(r.min), max: round(r.max), cpuNsPerCall: round(r.cpuNs) },
        ]),
      ),
      macro: {
        public: summaryJson(pub),
        publicWithHeader: summaryJson(hdr),
        session: summaryJson(ses),
        apiKey: { ...summaryJson(key), requestsPerSecondPerKey: tenant.requestsPerSecondPerKey },
        ...(batched ? { experimentApiKeyBatchedLimiter: summaryJson(batched) } : {}),
      },
      added: Object.fromEntries(
        costs.map((c) => [
          c.comparison,
          {
            wallMicros: round(c.wallMicros),
            wallPercent: round(c.wallPercent),
            wallPercentPaired: round(c.wallPercentPaired),
            cpuMicros: round(c.cpuMicros),
            cpuPercent: round(c.cpuPercent),
            cpuPercentPaired: round(c.cpuPercentPaired),
            cpuWithRedisMicros: round(c.cpuWithRedisMicros),
            cpuWithRedisPercent: round(c.cpuWithRedisPercent),
          },
        ]),
      ),
      quiet:
        quiet &&
        Object.fromEntries(
          quiet.map((q) => [
            q.target,
            { rounds: q.rounds, rps: round(q.rps), p50Ms: round(q.p50), p99Ms: round(q.p99) },
          ]),
        ),
      goal: {
        maxPercent: GOAL_PERCENT,
        judgedOn: 'server CPU per request',
        apiKeyCpuPercent: round(total.cpuPercent),
        apiKeyWallPercent: round(total.wallPercent),
        met,
        withoutRateLimiterCpuPercent: round(noLimiter.cpuPercent),
        withoutRateLimiterMet: noLimiter.cpuPercent < GOAL_PERCENT,
      },
    });
  } finally {
    redis.disconnect();
    await platform.stop();
  }
}

main().then(
  () => exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    exit(1);
  },
);
