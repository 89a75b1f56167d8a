import { ConfigError, loadConfig } from './env.schema';

describe('loadConfig', () => {
  it('starts with nothing set, using local defaults', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toBe('postgresql://postgres@127.0.0.1:5432/chainloom');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.DATA_DIR).toBe('./.data');
    expect(config.CHAINLOOM_ROLE).toBe('all');
    expect(config.PORT).toBe(3000);
  });

  it('names every wrong variable and says what is expected', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://localhost/db', CHAINLOOM_ROLE: 'both' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { message, issues } = error as ConfigError;
    expect(issues.map((i) => i.variable).sort()).toEqual(['CHAINLOOM_ROLE', 'DATABASE_URL', 'PORT']);
    expect(message).toMatch(/PORT: .*\(expected: HTTP port/);
    expect(message).toMatch(/DATABASE_URL: .*postgresql:\/\/user:pass@host/);
    expect(message).toMatch(/Set or fix these environment variables/);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '' }).PORT).toBe(3000);
  });

  it('parses booleans and numbers from strings', () => {
    const config = loadConfig({ DATABASE_MIGRATE: 'false', PORT: '0', BODY_LIMIT_BYTES: '2048' });
    expect(config.DATABASE_MIGRATE).toBe(false);
    expect(config.PORT).toBe(0);
    expect(config.BODY_LIMIT_BYTES).toBe(2048);
  });

  it('refuses production without a master key', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/MASTER_KEY: required when NODE_ENV=production/);
    expect(loadConfig({ NODE_ENV: 'production', MASTER_KEY: 'k'.repeat(44) }).NODE_ENV).toBe('production');
  });
});
