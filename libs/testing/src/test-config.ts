import { loadConfig, type AppConfig } from '@chainloom/core';
import { TEST_REDIS_URL } from './test-env';

/** A platform configuration for a test: its own database, a free port, quiet logs. */
export function testConfig(databaseUrl: string, overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    DATABASE_MIGRATE: 'false',
    DATABASE_CREATE: 'false',
    REDIS_URL: TEST_REDIS_URL,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    NOTARY_NETWORK: 'off',
    REDIS_PREFIX: `test-${Math.random().toString(36).slice(2, 10)}`,
    DATA_DIR: `./tmp/test-data/${Math.random().toString(36).slice(2)}`,
    ...overrides,
  });
}
