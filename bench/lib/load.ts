// HTTP load with autocannon, run in this (the parent) process against servers in children, in
// alternating rounds so that the machine's background noise falls on every target alike.
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import type { LoadOptions } from './options';
import { Samples, fmt, median, quantileSorted, spread, table } from './stats';

/** A monotonic counter in microseconds (e.g. a process's CPU time), read around every round. */
export type Meter = () => Promise<number>;

export interface Target {
  name: string;
  url: string;
  headers?: Record<string, string>;
  /** Counters read before and after each round; reported per request and as a share of wall time. */
  meters?: Record<string, Meter>;
  /** Runs before each of this target's runs (warm-up included), e.g. to switch a server's mode. */
  before?: () => Promise<void>;
}

export interface RoundResult {
  target: string;
  round: number;
  /** Successful (2xx) responses. */
  requests: number;
  /** 2xx responses per second of wall time. */
  rps: number;
  /** Latency of 2xx responses in ms, from every response (autocannon's own histogram rounds to whole ms). */
  p50: number;
  p90: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** Share of one core the load generator (this process) used. */
  loadgenCpu: number;
  /** Meter increase per 2xx response, in µs. */
  perRequest: Record<string, number>;
  /** Meter increase per µs of wall time (for CPU meters: the share of one core). */
  share: Record<string, number>;
  /**
   * CPU used on the machine by everything else (other processes, kernel, Redis/PostgreSQL unless
   * metered), in cores: busy time from /proc/stat minus the load generator and the *Cpu meters.
   * A round where this is high shared the machine with someone else. NaN where /proc is missing.
   */
  otherCores: number;
}

export interface TargetSummary {
  target: string;
  rounds: number;
  /** Medians over the rounds. */
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  rpsMin: number;
  rpsMax: number;
  loadgenCpu: number;
  perRequest: Record<string, number>;
  share: Record<string, number>;
  /** The highest otherCores of any round. */
  otherCoresMax: number;
  /** Totals over the rounds: anything here deserves a look. */
  non2xx: number;
  errors: number;
}

/** Busy (non-idle, non-iowait) CPU time of the whole machine in µs, from /proc/stat; NaN elsewhere. */
export function machineBusyMicros(): number {
  try {
    const fields = readFileSync('/proc/stat', 'utf8')
      .split('\n', 1)[0]
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    // user nice system idle iowait irq softirq steal guest guest_nice; guest time is already in user.
    const [user, nice, system, , , irq, softirq, steal] = fields;
    return ((user + nice + system + irq + softirq + steal) * 1e6) / 100; // USER_HZ is 100 on Linux
  } catch {
    return Number.NaN;
  }
}

async function readMeters(meters: Record<string, Meter>): Promise<Record<string, number>> {
  const entries = await Promise.all(
    Object.entries(meters).map(async ([name, read]) => [name, await read()] as const),
  );
  return Object.fromEntries(entries);
}

/** One autocannon run against one target. */
export async function loadRound(
  target: Target,
  options: Omit<LoadOptions, 'rounds' | 'warmupSec'>,
  round = 0,
): Promise<RoundResult> {
  const meters = target.meters ?? {};
  await target.before?.();
  const before = await readMeters(meters);
  const busyBefore = machineBusyMicros();
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const latencies = new Samples();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        headers: target.headers,
        connections: options.connections,
        pipelining: options.pipelining,
        duration: options.durationSec,
      },
      (error: unknown, res: autocannon.Result) =>
        error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(res),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
  const wallMicros = (performance.now() - wallBefore) * 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const busy = machineBusyMicros() - busyBefore;
  const after = await readMeters(meters);

  const sorted = latencies.sorted();
  const requests = result['2xx'];
  const elapsedSec = (result.finish.getTime() - result.start.getTime()) / 1000 || options.durationSec;
  const perRequest: Record<string, number> = {};
  const share: Record<string, number> = {};
  for (const name of Object.keys(meters)) {
    const delta = after[name] - before[name];
    perRequest[name] = requests ? delta / requests : Number.NaN;
    share[name] = delta / wallMicros;
  }
  const metered = Object.keys(meters)
    .filter((name) => name.endsWith('Cpu'))
    .reduce((sum, name) => sum + (after[name] - before[name]), 0);
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {}))
    statusCodes[code] = stat.count ?? 0;
  return {
    target: target.name,
    round,
    requests,
    rps: requests / elapsedSec,
    p50: quantileSorted(sorted, 0.5),
    p90: quantileSorted(sorted, 0.9),
    p99: quantileSorted(sorted, 0.99),
    max: sorted.length ? sorted[sorted.length - 1] : Number.NaN,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    loadgenCpu: (cpu.user + cpu.system) / wallMicros,
    perRequest,
    share,
    otherCores: Math.max(0, busy - cpu.user - cpu.system - metered) / wallMicros,
  };
}

