import pg from 'pg';

import { NO_FILTERS, withEngine } from './engine';
import { readMigrationList } from './migrations-dir';

/**
 * Advisory lock held around a deploy. Two int4 keys live in a key space that PostgreSQL keeps
 * apart from single-bigint keys, so this cannot collide with the bigint 72707369 that the engine
 * itself locks (on its own connection) while applying: reusing that key would deadlock us.
 * Holding our own lock is what guarantees that concurrent deployers run one after the other; the
 * second one then finds everything applied and does nothing.
 */
const LOCK_KEYS = [0x636c6f6d /* "clom" */, 1 /* migrations */] as const;

/**
 * Applies the pending migrations of `migrationsDir` to `databaseUrl`, exactly as
 * `prisma migrate deploy` does (same engine command, same `_prisma_migrations` bookkeeping:
 * sha256 checksum of migration.sql, started_at/finished_at, applied_steps_count).
 * Fails, like Prisma, on a previously failed migration or on a locally edited applied one.
 */
export async function applyMigrations(opts: {
  databaseUrl: string;
  migrationsDir: string;
  log?: (msg: string) => void;
}): Promise<{ applied: string[] }> {
  const log = opts.log ?? (() => undefined);
  const lock = new pg.Client({ connectionString: opts.databaseUrl });
  await lock.connect();
  try {
    const [first] = (
      await lock.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [...LOCK_KEYS])
    ).rows;
    if (first?.ok !== true) {
      log('another process is applying migrations; waiting for it to finish');
      await lock.query('SELECT pg_advisory_lock($1, $2)', [...LOCK_KEYS]);
    }
    // Read the folder only once we hold the lock, so we act on what is on disk now.
    const migrationsList = await readMigrationList(opts.migrationsDir);
    log(`${migrationsList.migrationDirectories.length} migration(s) found in ${opts.migrationsDir}`);
    const { appliedMigrationNames } = await withEngine(opts.databaseUrl, (engine) =>
      engine.applyMigrations({ migrationsList, filters: NO_FILTERS }),
    );
    for (const name of appliedMigrationNames) log(`applied ${name}`);
    return { applied: appliedMigrationNames };
  } finally {
    // Ending the session releases the advisory lock.
    await lock.end();
  }
}
