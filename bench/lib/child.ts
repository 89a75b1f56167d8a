// The child side of a benchmark server: tells the parent its URL over the IPC channel, answers
// the parent's requests (CPU usage, and whatever handlers the server adds), stops gracefully on
// SIGTERM/SIGINT and exits as soon as the parent is gone.
import { profilerHandlers } from './profile';

/** Parent -> child. */
export interface RequestMessage {
  kind: 'request';
  id: number;
  type: string;
  payload: unknown;
}

/** Child -> parent. */
export type ChildMessage =
  | { kind: 'ready'; url: string; pid: number }
  | { kind: 'reply'; id: number; ok: true; value: unknown }
  | { kind: 'reply'; id: number; ok: false; error: string };

export type Handler = (payload: unknown) => unknown;

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

function isRequest(message: unknown): message is RequestMessage {
  return (
    isRecord(message) &&
    message.kind === 'request' &&
    typeof message.id === 'number' &&
    typeof message.type === 'string'
  );
}

/** CPU time of this process in microseconds (user + system). */
export const cpuMicros = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/**
 * Connects a started server to its parent. `stop` closes the server; it is called on SIGTERM,
 * SIGINT or when the parent disconnects, then the process exits.
 */
export function serveParent(url: string, stop: () => Promise<void>, handlers: Record<string, Handler> = {}) {
  const all: Record<string, Handler> = {
    cpu: () => cpuMicros(),
    memory: () => process.memoryUsage(),
    ...profilerHandlers(process.env.BENCH_CHILD_NAME ?? 'server'),
    ...handlers,
  };
  let stopping = false;
  const shutdown = (code: number) => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => process.exit(code), 5_000);
    force.unref();
    stop().then(
      () => process.exit(code),
      (error: unknown) => {
        process.stderr.write(`error while stopping: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown(0));
  process.once('SIGINT', () => shutdown(0));

  const send = process.send?.bind(process);
  if (!send) {
    // Started by hand: say where it listens and run until Ctrl-C.
    process.stdout.write(`listening on ${url}\n`);
    return;
  }
  process.on('disconnect', () => shutdown(0));
  process.on('message', (message: unknown) => {
    if (!isRequest(message)) return;
    const handler = all[message.type];
    const reply = (body: ChildMessage) => {
      if (process.connected) send(body);
    };
    if (!handler) {
      reply({ kind: 'reply', id: message.id, ok: false, error: `no handler for "${message.type}"` });
      return;
    }
    Promise.resolve()
      .then(() => handler(message.payload))
      .then(
        (value) => reply({ kind: 'reply', id: message.id, ok: true, value }),
        (error: unknown) =>
          reply({
            kind: 'reply',
            id: message.id,
            ok: false,
            error: error instanceof Error ? (error.stack ?? error.message) : String(error),
          }),
      );
  });
  send({ kind: 'ready', url, pid: process.pid } satisfies ChildMessage);
}

/** Runs main() and reports a start-up failure as a non-zero exit with the error on stderr. */
export function runChild(main: () => Promise<void>) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `benchmark server failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
}
