// Creates the next Prisma migration from the change to prisma/schema.prisma, with the WebAssembly
// schema engine (the native one `prisma migrate dev` needs cannot be installed here). No database
// is needed: the change is computed against prisma/migrations/schema.snapshot.prisma.
//   node -r @swc-node/register tools/prisma/migrate-create.ts <name>
//   node -r @swc-node/register tools/prisma/migrate-create.ts --check
// --check (for CI) writes nothing and exits 1 on drift: a schema change without migration, or
// migrations that do not produce the snapshot (verified on a throwaway database on DATABASE_URL's
// server, default postgresql://postgres@127.0.0.1:5432/chainloom).
import { join, relative, resolve } from 'node:path';

import { checkDrift, createMigration } from '../../libs/db/src/migrate';

const root = resolve(__dirname, '../..');
// Same locations as prisma.config.ts.
const schemaPath = join(root, 'prisma/schema.prisma');
const migrationsDir = join(root, 'prisma/migrations');

async function main(args: string[]): Promise<number> {
  if (args[0] === '--check') {
    const databaseUrl = process.env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/chainloom';
    const drift = await checkDrift({ schemaPath, migrationsDir, databaseUrl });
    console.log(drift ?? 'migrations and schema.prisma are in sync');
    return drift === null ? 0 : 1;
  }
  const name = args[0];
  if (name === undefined || name.startsWith('-') || args.length > 1) {
    console.error('usage: migrate-create.ts <name> | --check');
    return 2;
  }
  const created = await createMigration({ schemaPath, migrationsDir, name });
  if (created === null) {
    console.log('no changes');
    return 0;
  }
  console.log(
    `created ${relative(root, join(migrationsDir, created.migration, 'migration.sql'))}:\n\n${created.sql}`,
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
