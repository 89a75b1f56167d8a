// Memory and CPU of other processes (the platform child, the anvils it started), from /proc.
import { readFileSync, readdirSync } from 'node:fs';

/** Resident set size of a process in bytes; NaN when it is gone or /proc is missing. */
export function rssBytes(pid: number): number {
  try {
    const line = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return line ? Number(line[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** CPU time (user + system) a process has used so far, in µs; NaN when it is gone. */
export function cpuMicrosOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "(comm)": state is the 3rd field of the line, utime the 14th, stime the 15th.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(rest[11]) + Number(rest[12])) * 1e6) / 100; // USER_HZ is 100 on Linux
  } catch {
    return Number.NaN;
  }
}

/** The command line of a process, arguments joined by spaces; '' when it is gone. */
export function cmdlineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
}

/** Pids of the processes whose command line contains `text` (not this process). */
export function pidsMatching(text: string | RegExp): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  return entries
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => pid !== process.pid)
    .filter((pid) => {
      const cmdline = cmdlineOf(pid);
      return typeof text === 'string' ? cmdline.includes(text) : text.test(cmdline);
    });
}

export const mb = (bytes: number) => bytes / 2 ** 20;
