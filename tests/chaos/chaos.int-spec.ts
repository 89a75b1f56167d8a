// A short chaos run for CI (bench/chaos/run.ts runs long ones): three faults while certificates
// are ingested and a network is provisioned - kill -9 of the platform, Redis restarted empty,
// anvil nodes killed - then the invariants. PostgreSQL is not restarted here: it is shared by
// every test running on the machine.
import { formatChaosReport, runChaos, type ChaosReport } from './chaos-engine';

describe('chaos: kill -9, Redis restarted empty, anvil killed, under load', () => {
  let report: ChaosReport;

  beforeAll(async () => {
    report = await runChaos({
      rounds: 3,
      seconds: 60,
      faults: ['kill-platform', 'redis-restart', 'kill-anvil'],
      settleSeconds: 30,
      recoveryTimeoutSeconds: 30,
      ingestWorkers: 3,
      seed: 7,
      log: (line) => console.log(line),
    });
    console.log(formatChaosReport(report));
  }, 115_000);

  it('recovers from every fault: takes and confirms a new certificate', () => {
    expect(report.faults.map((f) => ({ kind: f.kind, recovered: f.confirmedMs !== null }))).toEqual([
      { kind: 'kill-platform', recovered: true },
      { kind: 'redis-restart', recovered: true },
      { kind: 'kill-anvil', recovered: true },
    ]);
  });

  it('loses no acknowledged certificate and confirms every one', () => {
    expect(report.acknowledged).toBeGreaterThan(20);
    expect({ stored: report.stored, confirmed: report.confirmed }).toEqual({
      stored: report.acknowledged,
      confirmed: report.acknowledged,
    });
  });

  it('holds every invariant (no double anchor, operations final, no stray process)', () => {
    expect(report.invariants.filter((i) => !i.ok).map((i) => `${i.name}: ${i.detail}`)).toEqual([]);
  });
});
