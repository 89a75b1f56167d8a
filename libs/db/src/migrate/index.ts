// Migration tooling on Prisma's WebAssembly schema engine (see README.md in this folder).
// Database create/drop helpers live in ../database-url.
export { applyMigrations } from './apply';
export { checkDrift, createMigration, diffSchemas, isEmptyMigration } from './diff';
export { SNAPSHOT_FILE } from './migrations-dir';
