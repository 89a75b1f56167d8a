// Shared set-up for provisioning tests: a tenant with an owner session and an API key.
import { TestClient } from '@chainloom/testing';
import { randomBytes } from 'node:crypto';
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