const describeRound = (r: RoundResult) =>
  `round ${r.round} ${r.target.padEnd(14)} ${fmt(r.rps).padStart(7)} req/s  p50 ${fmt(r.p50)} ms  p99 ${fmt(r.p99)} ms` +
  Object.entries(r.perRequest)
    .map(([name, value]) => `  ${name} ${fmt(value)} µs/req`)
    .join('') +
  `  loadgen ${Math.round(r.loadgenCpu * 100)}% cpu  others ${fmt(r.otherCores, 2)} cores` +
  (r.non2xx || r.errors
    ? `  !! non-2xx ${r.non2xx} ${JSON.stringify(r.statusCodes)} errors ${r.errors}`
    : '');

/**
 * Warms every target up (unmeasured), then runs `rounds` rounds; each round runs every target
 * once, starting with a different target each round so no target always runs first.
 */
export async function runRounds(
  targets: readonly Target[],
  options: LoadOptions,
  hooks: { log?: (line: string) => void; afterWarmup?: () => Promise<void> } = {},
): Promise<Map<string, RoundResult[]>> {
  const log = hooks.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const results = new Map<string, RoundResult[]>(targets.map((t) => [t.name, []]));
  if (options.warmupSec > 0) {
    for (const target of targets) {
      const warm = await loadRound({ ...target, meters: {} }, { ...options, durationSec: options.warmupSec });
      log(
        `warm-up  ${target.name.padEnd(14)} ${fmt(warm.rps).padStart(7)} req/s${warm.non2xx || warm.errors ? `  !! non-2xx ${warm.non2xx} ${JSON.stringify(warm.statusCodes)} errors ${warm.errors}` : ''}`,
      );
    }
  }
  await hooks.afterWarmup?.();
  for (let round = 1; round <= options.rounds; round++) {
    for (let i = 0; i < targets.length; i++) {
      const target = targets[(i + round - 1) % targets.length];
      const result = await loadRound(target, options, round);
      results.get(target.name)?.push(result);
      log(describeRound(result));
    }
  }
  return results;
}

export function summarize(target: string, rounds: readonly RoundResult[]): TargetSummary {
  const pick = (f: (r: RoundResult) => number) => median(rounds.map(f));
  const names = Object.keys(rounds[0]?.perRequest ?? {});
  const { min, max } = spread(rounds.map((r) => r.rps));
  return {
    target,
    rounds: rounds.length,
    rps: pick((r) => r.rps),
    p50: pick((r) => r.p50),
    p90: pick((r) => r.p90),
    p99: pick((r) => r.p99),
    rpsMin: min,
    rpsMax: max,
    loadgenCpu: pick((r) => r.loadgenCpu),
    perRequest: Object.fromEntries(names.map((n) => [n, pick((r) => r.perRequest[n])])),
    share: Object.fromEntries(names.map((n) => [n, pick((r) => r.share[n])])),
    otherCoresMax: Math.max(...rounds.map((r) => r.otherCores)),
    non2xx: rounds.reduce((sum, r) => sum + r.non2xx, 0),
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
  };
}

