// apps/platform/src/main.ts as a child process: the real entry point, its own logger writing to
// a file, and killable with SIGKILL (what the chaos run does to it) or stopped with SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { resolve } from 'node:path';
import { WORKSPACE } from './platform';

export interface ChildPlatformOptions {
  port: number;
  /** Environment of the platform (DATABASE_URL, REDIS_URL, DATA_DIR, …); PATH is added. */
  env: Record<string, string>;
  /** stdout and stderr are appended here (pino's JSON lines). */
  logFile: string;
  /** The entry point, relative to the workspace. */
  main?: string;
}

export class ChildPlatform {
  private child?: ChildProcess;
  private exited?: Promise<void>;
  private stopping = false;
  /** Exits nobody asked for (not kill() nor stop()): crashes. */
  readonly crashes: { at: number; code: number | null; signal: string | null }[] = [];

  constructor(private readonly options: ChildPlatformOptions) {}

  get url() {
    return `http://127.0.0.1:${this.options.port}`;
  }

  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the process and waits until /health/ready answers 200; returns the milliseconds taken. */
  async start(readyTimeoutMs = 60_000): Promise<number> {
    if (this.running) throw new Error('the platform is already running');
    const started = Date.now();
    const log = openSync(this.options.logFile, 'a');
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', resolve(WORKSPACE, this.options.main ?? 'apps/platform/src/main.ts')],
      {
        cwd: WORKSPACE,
        env: {
          PATH: process.env.PATH ?? '',
          SWC_NODE_PROJECT: resolve(WORKSPACE, 'tsconfig.base.json'),
          PORT: String(this.options.port),
          HOST: '127.0.0.1',
          ...this.options.env,
        },
        stdio: ['ignore', log, log],
      },
    );
    closeSync(log);
    this.child = child;
    this.stopping = false;
    this.exited = new Promise((done) =>
      child.once('exit', (code, signal) => {
        if (!this.stopping) this.crashes.push({ at: Date.now(), code, signal });
        done();
      }),
    );
    const deadline = Date.now() + readyTimeoutMs;
    for (;;) {
      if (!this.running)
        throw new Error(
          `the platform exited during start-up (code ${child.exitCode}, signal ${child.signalCode}); see ${this.options.logFile}`,
        );
      const ready = await fetch(`${this.url}/health/ready`, { signal: AbortSignal.timeout(2_000) }).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ready) return Date.now() - started;
      if (Date.now() > deadline)
        throw new Error(
          `the platform was not ready within ${readyTimeoutMs} ms; see ${this.options.logFile}`,
        );
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** kill -9: no shutdown hooks, no draining; what a crash or an OOM kill does. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.stopping = true;
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** Graceful stop (SIGTERM: drain, finish jobs), then SIGKILL after `graceMs`. */
  async stop(graceMs = 30_000): Promise<void> {
    if (!this.running) return;
    this.stopping = true;
    const force = setTimeout(() => this.child?.kill('SIGKILL'), graceMs);
    this.child?.kill('SIGTERM');
    await this.exited;
    clearTimeout(force);
  }
}
