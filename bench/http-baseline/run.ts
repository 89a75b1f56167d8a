// HTTP baseline: requests per second and latency of a trivial authenticated route on the
// all-in-one platform (real TenancyModule, AuthGuard, credential cache, Redis rate limiter,
// ContractInterceptor, metrics hooks) against a bare Fastify server on the same machine, side by
// side in one run. The ratio is the framework overhead every later figure carries.
//
// Each server runs in a child process of its own; autocannon runs here, in the parent.
//   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register bench/http-baseline/run.ts [--quick] [--rounds 3] [--duration 10] ...
// Options: see bench/lib/options.ts.
import {
  formatQuiet,
  noiseWarning,
  quietSummaries,
  runRounds,
  summarize,
  pairedRatios,
  type Target,
  summaryTable,
  type TargetSummary,
  type RoundResult,
} from '../lib/load';
import { benchOptions, domainSet, rejectUnknown } from '../lib/options';
import { exit, installCleanup } from '../lib/processes';
import { profileRounds } from '../lib/profile';
import { describeRun, machineInfo, printJsonLine } from '../lib/report';
import { BARE_PATH, PING_BODY, PING_PATH } from '../lib/routes';
import { Redis } from 'ioredis';
import { BENCH_REDIS_URL, redisCpuMicros, startBareServer, startPlatformServer } from '../lib/servers';
import { fmt, median, round, signed } from '../lib/stats';
import { provisionTenant } from '../lib/tenant';

/** One request to check that a target answers 200 with the expected body before loading it. */
async function expectPing(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers });
  const body = await res.text();
  if (res.status !== 200 || body !== JSON.stringify(PING_BODY))
    throw new Error(
      `GET ${url}: expected 200 ${JSON.stringify(PING_BODY)}, got ${res.status} ${body.slice(0, 300)}`,
    );
}

function saturationNote(s: TargetSummary): string | null {
  const server = s.share.serverCpu;
  if (s.loadgenCpu > 0.9 && server < 0.9) {
    return `${s.target}: the load generator was the bottleneck (loadgen ${Math.round(s.loadgenCpu * 100)}% of a core, server ${Math.round(server * 100)}%); its req/s is a lower bound`;
  }
  return null;
}