/** Per-round ratios a/b of a figure, pairing the i-th rounds of two targets (run back to back). */
export function pairedRatios(
  a: readonly RoundResult[],
  b: readonly RoundResult[],
  figure: (r: RoundResult) => number,
): number[] {
  return a.slice(0, b.length).map((r, i) => figure(r) / figure(b[i]));
}

/** Rounds during which the rest of the machine used at most `thresholdCores` (see otherCores). */
export function quietRounds(rounds: readonly RoundResult[], thresholdCores = QUIET_CORES): RoundResult[] {
  return rounds.filter((r) => !(r.otherCores > thresholdCores));
}

/** Above this much CPU used by others (in cores) a round counts as noisy. */
export const QUIET_CORES = 0.25;

/**
 * A warning when rounds ran while something else used more than `thresholdCores` of the machine
 * (see RoundResult.otherCores); null when every round was quiet.
 */
export function noiseWarning(
  rounds: Iterable<readonly RoundResult[]>,
  thresholdCores = QUIET_CORES,
): string | null {
  const all = [...rounds].flat();
  const noisy = all.filter((r) => r.otherCores > thresholdCores);
  if (!noisy.length) return null;
  return (
    `${noisy.length} of ${all.length} rounds shared the machine with other work (> ${thresholdCores} core, up to ` +
    `${Math.max(...noisy.map((r) => r.otherCores)).toFixed(2)}): req/s and latency are unreliable there; ` +
    'CPU µs per request is less affected, but heavy contention inflates it too (fewer requests per ' +
    'event-loop turn, colder caches). Compare targets within a run; run again on a quieter machine.'
  );
}

export interface QuietSummary {
  target: string;
  /** How many of its rounds were quiet. */
  rounds: number;
  rps: number;
  p50: number;
  p99: number;
}

/**
 * Medians over the quiet rounds only, per target: a second opinion when some rounds were noisy
 * (null when every round was quiet, or when a target had no quiet round).
 */
export function quietSummaries(results: ReadonlyMap<string, readonly RoundResult[]>): QuietSummary[] | null {
  const all = [...results.values()].flat();
  if (quietRounds(all).length === all.length) return null;
  const summaries = [...results].map(([target, rounds]) => {
    const quiet = quietRounds(rounds);
    return {
      target,
      rounds: quiet.length,
      rps: median(quiet.map((r) => r.rps)),
      p50: median(quiet.map((r) => r.p50)),
      p99: median(quiet.map((r) => r.p99)),
    };
  });
  return summaries.every((q) => q.rounds > 0) ? summaries : null;
}

export const formatQuiet = (quiet: readonly QuietSummary[]) =>
  `quiet rounds only (others <= ${QUIET_CORES} core): ` +
  quiet
    .map(
      (q) => `${q.target} n=${q.rounds} ${Math.round(q.rps)} req/s p50 ${fmt(q.p50)} ms p99 ${fmt(q.p99)} ms`,
    )
    .join('; ');

/** The per-target table every load benchmark prints (one row per target, medians of rounds). */
export function summaryTable(summaries: readonly TargetSummary[]): string {
  return table(
    ['target', 'req/s', 'req/s min', 'req/s max', 'p50 ms', 'p90 ms', 'p99 ms', 'server CPU µs/req', 'redis CPU µs/req', 'server CPU %', 'loadgen CPU %', 'others max (cores)', 'non-2xx', 'errors'],
    summaries.map((s) => [
      s.target,
      Math.round(s.rps),
      Math.round(s.rpsMin),
      Math.round(s.rpsMax),
      s.p50,
      s.p90,
      s.p99,
      s.perRequest.serverCpu,
      s.perRequest.redisCpu,
      Math.round(s.share.serverCpu * 100),
      Math.round(s.loadgenCpu * 100),
      s.otherCoresMax,
      s.non2xx,
      s.errors,
    ]),
  );
}
