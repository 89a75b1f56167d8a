// JSON-RPC load with autocannon: POST requests with a body, in alternating rounds at a fixed number
// of connections. bench/lib/load.ts's loadRound() sends GETs only (its Target has no method or
// body); this is the same measurement (latency of every 2xx response, CPU meters around each run,
// the machine's other CPU from /proc/stat) for POSTs.
import autocannon from 'autocannon';
import { machineBusyMicros, type Meter } from '../lib/load';
import { Samples, fmt, median, quantileSorted } from '../lib/stats';

export interface PostTarget {
  name: string;
  url: string;
  body: string;
  headers: Record<string, string>;
  /** Monotonic counters in µs (CPU time of a process), read before and after each run. */
  meters: Record<string, Meter>;
}

export interface PostRound {
  target: string;
  connections: number;
  round: number;
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** Meter increase per 2xx response, in µs. */
  perRequest: Record<string, number>;
  /** Share of one core the load generator used. */
  loadgenCpu: number;
  /** Cores used by everything else (PostgreSQL and Redis included): /proc/stat busy minus loadgen and meters. */
  otherCores: number;
}

async function readMeters(meters: Record<string, Meter>): Promise<Record<string, number>> {
  return Object.fromEntries(await Promise.all(Object.entries(meters).map(async ([name, read]) => [name, await read()] as const)));
}

export async function postRound(target: PostTarget, connections: number, durationSec: number, round: number): Promise<PostRound> {
  const before = await readMeters(target.meters);
  const busyBefore = machineBusyMicros();
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const latencies = new Samples();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: target.url, method: 'POST', body: target.body, headers: target.headers, connections, pipelining: 1, duration: durationSec },
      (error: unknown, res: autocannon.Result) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(res)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
  const wallMicros = (performance.now() - wallBefore) * 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const busy = machineBusyMicros() - busyBefore;
  const after = await readMeters(target.meters);
  const sorted = latencies.sorted();
  const requests = result['2xx'];
  const elapsedSec = (result.finish.getTime() - result.start.getTime()) / 1000 || durationSec;
  const perRequest: Record<string, number> = {};
  let metered = 0;
  for (const name of Object.keys(target.meters)) {
    const delta = after[name] - before[name];
    perRequest[name] = requests ? delta / requests : Number.NaN;
    if (Number.isFinite(delta)) metered += delta;
  }
  return {
    target: target.name,
    connections,
    round,
    requests,
    rps: requests / elapsedSec,
    p50: quantileSorted(sorted, 0.5),
    p90: quantileSorted(sorted, 0.9),
    p99: quantileSorted(sorted, 0.99),
    non2xx: result.non2xx,
    errors: result.errors,
    perRequest,
    loadgenCpu: (cpu.user + cpu.system) / wallMicros,
    otherCores: Math.max(0, busy - cpu.user - cpu.system - metered) / wallMicros,
  };
}

export const describePostRound = (r: PostRound) =>
  `round ${r.round} c=${String(r.connections).padEnd(3)} ${r.target.padEnd(16)} ${fmt(r.rps).padStart(7)} req/s  p50 ${fmt(r.p50)} ms  p99 ${fmt(r.p99)} ms` +
  Object.entries(r.perRequest)
    .map(([name, value]) => `  ${name} ${fmt(value)} µs/req`)
    .join('') +
  `  loadgen ${Math.round(r.loadgenCpu * 100)}%  others ${fmt(r.otherCores, 2)} cores` +
  (r.non2xx || r.errors ? `  !! non-2xx ${r.non2xx} errors ${r.errors}` : '');

/**
 * Warms every target up, then runs `rounds` rounds; each round runs every target once, starting
 * with a different one each round (as bench/lib's runRounds does).
 */
export async function runPostRounds(
  targets: readonly PostTarget[],
  options: { connections: number; rounds: number; durationSec: number; warmupSec: number },
  log: (line: string) => void,
  afterWarmup?: () => Promise<void>,
): Promise<Map<string, PostRound[]>> {
  const results = new Map<string, PostRound[]>(targets.map((t) => [t.name, []]));
  if (options.warmupSec > 0) {
    for (const target of targets) {
      const warm = await postRound({ ...target, meters: {} }, options.connections, options.warmupSec, 0);
      log(`warm-up  c=${options.connections} ${target.name.padEnd(16)} ${fmt(warm.rps).padStart(7)} req/s${warm.non2xx || warm.errors ? `  !! non-2xx ${warm.non2xx} errors ${warm.errors}` : ''}`);
    }
  }
  await afterWarmup?.();
  for (let round = 1; round <= options.rounds; round++) {
    for (let i = 0; i < targets.length; i++) {
      const target = targets[(i + round - 1) % targets.length];
      const result = await postRound(target, options.connections, options.durationSec, round);
      results.get(target.name)?.push(result);
      log(describePostRound(result));
    }
  }
  return results;
}

export interface PostSummary {
  target: string;
  connections: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  perRequest: Record<string, number>;
  otherCoresMax: number;
  non2xx: number;
  errors: number;
}

export function summarizePost(rounds: readonly PostRound[]): PostSummary {
  const pick = (f: (r: PostRound) => number) => median(rounds.map(f));
  const names = Object.keys(rounds[0]?.perRequest ?? {});
  return {
    target: rounds[0]?.target ?? '?',
    connections: rounds[0]?.connections ?? Number.NaN,
    rps: pick((r) => r.rps),
    p50: pick((r) => r.p50),
    p90: pick((r) => r.p90),
    p99: pick((r) => r.p99),
    perRequest: Object.fromEntries(names.map((n) => [n, pick((r) => r.perRequest[n])])),
    otherCoresMax: Math.max(...rounds.map((r) => r.otherCores)),
    non2xx: rounds.reduce((sum, r) => sum + r.non2xx, 0),
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
  };
}
