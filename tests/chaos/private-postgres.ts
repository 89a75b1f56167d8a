// A PostgreSQL cluster of the chaos run's own (initdb under tmp/, a free loopback port), so that
// "restart PostgreSQL" - including a crash-like immediate stop, which makes the server replay its
// WAL - can be injected without touching the machine's server that other tests use.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@chainloom/testing';

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** postgres refuses to run as root: run its tools as the postgres user then. */
function runAsOwner(command: string, args: string[]) {
  const asRoot = process.getuid?.() === 0;
  execFileSync(
    asRoot ? 'runuser' : join(BIN, command),
    asRoot ? ['-u', 'postgres', '--', join(BIN, command), ...args] : args,
    { stdio: 'ignore', timeout: 120_000 },
  );
}

function ownerIds(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

export class PrivatePostgres {
  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  /** postgresql://postgres@127.0.0.1:PORT/<database> */
  url(database: string) {
    return `postgresql://postgres@127.0.0.1:${this.port}/${database}`;
  }

  static async start(dir: string): Promise<PrivatePostgres> {
    const pg = new PrivatePostgres(dir, await freePort());
    mkdirSync(dir, { recursive: true });
    if (process.getuid?.() === 0) {
      const { uid, gid } = ownerIds();
      chownSync(dir, uid, gid);
    }
    chmodSync(dir, 0o700);
    if (!existsSync(join(dir, 'PG_VERSION')))
      runAsOwner('initdb', ['-D', dir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    pg.start();
    return pg;
  }

  start() {
    runAsOwner('pg_ctl', [
      '-D',
      this.dir,
      '-l',
      join(this.dir, 'server.log'),
      '-w',
      '-t',
      '60',
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=on`,
      'start',
    ]);
  }

  /**
   * Restart. `immediate` stops without a checkpoint (as a crash or a power cut would), so the
   * server replays its WAL on start; `fast` is an orderly shutdown that rolls back open transactions.
   */
  restart(mode: 'immediate' | 'fast' = 'immediate') {
    runAsOwner('pg_ctl', ['-D', this.dir, '-m', mode, '-w', 'stop']);
    this.start();
  }

  stop() {
    try {
      runAsOwner('pg_ctl', ['-D', this.dir, '-m', 'fast', '-w', 'stop']);
    } catch {
      // not running
    }
  }
}
