// The parent side: starts benchmark servers in child processes of their own (so the load
// generator never shares their event loop), waits for their URL, talks to them over IPC, and makes
// sure every child is gone when the benchmark ends, fails or is interrupted with Ctrl-C.
import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { isRecord, type ChildMessage, type RequestMessage } from './child';

/** The repository root (bench/lib/ is two levels down). */
export const WORKSPACE = resolve(__dirname, '../..');

export interface ChildServer {
  name: string;
  pid: number;
  url: string;
  /** Calls a handler registered with serveParent() in the child. */
  request<T>(type: string, payload?: unknown): Promise<T>;
  /** CPU time the child has used so far, in microseconds. */
  cpuMicros(): Promise<number>;
  /** Starts V8's CPU profiler in the child (see profile.ts). */
  startProfile(): Promise<void>;
  /** Stops it and returns the path of the .cpuprofile written. */
  stopProfile(): Promise<string>;
  /** SIGTERM, then SIGKILL if it has not exited within the grace period. */
  stop(): Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string>;
  /** Extra node flags. */
  execArgv?: string[];
  readyTimeoutMs?: number;
}

const live = new Set<ChildProcess>();
const cleanups = new Set<() => Promise<void>>();
let cleanupInstalled = false;
let interrupted: Promise<void> | undefined;

/**
 * Ends the benchmark: at once, or - if Ctrl-C is being handled, which makes the main flow fail
 * as its servers go away - only after that cleanup has finished.
 */
export function exit(code: number): void {
  if (interrupted) void interrupted.finally(() => process.exit(130));
  else process.exit(code);
}

/**
 * Registers work to do after the children are stopped on Ctrl-C / SIGTERM (e.g. dropping a
 * database). Returns a function that runs it now, once, and unregisters it: call that on the
 * normal path.
 */
export function onCleanup(work: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  const once = () => {
    cleanups.delete(once);
    done ??= work();
    return done;
  };
  cleanups.add(once);
  return once;
}

function killAllNow() {
  for (const child of live) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** Stops every child still running (gracefully, then by force). */
export async function stopAll(graceMs = 5_000): Promise<void> {
  await Promise.all([...live].map((child) => stopProcess(child, graceMs)));
}

function stopProcess(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill('SIGTERM');
  });
}

/** Kills the children on exit, on an uncaught error and on Ctrl-C / SIGTERM. Idempotent. */
export function installCleanup() {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.on('exit', killAllNow);
  const onSignal = (signal: NodeJS.Signals) => {
    process.stderr.write(`\n${signal}: stopping the benchmark servers\n`);
    interrupted = stopAll(3_000)
      .then(() => Promise.allSettled([...cleanups].map((work) => work())))
      .then(() => undefined)
      .finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}

/** Forwards a child's output to our stderr, one prefixed line at a time, and keeps the tail. */
function pipeLines(stream: NodeJS.ReadableStream | null, prefix: string, tail: string[]) {
  if (!stream) return;
  let partial = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (!line) continue;
      tail.push(line);
      if (tail.length > 40) tail.shift();
      process.stderr.write(`${prefix} ${line}\n`);
    }
  });
}

function isChildMessage(message: unknown): message is ChildMessage {
  return isRecord(message) && (message.kind === 'ready' || message.kind === 'reply');
}

/**
 * Forks `entry` (a TypeScript file, run through @swc-node/register like the benchmark itself) and
 * resolves once it has called serveParent() with its URL.
 */
export async function startChild(
  name: string,
  entry: string,
  options: StartOptions = {},
): Promise<ChildServer> {
  installCleanup();
  const execArgv = ['-r', '@swc-node/register', ...(options.execArgv ?? [])];
  const child = fork(resolve(WORKSPACE, entry), [], {
    cwd: WORKSPACE,
    execArgv,
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      SWC_NODE_PROJECT: resolve(WORKSPACE, 'tsconfig.base.json'),
      BENCH_CHILD_NAME: name,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  live.add(child);
  // e.g. EPIPE when the child went away (Ctrl-C reaches the whole process group); requests
  // then fail through `exited` instead of crashing the parent before it has cleaned up.
  child.on('error', (error) => process.stderr.write(`[${name}] ${error.message}\n`));
  const tail: string[] = [];
  pipeLines(child.stdout, `[${name}]`, tail);
  pipeLines(child.stderr, `[${name}]`, tail);

  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let exited = false;
  const exitPromise = new Promise<void>((done) => {
    child.once('exit', (code, signal) => {
      exited = true;
      live.delete(child);
      for (const { reject } of pending.values())
        reject(new Error(`${name} exited (${signal ?? code}) before answering`));
      pending.clear();
      done();
    });
  });

  const url = await new Promise<string>((ready, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`${name} did not start within ${options.readyTimeoutMs ?? 120_000} ms`)),
      options.readyTimeoutMs ?? 120_000,
    );
    child.on('message', (message: unknown) => {
      if (!isChildMessage(message)) return;
      if (message.kind === 'ready') {
        clearTimeout(timer);
        ready(message.url);
        return;
      }
      const waiter = pending.get(message.id);
      if (!waiter) return;
      pending.delete(message.id);
      if (message.ok) waiter.resolve(message.value);
      else waiter.reject(new Error(`${name}: ${message.error}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`${name} exited (${signal ?? code}) before it was ready:\n${tail.join('\n')}`));
    });
  }).catch(async (error: unknown) => {
    child.kill('SIGKILL');
    await exitPromise;
    throw error;
  });

  const request = <T>(type: string, payload?: unknown): Promise<T> => {
    if (exited || !child.connected) return Promise.reject(new Error(`${name} has exited`));
    const id = nextId++;
    return new Promise<T>((resolveRequest, reject) => {
      pending.set(id, { resolve: (value) => resolveRequest(value as T), reject });
      child.send({ kind: 'request', id, type, payload } satisfies RequestMessage, (error) => {
        if (!error) return;
        pending.delete(id);
        reject(new Error(`${name}: ${error.message}`));
      });
    });
  };

  return {
    name,
    pid: child.pid ?? -1,
    url,
    request,
    cpuMicros: () => request<number>('cpu'),
    startProfile: async () => void (await request<boolean>('profile:start')),
    stopProfile: () => request<string>('profile:stop'),
    stop: async () => {
      await stopProcess(child, 10_000);
      await exitPromise;
    },
  };
}
