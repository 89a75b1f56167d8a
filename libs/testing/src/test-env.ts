import { createHash } from 'node:crypto';
import { resolve } from 'node:path';

/** Where integration tests find the real services; overridable for CI machines that differ. */
export const TEST_POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Migrated once per run by global-setup; every test file's database is a copy of it. Named per
 * checkout (as global-setup.cjs names it), so parallel runs in separate worktrees don't collide.
 */
export const TEMPLATE_DATABASE = `chainloom_test_template_${createHash('sha1').update(resolve(__dirname, '../../..')).digest('hex').slice(0, 8)}`;
