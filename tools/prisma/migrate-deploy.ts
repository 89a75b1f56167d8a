// Applies pending migrations from prisma/migrations to DATABASE_URL (default
// postgresql://postgres@127.0.0.1:5432/chainloom), creating the database first if needed.
// Equivalent to `prisma migrate deploy`, on the WebAssembly schema engine; safe to run from
// several processes at once.
//   node -r @swc-node/register tools/prisma/migrate-deploy.ts
import { join, resolve } from 'node:path';

import { ensureDatabase } from '../../libs/db/src/database-url';
import { applyMigrations } from '../../libs/db/src/migrate';

const root = resolve(__dirname, '../..');
const migrationsDir = join(root, 'prisma/migrations'); // as in prisma.config.ts

async function main(): Promise<void> {
  const databaseUrl = process.env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/chainloom';
  const target = new URL(databaseUrl);
  const where = `${target.pathname.slice(1)} at ${target.host}`;
  const created = await ensureDatabase(databaseUrl).catch((error: { code?: string }) => {
    // Two deployers creating the database at the same instant: the loser's CREATE DATABASE fails
    // on the catalog's unique index (23505) rather than with duplicate_database.
    if (error.code === '23505') return false;
    throw error;
  });
  if (created) console.log(`created database ${where}`);
  const { applied } = await applyMigrations({ databaseUrl, migrationsDir, log: (msg) => console.log(msg) });
  console.log(
    applied.length === 0 ? `${where} is up to date` : `applied ${applied.length} migration(s) to ${where}`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
