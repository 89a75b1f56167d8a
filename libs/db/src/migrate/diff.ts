import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';

import type { DiffTarget } from '@prisma/schema-engine-wasm';

import { databaseName, dropDatabase, ensureDatabase, withDatabase } from '../database-url';
import { applyMigrations } from './apply';
import { NO_FILTERS, withEngine } from './engine';
import { readMigrationList, readSnapshot, SNAPSHOT_FILE, writeMigration } from './migrations-dir';

/**
 * "No previous schema" means a fresh PostgreSQL database, which already has a `public` schema.
 * Diffing from the engine's `empty` target instead would start the first migration with
 * `CREATE SCHEMA IF NOT EXISTS "public"`, which `prisma migrate dev` never generates (and which
 * needs CREATE privilege on the database).
 */
const FRESH_DATABASE = 'datasource db {\n  provider = "postgresql"\n}\n';

const datamodel = (path: string, content: string): DiffTarget => ({
  tag: 'schemaDatamodel',
  files: [{ path, content }],
});

/**
 * SQL that takes a database from datamodel `from` (null: a fresh database) to datamodel `to`,
 * the same script `prisma migrate diff --script` prints. Needs no database. When nothing changes
 * the result is a comment-only script: test it with `isEmptyMigration`.
 */
export async function diffSchemas(opts: { from: string | null; to: string }): Promise<string> {
  return withEngine(null, async (engine) => {
    const { stdout } = await engine.diff({
      from: datamodel('from.prisma', opts.from ?? FRESH_DATABASE),
      to: datamodel('to.prisma', opts.to),
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    return stdout ?? '';
  });
}

/** True when a migration script contains no statement (only comments/blank lines). */
export function isEmptyMigration(sql: string): boolean {
  return sql.split('\n').every((line) => line.trim() === '' || line.trim().startsWith('--'));
}

/**
 * Creates the next migration from the change between the snapshot and `schemaPath`, like
 * `prisma migrate dev --create-only` (no database needed). Returns null and writes nothing when
 * the schema has no change.
 */
export async function createMigration(opts: {
  schemaPath: string;
  migrationsDir: string;
  name: string;
}): Promise<{ migration: string; sql: string } | null> {
  const schema = await readFile(opts.schemaPath, 'utf8');
  const previous = await previousSchema(opts.migrationsDir);
  const sql = await diffSchemas({ from: previous, to: schema });
  if (isEmptyMigration(sql)) return null;
  const migration = await writeMigration({ migrationsDir: opts.migrationsDir, name: opts.name, sql, schema });
  return { migration, sql };
}

/** The datamodel the existing migrations correspond to (null: there are none yet). */
async function previousSchema(migrationsDir: string): Promise<string | null> {
  const snapshot = await readSnapshot(migrationsDir);
  if (snapshot === null && (await readMigrationList(migrationsDir)).migrationDirectories.length > 0) {
    throw new Error(
      `${migrationsDir} has migrations but no ${SNAPSHOT_FILE}; restore it from version control`,
    );
  }
  return snapshot;
}

/**
 * Describes how the migrations and `schemaPath` disagree, or returns null when they match.
 *  (a) schema.prisma vs the snapshot: a schema change no migration holds yet (no database needed);
 *  (b) with `databaseUrl`: the migrations are applied to a throwaway database created on that
 *      server, whose actual structure is then diffed against the snapshot. This catches
 *      hand-edited or hand-written migrations and a stale snapshot, i.e. it proves the snapshot
 *      really is what the migrations produce, which (a) relies on.
 */
export async function checkDrift(opts: {
  schemaPath: string;
  migrationsDir: string;
  databaseUrl?: string;
  log?: (msg: string) => void;
}): Promise<string | null> {
  const schema = await readFile(opts.schemaPath, 'utf8');
  const snapshot = await previousSchema(opts.migrationsDir).catch((error: Error) => error);
  if (snapshot instanceof Error) return snapshot.message;
  const problems: string[] = [];

  const pending = await diffSchemas({ from: snapshot, to: schema });
  if (!isEmptyMigration(pending)) {
    problems.push(
      `${opts.schemaPath} has changes that no migration holds (create one with migrate-create):\n${pending}`,
    );
  }

  if (opts.databaseUrl !== undefined && snapshot !== null) {
    const scratchUrl = withDatabase(
      opts.databaseUrl,
      `${databaseName(opts.databaseUrl).slice(0, 40)}_drift_${randomBytes(4).toString('hex')}`,
    );
    await ensureDatabase(scratchUrl);
    try {
      await applyMigrations({ databaseUrl: scratchUrl, migrationsDir: opts.migrationsDir, log: opts.log });
      const actual = await withEngine(scratchUrl, async (engine) => {
        const { stdout } = await engine.diff({
          // The live database read through the engine's adapter; the file only gives the provider.
          from: {
            tag: 'schemaDatasource',
            files: [{ path: SNAPSHOT_FILE, content: snapshot }],
            configDir: dirname(opts.schemaPath),
          },
          to: datamodel(SNAPSHOT_FILE, snapshot),
          script: true,
          exitCode: null,
          filters: NO_FILTERS,
        });
        return stdout ?? '';
      });
      if (!isEmptyMigration(actual)) {
        problems.push(
          `the migrations do not produce ${SNAPSHOT_FILE}; after applying them, it still takes:\n${actual}`,
        );
      }
    } catch (error) {
      problems.push(`the migrations do not apply to an empty database: ${(error as Error).message}`);
    } finally {
      await dropDatabase(scratchUrl);
    }
  }

  return problems.length === 0 ? null : problems.join('\n\n');
}
