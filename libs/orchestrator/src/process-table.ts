import { readFileSync, readdirSync } from 'node:fs';

export interface ProcessProbe {
  readonly alive: boolean;
  /** The process's argv, or null where the platform does not expose it (no /proc). */
  readonly args: readonly string[] | null;
}

/**
 * Looks a pid up in the process table. A zombie counts as dead: a node that was killed but not
 * yet reaped (for example when the platform runs as PID 1 in a container and inherited it) still
 * has a pid, but it will never answer again. argv lets the caller tell its own process from an
 * unrelated one that reused a stale pid.
 */
export function probeProcess(pid: number): ProcessProbe {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 3 is the state; the command name before it may contain spaces and parentheses.
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') return { alive: false, args: null };
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((arg) => arg !== '');
    return { alive: true, args };
  } catch (error) {
    if (isErrno(error, 'ENOENT') || isErrno(error, 'ESRCH')) return { alive: false, args: null };
    // No /proc (macOS): fall back to signal 0, which cannot see zombies or argv.
    return { alive: signalAlive(pid), args: null };
  }
}

/**
 * Live processes whose argv holds `flag` followed by `value` (e.g. `--state <path>`), found by
 * scanning /proc; empty where there is no /proc. Finds a process whose pid was never recorded
 * (its parent was killed between spawning it and writing the pid down).
 */
export function processesWithArg(flag: string, value: string): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const found: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const probe = probeProcess(Number(entry));
    const at = probe.args?.indexOf(flag) ?? -1;
    if (probe.alive && at >= 0 && probe.args?.[at + 1] === value) found.push(Number(entry));
  }
  return found;
}

function signalAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isErrno(error, 'EPERM');
  }
}

/** Sends `signal`; a process that is already gone is not an error. */
export function signalProcess(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch (error) {
    if (!isErrno(error, 'ESRCH')) throw error;
  }
}

/** Waits until `pid` is gone (or a zombie); false if it is still alive after `timeoutMs`. */
export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (probeProcess(pid).alive) {
    if (Date.now() >= deadline) return false;
    await sleep(25);
  }
  return true;
}

export function isErrno(error: unknown, code: string): boolean {
  // Not `instanceof Error`: errors from node built-ins fail that check inside Jest's VM contexts.
  return typeof error === 'object' && error !== null && (error as NodeJS.ErrnoException).code === code;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
