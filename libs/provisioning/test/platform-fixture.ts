// Shared set-up for provisioning tests: a tenant with an owner session and an API key, and the
// platform as a child process for the kill -9 tests.
import { TestClient, waitFor } from '@chainloom/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Client } from 'pg';

export const PASSWORD = 'correct horse battery staple';

export interface TenantHandle {
  tenantId: string;
  session: string;
  key: string;
}

/**
 * A verified ENTERPRISE tenant (so the FREE plan's 20 requests per second do not throttle the
 * test), allowed `networks` networks, with an owner session and an API key.
 */
export async function newTenant(
  api: TestClient,
  databaseUrl: string,
  name: string,
  { networks = 1, scopes = ['networks:read', 'networks:write', 'contracts:read', 'contracts:write', 'rpc'] } = {},
): Promise<TenantHandle> {
  const email = `${name.toLowerCase()}-${randomBytes(4).toString('hex')}@example.test`;
  const signup = await api.post<{ token: string; tenant: { id: string } }>('/v1/signup', { tenantName: name, name, email, password: PASSWORD });
  if (signup.status !== 201) throw new Error(`signup failed: ${JSON.stringify(signup.body)}`);
  const pg = new Client({ connectionString: databaseUrl });
  await pg.connect();
  await pg.query(`UPDATE tenants SET plan = 'ENTERPRISE', verification_status = 'APPROVED', quota_overrides = $2 WHERE id = $1`, [
    signup.body.tenant.id,
    JSON.stringify({ networks }),
  ]);
  await pg.end();
  const key = await api.as(signup.body.token).post<{ secret: string }>('/v1/api-keys', { name: 'test', scopes });
  return { tenantId: signup.body.tenant.id, session: signup.body.token, key: key.body.secret };
}

const WORKSPACE = resolve(__dirname, '../../..');

/**
 * The platform (libs/provisioning/test/platform.main.ts) as a real child process on `port`, for
 * tests that kill -9 it; resolves once /health/ready answers. `env` is its whole configuration
 * besides PATH and the swc settings (the parent's environment does not leak in).
 */
export async function spawnPlatform(port: number, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', resolve(WORKSPACE, 'libs/provisioning/test/platform.main.ts')], {
    cwd: WORKSPACE,
    env: { PATH: process.env.PATH, SWC_NODE_PROJECT: resolve(WORKSPACE, 'tsconfig.base.json'), PORT: String(port), ...env },
    stdio: 'ignore',
  });
  await waitFor('the platform to listen', async () => (await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => null))?.ok, 30_000);
  return child;
}
