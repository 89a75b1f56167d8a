// The chaos run, from the command line. Bounded in time, loopback only, its own database, a
// private redis-server and its own data directory (see tests/chaos/chaos-engine.ts).
//
//   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register bench/chaos/run.ts \
//     [--rounds 12] [--seconds 240] [--settle 120] [--workers 4] [--seed N] \
//     [--faults kill-platform,redis-restart,kill-anvil] [--postgres [private|machine]] [--pg-cluster 15/main]
//
// --postgres adds "restart PostgreSQL" to the faults (off by default). With `private` (the
// default) the platform runs on a PostgreSQL cluster of the run's own, initdb'd under tmp/ on a
// free port, which is stopped the way a crash stops it (pg_ctl -m immediate: WAL replay on
// start) and started again; nothing else on the machine notices. With `machine` it uses the
// machine's server and restarts it with `pg_ctlcluster --skip-systemctl-redirect 15 main
// restart`, which EVERY other test or service using that server will notice.
//
// Exit code: 0 when every round recovered and every invariant holds, 1 otherwise.
import 'reflect-metadata';
import { FAULTS, formatChaosReport, runChaos, type FaultKind } from '../../tests/chaos/chaos-engine';

function arg(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}
const flag = (name: string) => process.argv.includes(`--${name}`);
const number = (name: string, fallback: number) => {
  const value = Number(arg(name) ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number`);
  return value;
};

async function main() {
  const faults = (arg('faults') ?? 'kill-platform,redis-restart,kill-anvil')
    .split(',')
    .map((f) => f.trim()) as FaultKind[];
  for (const f of faults)
    if (!FAULTS.includes(f)) throw new Error(`unknown fault ${f}; one of ${FAULTS.join(', ')}`);
  if (faults.includes('postgres-restart') && !flag('postgres'))
    throw new Error('the postgres-restart fault is opt-in: pass --postgres [private|machine]');
  if (flag('postgres') && !faults.includes('postgres-restart')) faults.push('postgres-restart');
  const postgres = flag('postgres') ? (arg('postgres') === 'machine' ? 'machine' : 'private') : 'machine';
  const cluster = (arg('pg-cluster') ?? '15/main').split('/') as [string, string];
  const seed = number('seed', Math.floor(Math.random() * 2 ** 31));
  const options = {
    rounds: number('rounds', 12),
    seconds: number('seconds', 240),
    settleSeconds: number('settle', 120),
    recoveryTimeoutSeconds: number('recovery-timeout', 60),
    ingestWorkers: number('workers', 4),
    faults,
    postgres: postgres as 'private' | 'machine',
    postgresCluster: cluster,
    seed,
    log: (line: string) => process.stderr.write(`${line}\n`),
  };
  process.stderr.write(`chaos: ${JSON.stringify({ ...options, log: undefined })}\n`);
  const report = await runChaos(options);
  process.stdout.write(`${formatChaosReport(report)}\n`);
  process.stdout.write(`${JSON.stringify({ seed, ...report })}\n`);
  const ok = report.invariants.every((i) => i.ok) && report.roundsSurvived === report.roundsRun;
  process.exit(ok ? 0 : 1);
}

main().catch((error: unknown) => {
  process.stderr.write(`chaos: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(2);
});
