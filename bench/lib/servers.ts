// Starting the two kinds of benchmark server from a parent, with the configuration they need.
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { WORKSPACE, onCleanup, startChild, type ChildServer } from './processes';
import { BARE_SERVER_ENTRY, PLATFORM_SERVER_ENTRY } from './routes';
import type { AdminCredentials } from './tenant';

/** The PostgreSQL server; each run creates (and drops) a database of its own on it. */
export const BENCH_POSTGRES_URL =
  process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const BENCH_REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Created at start-up by PLATFORM_ADMIN_EMAIL/PASSWORD. */
export const BENCH_ADMIN: AdminCredentials = {
  email: 'bench-admin@chainloom.test',
  password: 'benchmark admin password',
};

export interface PlatformServer {
  server: ChildServer;
  admin: AdminCredentials;
  databaseUrl: string;
  redisPrefix: string;
  /** Stops the child, drops the run's database and deletes its Redis keys. Idempotent. */
  stop(): Promise<void>;
}

export function startBareServer(): Promise<ChildServer> {
  return startChild('bare-fastify', BARE_SERVER_ENTRY, { env: { NODE_ENV: 'production' } });
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function dropDatabase(name: string) {
  const admin = new Client({ connectionString: BENCH_POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

async function deleteRedisKeys(prefix: string) {
  const redis = new Redis(BENCH_REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

const BENCH_DATABASE = /^chainloom_bench_(\d+)_[0-9a-f]+$/;

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Drops databases left by benchmark runs that were killed before they could clean up (their
 * name carries the pid of the run; only on a local PostgreSQL, where that pid means something).
 */
async function dropAbandonedDatabases() {
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(new URL(BENCH_POSTGRES_URL).hostname)) return;
  const admin = new Client({ connectionString: BENCH_POSTGRES_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'chainloom\\_bench\\_%'",
    );
    for (const { datname } of rows) {
      const pid = Number(BENCH_DATABASE.exec(datname)?.[1]);
      if (pid && pid !== process.pid && !isAlive(pid))
        await admin
          .query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)} WITH (FORCE)`)
          .catch(() => undefined);
    }
  } finally {
    await admin.end();
  }
}

/**
 * The platform (see platform.ts) plus BenchModule in a child process, on a database of its own
 * (created and migrated by the platform at start-up from the working tree's migrations, dropped
 * at the end) and a Redis prefix of its own, so runs never share rows or rate-limit counters.
 * `entry` lets a benchmark add IPC handlers (see bench/auth/server.ts).
 */
export async function startPlatformServer(
  options: { entry?: string; env?: Record<string, string> } = {},
): Promise<PlatformServer> {
  const tag = randomBytes(4).toString('hex');
  await dropAbandonedDatabases();
  const databaseName = `chainloom_bench_${process.pid}_${tag}`;
  const databaseUrl = new URL(BENCH_POSTGRES_URL);
  databaseUrl.pathname = `/${databaseName}`;
  const redisPrefix = `bench-${tag}`;
  const dataDir = `tmp/bench-data/${tag}`;
  const cleanup = onCleanup(async () => {
    await Promise.allSettled([
      dropDatabase(databaseName),
      deleteRedisKeys(redisPrefix),
      rm(resolve(WORKSPACE, dataDir), { recursive: true, force: true }),
    ]);
  });
  let server: ChildServer;
  try {
    server = await startChild('platform', options.entry ?? PLATFORM_SERVER_ENTRY, {
      env: {
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: '0',
        CHAINLOOM_ROLE: 'all',
        DATABASE_URL: databaseUrl.toString(),
        DATABASE_CREATE: 'true',
        DATABASE_MIGRATE: 'true',
        REDIS_URL: BENCH_REDIS_URL,
        REDIS_PREFIX: redisPrefix,
        DATA_DIR: `./${dataDir}`,
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
        PLATFORM_ADMIN_EMAIL: BENCH_ADMIN.email,
        PLATFORM_ADMIN_PASSWORD: BENCH_ADMIN.password,
        // Production mode requires a key for secrets at rest; the run's database is dropped anyway.
        MASTER_KEY: randomBytes(32).toString('base64'),
        ...options.env,
      },
    });
  } catch (error) {
    await cleanup();
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    server,
    admin: BENCH_ADMIN,
    databaseUrl: databaseUrl.toString(),
    redisPrefix,
    stop: () => {
      stopping ??= server.stop().finally(cleanup);
      return stopping;
    },
  };
}

/** CPU time redis-server has used, in µs (all clients: on a shared Redis this includes others' load). */
export async function redisCpuMicros(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const value = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? Number.NaN);
  return (value('used_cpu_sys') + value('used_cpu_user')) * 1e6;
}
