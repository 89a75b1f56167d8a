import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@chainloom/core';
import type { Prisma } from '@chainloom/db';
import { Pool, types, type PoolClient, type QueryResultRow } from 'pg';
import { CERTIFICATES_OPTIONS, type CertificatesOptions } from '../certificates.options';

// Prisma stores DateTime as `timestamp(3)` (no time zone) holding UTC. pg would read such a value
// as local time; this pool reads it as UTC, as Prisma does.
const TIMESTAMP_OID = 1114;
const typeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMP_OID && format !== 'binary'
      ? (value: string) => new Date(value.replace(' ', 'T') + 'Z')
      : types.getTypeParser(oid, format)) as typeof types.getTypeParser,
};

/**
 * Plain pg pools for the statements Prisma is too slow for: the group-commit INSERT of thousands
 * of rows (`pool`, sized for the flushes in flight and used by nothing else, so background work
 * never makes a request wait for a connection) and the sealer's claim, lane locks and proof
 * reads (`work`). Everything else goes through PrismaService.
 */
@Injectable()
export class CertificatesPg implements OnApplicationShutdown {
  readonly pool: Pool;
  readonly work: Pool;

  constructor(@Inject(APP_CONFIG) config: AppConfig, @Inject(CERTIFICATES_OPTIONS) options: CertificatesOptions) {
    const common = { connectionString: config.DATABASE_URL, connectionTimeoutMillis: 10_000, types: typeParsers };
    this.pool = new Pool({ ...common, max: options.groupCommitMaxInFlight + 1 });
    this.work = new Pool({ ...common, max: 6 });
    // An idle client that loses its connection emits 'error' on its pool; without a listener
    // the process would crash. The next checkout opens a new connection.
    this.pool.on('error', () => undefined);
    this.work.on('error', () => undefined);
  }

  /** A query on the background pool. */
  async query<R extends QueryResultRow>(text: string, values?: unknown[]) {
    return this.work.query<R>(text, values);
  }

  /** Runs `work` in a transaction on one connection of `pool` (default: the background pool). */
  async transaction<T>(work: (client: PoolClient) => Promise<T>, pool: Pool = this.work): Promise<T> {
    const client = await checkout(pool);
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** A connection of the background pool, safe to hold across slow work (see checkout). */
  connectWork(): Promise<PoolClient> {
    return checkout(this.work);
  }

  async onApplicationShutdown() {
    await Promise.all([this.pool.end().catch(() => undefined), this.work.end().catch(() => undefined)]);
  }
}

/**
 * Lets code written for a Prisma transaction (UsageMeter.add) run its raw statement inside a pg
 * transaction: a tagged-template `$executeRaw` over `client`, with Dates sent as UTC ISO strings
 * as Prisma sends them. Only `$executeRaw` exists; anything else UsageMeter might call one day
 * fails loudly in the tests rather than silently.
 */
export function prismaRawExecutor(client: PoolClient): Prisma.TransactionClient {
  const executor = {
    async $executeRaw(strings: TemplateStringsArray, ...values: unknown[]): Promise<number> {
      const text = strings.reduce((sql, part, i) => sql + part + (i < values.length ? `$${i + 1}` : ''), '');
      const params = values.map((v) => (v instanceof Date ? v.toISOString() : v));
      const result = await client.query(text, params);
      return result.rowCount ?? 0;
    },
  };
  // UsageMeter.add is typed for a full Prisma TransactionClient but uses only $executeRaw.
  return executor as unknown as Prisma.TransactionClient;
}

/**
 * pg-pool removes its idle 'error' listener while a client is checked out: a connection that dies
 * then (a PostgreSQL restart) would emit an unhandled 'error' and crash the process. The query in
 * flight still fails and the caller handles that; this only stops the crash.
 */
async function checkout(pool: Pool): Promise<PoolClient> {
  const client = await pool.connect();
  const ignore = () => undefined;
  client.on('error', ignore);
  const release = client.release.bind(client);
  client.release = (destroy?: boolean | Error) => {
    client.removeListener('error', ignore);
    return release(destroy);
  };
  return client;
}