async function main() {
  const options = benchOptions();
  const domains = domainSet(); // fails early on a bad BENCH_DOMAINS
  rejectUnknown(options.rest);
  installCleanup();
  const machine = machineInfo();
  console.log(
    `HTTP baseline: platform (trivial authenticated route) vs bare Fastify\n${describeRun(machine, options)}\n`,
  );

  const [bareStart, platformStart] = await Promise.allSettled([startBareServer(), startPlatformServer()]);
  if (bareStart.status === 'rejected' || platformStart.status === 'rejected') {
    await Promise.all([
      bareStart.status === 'fulfilled' && bareStart.value.stop(),
      platformStart.status === 'fulfilled' && platformStart.value.stop(),
    ]);
    throw bareStart.status === 'rejected'
      ? bareStart.reason
      : platformStart.status === 'rejected'
        ? platformStart.reason
        : new Error('unreachable');
  }
  const bare = bareStart.value;
  const platform = platformStart.value;
  const redis = new Redis(BENCH_REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    const tenant = await provisionTenant(platform.server.url, platform.admin);
    const auth = { authorization: `Bearer ${tenant.apiKey}` };
    await expectPing(bare.url + BARE_PATH);
    await expectPing(platform.server.url + PING_PATH, auth);

    const targets: Target[] = [
      {
        name: 'bare-fastify',
        url: bare.url + BARE_PATH,
        meters: { serverCpu: () => bare.cpuMicros(), redisCpu: () => redisCpuMicros(redis) },
      },
      {
        name: 'platform',
        url: platform.server.url + PING_PATH,
        headers: auth,
        meters: { serverCpu: () => platform.server.cpuMicros(), redisCpu: () => redisCpuMicros(redis) },
      },
    ];
    const profiler = profileRounds([bare, platform.server], options.cpuProf);
    const rounds = await runRounds(targets, options, { afterWarmup: profiler.afterWarmup });
    for (const summary of await profiler.finish()) console.log(`\n${summary}`);
    const bareRounds = rounds.get('bare-fastify') ?? [];
    const platformRounds = rounds.get('platform') ?? [];
    const b = summarize('bare-fastify', bareRounds);
    const p = summarize('platform', platformRounds);

    const ratio = {
      rps: p.rps / b.rps,
      p50: p.p50 / b.p50,
      p99: p.p99 / b.p99,
      serverCpuPerRequest: p.perRequest.serverCpu / b.perRequest.serverCpu,
    };
    const perRound = (f: (r: RoundResult) => number) => pairedRatios(platformRounds, bareRounds, f);
    const rpsRatios = perRound((r) => r.rps);
    // What the framework adds to every request: wall time per request at saturation, and CPU.
    const addedMicrosWall = 1e6 / p.rps - 1e6 / b.rps;
    const addedMicrosCpu = p.perRequest.serverCpu - b.perRequest.serverCpu;

    console.log(
      '\n' +
        summaryTable([b, p]),
    );
    console.log(
      `\nplatform / bare:  req/s x${fmt(ratio.rps)} (per round: ${rpsRatios.map((r) => fmt(r)).join(', ')}; median ${fmt(median(rpsRatios))})` +
        `   p50 x${fmt(ratio.p50)}   p99 x${fmt(ratio.p99)}   server CPU per request x${fmt(ratio.serverCpuPerRequest)}`,
    );
    console.log(
      `framework overhead per request: ${signed(addedMicrosWall)} µs of wall time at saturation (1/req/s), ${signed(addedMicrosCpu)} µs of server CPU`,
    );
    for (const note of [saturationNote(b), saturationNote(p)]) if (note) console.log(`note: ${note}`);
    if (b.non2xx || p.non2xx || b.errors || p.errors)
      console.log('WARNING: some responses were not 2xx or failed; see the per-round lines on stderr');
    const noise = noiseWarning(rounds.values());
    if (noise) console.log(`note: ${noise}`);
    const quiet = quietSummaries(rounds);
    const quietRatio = quiet ? (quiet[1]?.rps ?? Number.NaN) / (quiet[0]?.rps ?? Number.NaN) : null;
    if (quiet) console.log(`${formatQuiet(quiet)}; platform / bare req/s x${fmt(quietRatio ?? Number.NaN)}`);

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
      bench: 'http-baseline',
      noise: noise ?? null,
      machine,
      options: {
        rounds: options.rounds,
        durationSec: options.durationSec,
        warmupSec: options.warmupSec,
        connections: options.connections,
        pipelining: options.pipelining,
      },
      bare: { ...summaryJson(b), route: `GET ${BARE_PATH}` },
      platform: {
        ...summaryJson(p),
        route: `GET ${PING_PATH} (API key, usage:read, rate limiter on)`,
        requestsPerSecondPerKey: tenant.requestsPerSecondPerKey,
        domains,
      },
      ratio: {
        rps: round(ratio.rps),
        rpsPerRound: rpsRatios.map((r) => round(r)),
        p50: round(ratio.p50),
        p99: round(ratio.p99),
        serverCpuPerRequest: round(ratio.serverCpuPerRequest),
      },
      overheadMicrosPerRequest: { wall: round(addedMicrosWall), serverCpu: round(addedMicrosCpu) },
      quiet: quiet && {
        rounds: Object.fromEntries(
          quiet.map((q) => [
            q.target,
            { rounds: q.rounds, rps: round(q.rps), p50Ms: round(q.p50), p99Ms: round(q.p99) },
          ]),
        ),
        rpsRatio: round(quietRatio ?? Number.NaN),
      },
    });
  } finally {
    redis.disconnect();
    await Promise.all([bare.stop(), platform.stop()]);
  }
}

main().then(
  () => exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    exit(1);
  },
);
