// Integration test on the real PostgreSQL (TEST_DATABASE_URL, default the local server): every
// database made here is a throwaway `chainloom_mig_<random>` dropped in afterAll.
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { appendFile, cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

import { Client } from 'pg';

import { dropDatabase, ensureDatabase, withDatabase } from '../database-url';
import { applyMigrations, checkDrift, diffSchemas, isEmptyMigration, SNAPSHOT_FILE } from './index';

const root = resolve(__dirname, '../../../..');
const migrationsDir = join(root, 'prisma/migrations');
const schemaPath = join(root, 'prisma/schema.prisma');
const server = process.env['TEST_DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

const scratch: string[] = [];
const newDatabaseUrl = (): string => {
  const url = withDatabase(server, `chainloom_mig_${randomBytes(6).toString('hex')}`);
  scratch.push(url);
  return url;
};
let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'chainloom-migrate-'));
});

afterAll(async () => {
  await Promise.all(scratch.map((url) => dropDatabase(url)));
  await rm(tmp, { recursive: true, force: true });
});

async function migrationNames(): Promise<string[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

async function migrationRows(url: string) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
      applied_steps_count: number;
    }>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name',
    );
    return rows;
  } finally {
    await client.end();
  }
}

describe('applyMigrations', () => {
  it('applies every migration once, records it like prisma migrate deploy, and applies nothing the second time', async () => {
    const url = newDatabaseUrl();
    await ensureDatabase(url);
    const names = await migrationNames();
    expect(names.length).toBeGreaterThan(0);

    expect(await applyMigrations({ databaseUrl: url, migrationsDir })).toEqual({ applied: names });
    expect(await applyMigrations({ databaseUrl: url, migrationsDir })).toEqual({ applied: [] });

    const rows = await migrationRows(url);
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const row of rows) {
      const sql = await readFile(join(migrationsDir, row.migration_name, 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it('lets two deploy processes race on a missing database: each migration is applied exactly once', async () => {
    const url = newDatabaseUrl();
    const deploy = () =>
      promisify(execFile)(process.execPath, ['-r', '@swc-node/register', 'tools/prisma/migrate-deploy.ts'], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: url },
      });
    const outputs = await Promise.all([deploy(), deploy()]);
    const applied = outputs.flatMap(({ stdout }) =>
      [...stdout.matchAll(/^applied (\d{14}_\w+)$/gm)].map((m) => m[1]),
    );
    const names = await migrationNames();
    expect(applied.sort()).toEqual(names);
    expect((await migrationRows(url)).map((r) => r.migration_name)).toEqual(names);
  });
});

describe('checkDrift', () => {
  it('reports nothing for the repository: the migrations produce schema.prisma', async () => {
    expect(await checkDrift({ schemaPath, migrationsDir, databaseUrl: server })).toBeNull();
  });

  it('reports a schema.prisma change that no migration holds', async () => {
    const changed = join(tmp, 'schema.prisma');
    await cp(schemaPath, changed);
    await appendFile(changed, '\nmodel DriftProbe {\n  id String @id\n\n  @@map("drift_probes")\n}\n');
    const drift = await checkDrift({ schemaPath: changed, migrationsDir });
    expect(drift).toContain('has changes that no migration holds');
    expect(drift).toContain('CREATE TABLE "drift_probes"');
  });

  it('reports migrations that do not produce the snapshot (e.g. a hand-edited migration)', async () => {
    const dir = join(tmp, 'migrations');
    await cp(migrationsDir, dir, { recursive: true });
    const last = (await migrationNames()).at(-1) ?? '';
    await appendFile(join(dir, last, 'migration.sql'), '\nCREATE TABLE "stray" ("id" INTEGER NOT NULL);\n');
    const drift = await checkDrift({ schemaPath, migrationsDir: dir, databaseUrl: server });
    expect(drift).toContain(`do not produce ${SNAPSHOT_FILE}`);
    expect(drift).toContain('DROP TABLE "stray"');
  });
});

describe('diffSchemas', () => {
  it('needs no database and yields a comment-only script when nothing changes', async () => {
    const schema = await readFile(schemaPath, 'utf8');
    expect(isEmptyMigration(await diffSchemas({ from: schema, to: schema }))).toBe(true);
    const first = await diffSchemas({ from: null, to: schema });
    expect(isEmptyMigration(first)).toBe(false);
    // A fresh database already has the public schema: the first migration must not create it.
    expect(first).not.toContain('CREATE SCHEMA');
  });
});
