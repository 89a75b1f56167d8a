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

  it('takes the certificates settings and the trusted proxies, refusing nonsense', () => {
    const config = loadConfig({ CERTIFICATES_SEAL_INTERVAL_MS: '250', PUBLIC_VERIFY_PER_SECOND: '5', TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' });
    expect(config).toMatchObject({ CERTIFICATES_SEAL_INTERVAL_MS: 250, CERTIFICATES_MAX_BATCH_LEAVES: 10_000, PUBLIC_VERIFY_PER_SECOND: 5, TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' });
    expect(() => loadConfig({ CERTIFICATES_MAX_BATCH_LEAVES: '0' })).toThrow(/CERTIFICATES_MAX_BATCH_LEAVES/);
    expect(() => loadConfig({ TRUST_PROXY: 'everyone; rm -rf' })).toThrow(/TRUST_PROXY/);
  });

  it('refuses production without a master key', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/MASTER_KEY: required when NODE_ENV=production/);
    expect(loadConfig({ NODE_ENV: 'production', MASTER_KEY: 'k'.repeat(44) }).NODE_ENV).toBe('production');
  });
});
