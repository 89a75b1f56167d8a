/** Where integration tests find the real services; overridable for CI machines that differ. */
export const TEST_POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Migrated once per run by global-setup; every test file's database is a copy of it. */
export const TEMPLATE_DATABASE = 'chainloom_test_template';
