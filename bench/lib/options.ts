// Command-line and environment options common to the HTTP benchmarks.
//
//   --rounds N        BENCH_ROUNDS        rounds; every target runs once per round (default 3)
//   --duration S      BENCH_DURATION      seconds of load per target and round (default 10)
//   --warmup S        BENCH_WARMUP        seconds of unmeasured load per target before round 1 (default 3)
//   --connections N   BENCH_CONNECTIONS   concurrent connections (default 50)
//   --pipelining N    BENCH_PIPELINING    requests in flight per connection (default 1)
//   --quick           BENCH_QUICK=1       3 rounds x 2 s, 1 s warm-up: a smoke run well under a minute
//   --cpu-prof        BENCH_CPU_PROF=1    profile the servers over the measured rounds (V8 sampling profiler);
//                                         .cpuprofile files in tmp/bench-profiles/, summary printed
// Explicit values win over --quick.

export interface LoadOptions {
  rounds: number;
  durationSec: number;
  warmupSec: number;
  connections: number;
  pipelining: number;
}

export interface BenchOptions extends LoadOptions {
  quick: boolean;
  cpuProf: boolean;
  /** Arguments not understood here, for the benchmark's own flags. */
  rest: Map<string, string>;
}

const DEFAULTS: LoadOptions = { rounds: 3, durationSec: 10, warmupSec: 3, connections: 50, pipelining: 1 };
const QUICK: Partial<LoadOptions> = { rounds: 3, durationSec: 2, warmupSec: 1 };

const FLAGS: Record<string, { key: keyof LoadOptions; env: string; min: number }> = {
  rounds: { key: 'rounds', env: 'BENCH_ROUNDS', min: 1 },
  duration: { key: 'durationSec', env: 'BENCH_DURATION', min: 0.5 },
  warmup: { key: 'warmupSec', env: 'BENCH_WARMUP', min: 0 },
  connections: { key: 'connections', env: 'BENCH_CONNECTIONS', min: 1 },
  pipelining: { key: 'pipelining', env: 'BENCH_PIPELINING', min: 1 },
};

const truthy = (value: string | undefined) =>
  value !== undefined && value !== '' && value !== '0' && value !== 'false';

/** Parses `--name value`, `--name=value` and bare `--flag` arguments. */
export function parseArgs(argv: readonly string[]): Map<string, string> {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}" (options look like --rounds 3)`);
    const eq = arg.indexOf('=');
    if (eq > 0) args.set(arg.slice(2, eq), arg.slice(eq + 1));
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) args.set(arg.slice(2), argv[++i]);
    else args.set(arg.slice(2), 'true');
  }
  return args;
}

export function benchOptions(
  argv: readonly string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
): BenchOptions {
  const args = parseArgs(argv);
  const quick = truthy(args.get('quick')) || truthy(env.BENCH_QUICK);
  const cpuProf = truthy(args.get('cpu-prof')) || truthy(env.BENCH_CPU_PROF);
  args.delete('quick');
  args.delete('cpu-prof');
  const options: LoadOptions = { ...DEFAULTS, ...(quick ? QUICK : {}) };
  for (const [flag, { key, env: variable, min }] of Object.entries(FLAGS)) {
    const raw = args.get(flag) ?? env[variable];
    args.delete(flag);
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min)
      throw new Error(`--${flag} / ${variable} must be a number >= ${min}, got "${raw}"`);
    options[key] = key === 'durationSec' || key === 'warmupSec' ? value : Math.round(value);
  }
  return { ...options, quick, cpuProf, rest: args };
}

/** A numeric option of one benchmark: `--name` or the environment variable, else the default. */
export function numberOption(
  rest: Map<string, string>,
  flag: string,
  variable: string,
  fallback: number,
): number {
  const raw = rest.get(flag) ?? process.env[variable];
  rest.delete(flag);
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`--${flag} / ${variable} must be a positive number, got "${raw}"`);
  return value;
}

/** A boolean option of one benchmark: `--name` (or `--name=false`) or the environment variable. */
export function flagOption(rest: Map<string, string>, flag: string, variable: string): boolean {
  const raw = rest.get(flag) ?? process.env[variable];
  rest.delete(flag);
  return truthy(raw);
}

/** Fails on flags nobody consumed, so a typo does not silently run the defaults. */
export function rejectUnknown(rest: Map<string, string>) {
  if (rest.size) throw new Error(`unknown option(s): ${[...rest.keys()].map((k) => `--${k}`).join(', ')}`);
}

/** Which domains the benchmark platform boots (BENCH_DOMAINS; see platform.ts). */
export type DomainSet = 'tenancy' | 'all';

export function domainSet(value = process.env.BENCH_DOMAINS): DomainSet {
  if (value === undefined || value === '' || value === 'tenancy') return 'tenancy';
  if (value === 'all') return 'all';
  throw new Error(`BENCH_DOMAINS must be "tenancy" or "all", got "${value}"`);
}
