// CPU profiles of benchmark servers over exactly the measured rounds: the child starts and stops
// V8's sampling profiler through the inspector when the parent asks (so start-up and warm-up stay
// out), writes a .cpuprofile (open it in Chrome DevTools or speedscope), and summarizeProfile() says
// where the time went: by package and by function, self and inclusive.
// Summarize an existing profile: SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register bench/lib/profile.ts <file.cpuprofile> [top]
import { Session } from 'node:inspector/promises';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Handler } from './child';
import { table } from './stats';

const WORKSPACE = resolve(__dirname, '../..');
export const PROFILE_DIR = resolve(WORKSPACE, 'tmp/bench-profiles');

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** Child side: `profile:start` and `profile:stop` IPC handlers. */
export function profilerHandlers(name: string, intervalMicros = 500): Record<string, Handler> {
  let session: Session | undefined;
  return {
    'profile:start': async () => {
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: intervalMicros });
      await session.post('Profiler.start');
      return true;
    },
    'profile:stop': async () => {
      if (!session) throw new Error('the profiler was not started');
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      session = undefined;
      mkdirSync(PROFILE_DIR, { recursive: true });
      const file = resolve(
        PROFILE_DIR,
        `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`,
      );
      writeFileSync(file, JSON.stringify(profile));
      return file;
    },
  };
}

/** Where a frame's code lives: a package, a workspace library, node itself, or a V8 pseudo-frame. */
export function packageOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const path = url.replace(/^file:\/\//, '');
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = path.slice(nm + 14).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const rel = relative(WORKSPACE, path);
  if (rel.startsWith('libs/') || rel.startsWith('apps/')) return rel.split('/').slice(0, 2).join('/');
  if (rel.startsWith('bench/')) return 'bench';
  return rel.startsWith('..') ? path : rel;
}

const frameName = (f: CallFrame) => {
  const where = f.url ? `${packageOf(f)}:${f.url.split('/').pop()}:${f.lineNumber + 1}` : '';
  return `${f.functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
};

export interface ProfileSummary {
  file: string;
  /** Sampled time, ms, excluding (idle). */
  busyMs: number;
  idleMs: number;
  byPackage: Array<{ name: string; selfMs: number; selfPct: number }>;
  bySelf: Array<{ name: string; selfMs: number; selfPct: number }>;
  byInclusive: Array<{ name: string; totalMs: number; totalPct: number }>;
}

export function summarizeProfile(file: string, top = 20): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];

  const selfByPackage = new Map<string, number>();
  const selfByFunction = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let idle = 0;
  let busy = 0;
  for (let i = 0; i < samples.length; i++) {
    // The delta after a sample is the time it stands for.
    const micros = deltas[i + 1] ?? 0;
    const node = byId.get(samples[i]);
    if (!node) continue;
    if (node.callFrame.functionName === '(idle)') {
      idle += micros;
      continue;
    }
    busy += micros;
    const pkg = packageOf(node.callFrame);
    selfByPackage.set(pkg, (selfByPackage.get(pkg) ?? 0) + micros);
    const fn = frameName(node.callFrame);
    selfByFunction.set(fn, (selfByFunction.get(fn) ?? 0) + micros);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id)?.callFrame;
      if (!frame || frame.functionName === '(root)') continue;
      const name = frameName(frame);
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + micros);
    }
  }
  const pct = (micros: number) => (busy ? (micros / busy) * 100 : 0);
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return {
    file,
    busyMs: busy / 1000,
    idleMs: idle / 1000,
    byPackage: sorted(selfByPackage)
      .slice(0, top)
      .map(([name, us]) => ({ name, selfMs: us / 1000, selfPct: pct(us) })),
    bySelf: sorted(selfByFunction)
      .slice(0, top)
      .map(([name, us]) => ({ name, selfMs: us / 1000, selfPct: pct(us) })),
    byInclusive: sorted(inclusive)
      .filter(([name]) => !/^\((program|garbage collector)\)/.test(name))
      .slice(0, top * 2)
      .map(([name, us]) => ({ name, totalMs: us / 1000, totalPct: pct(us) })),
  };
}

export function formatSummary(s: ProfileSummary, title: string): string {
  const cut = (name: string) => (name.length > 110 ? `${name.slice(0, 107)}...` : name);
  return [
    `${title}: ${relative(WORKSPACE, s.file)}  (busy ${Math.round(s.busyMs)} ms, idle ${Math.round(s.idleMs)} ms; % of busy time)`,
    table(
      ['self time by package', 'ms', '%'],
      s.byPackage.map((r) => [r.name, r.selfMs, r.selfPct]),
    ),
    '',
    table(
      ['self time by function', 'ms', '%'],
      s.bySelf.map((r) => [cut(r.name), r.selfMs, r.selfPct]),
    ),
    '',
    table(
      ['inclusive time by function (callees included)', 'ms', '%'],
      s.byInclusive.map((r) => [cut(r.name), r.totalMs, r.totalPct]),
    ),
  ].join('\n');
}

if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    console.error('usage: profile.ts <file.cpuprofile> [top]');
    process.exit(2);
  }
  console.log(formatSummary(summarizeProfile(resolve(file), Number(top ?? 25)), 'CPU profile'));
}

/** Parent side: profiles the given servers over the measured rounds when `enabled`. */
export function profileRounds(
  servers: ReadonlyArray<{ name: string; startProfile(): Promise<void>; stopProfile(): Promise<string> }>,
  enabled: boolean,
) {
  let started = false;
  return {
    afterWarmup: async () => {
      if (!enabled) return;
      await Promise.all(servers.map((s) => s.startProfile()));
      started = true;
    },
    /** Stops the profilers and returns a printable summary per server (empty when disabled). */
    finish: async (top = 15): Promise<string[]> => {
      if (!started) return [];
      started = false;
      const files = await Promise.all(servers.map((s) => s.stopProfile()));
      return files.map((file, i) =>
        formatSummary(
          summarizeProfile(file, top),
          `CPU profile of ${servers[i].name} over the measured rounds`,
        ),
      );
    },
  };
}

/** Node flags that write a V8 profile of a bench server to tmp/bench-profiles/ when --cpu-prof is on. */
export function cpuProfileFlags(options: { cpuProf: boolean }, name: string): string[] {
  return options.cpuProf ? ['--cpu-prof', '--cpu-prof-dir=tmp/bench-profiles', `--cpu-prof-name=${name}-${Date.now()}.cpuprofile`] : [];
}
