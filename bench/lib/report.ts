// What every benchmark prints about where it ran, and its machine-readable last line.
import { cpus, loadavg, totalmem } from 'node:os';
import { execFileSync } from 'node:child_process';
import { WORKSPACE } from './processes';
import type { LoadOptions } from './options';

export interface MachineInfo {
  date: string;
  node: string;
  cores: number;
  cpu: string;
  memoryGb: number;
  /** 1-minute load average at the start: a hint of how busy the shared machine was. */
  loadAverage1m: number;
  gitCommit: string | null;
  gitDirty: boolean | null;
}

export function machineInfo(): MachineInfo {
  const git = (args: string[]) => {
    try {
      return execFileSync('git', args, {
        cwd: WORKSPACE,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
    } catch {
      return null;
    }
  };
  const status = git(['status', '--porcelain']);
  return {
    date: new Date().toISOString(),
    node: process.version,
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    loadAverage1m: Number(loadavg()[0].toFixed(2)),
    gitCommit: git(['rev-parse', '--short', 'HEAD']),
    gitDirty: status === null ? null : status.length > 0,
  };
}

export function describeRun(machine: MachineInfo, options: LoadOptions): string {
  return (
    `${machine.date}  node ${machine.node}  ${machine.cores} cores (${machine.cpu})  load avg ${machine.loadAverage1m}  ` +
    `commit ${machine.gitCommit ?? '?'}${machine.gitDirty ? '+dirty' : ''}\n` +
    `${options.rounds} rounds x ${options.durationSec} s per target (warm-up ${options.warmupSec} s), ` +
    `${options.connections} connections, pipelining ${options.pipelining}; figures are medians over the rounds`
  );
}

/** The last line of the output: everything as one JSON object, for scripts and history. */
export function printJsonLine(value: unknown) {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}
