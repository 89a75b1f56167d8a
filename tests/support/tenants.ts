// Tenants for the suites, signed up through the public API the way a customer would.
import { API_KEY_SCOPES } from '@chainloom/auth';
import { TestClient } from '@chainloom/testing';
import { randomBytes } from 'node:crypto';
import type { Client } from 'pg';
import { ADMIN_PASSWORD, PASSWORD } from './platform';

export interface SuiteTenant {
  id: string;
  name: string;
  userId: string;
  email: string;
  password: string;
  /** The owner's session token (every permission, no per-key rate limit). */
  session: string;
  /** An API key with every scope a key may carry. */
  key: string;
  keyId: string;
}

export interface TenantOptions {
  /**
   * Plan and overrides written straight to the row (as an admin's approval would): ENTERPRISE so
   * that the FREE plan's 20 requests per second per key do not throttle a suite.
   */
  plan?: 'FREE' | 'STANDARD' | 'ENTERPRISE';
  quotaOverrides?: Record<string, number>;
}

export async function signUpTenant(
  api: TestClient,
  pg: Client,
  name: string,
  options: TenantOptions = {},
): Promise<SuiteTenant> {
  const tag = randomBytes(4).toString('hex');
  const email = `${name.toLowerCase().replace(/\W+/g, '-')}-${tag}@example.test`;
  const tenantName = `${name} ${tag}`;
  const signup = await api.post<{ token: string; tenant: { id: string }; user: { id: string } }>(
    '/v1/signup',
    { tenantName, name: `${name} Owner`, email, password: PASSWORD },
  );
  if (signup.status !== 201)
    throw new Error(`signup of ${name} failed: ${signup.status} ${JSON.stringify(signup.body)}`);
  const plan = options.plan ?? 'ENTERPRISE';
  if (plan !== 'FREE' || options.quotaOverrides)
    await upgradeTenant(pg, signup.body.tenant.id, plan, options.quotaOverrides);
  const created = await api
    .as(signup.body.token)
    .post<{ secret: string; apiKey: { id: string } }>('/v1/api-keys', {
      name: `${name} all scopes`,
      scopes: [...API_KEY_SCOPES],
    });
  if (created.status !== 201)
    throw new Error(`API key of ${name} failed: ${created.status} ${JSON.stringify(created.body)}`);
  return {
    id: signup.body.tenant.id,
    name: tenantName,
    userId: signup.body.user.id,
    email,
    password: PASSWORD,
    session: signup.body.token,
    key: created.body.secret,
    keyId: created.body.apiKey.id,
  };
}

/** Approves a tenant and sets its plan, as a platform admin would (straight to the row). */
export async function upgradeTenant(
  pg: Client,
  tenantId: string,
  plan: 'FREE' | 'STANDARD' | 'ENTERPRISE',
  quotaOverrides: Record<string, number> = {},
) {
  await pg.query(
    `UPDATE tenants SET plan = $2, verification_status = 'APPROVED', quota_overrides = $3 WHERE id = $1`,
    [tenantId, plan, JSON.stringify(quotaOverrides)],
  );
}

/** A fresh session of the platform admin created at start-up (PLATFORM_ADMIN_EMAIL). */
export async function adminSession(api: TestClient, email: string): Promise<string> {
  const res = await api.post<{ token: string }>('/v1/sessions', { email, password: ADMIN_PASSWORD });
  if (res.status !== 201) throw new Error(`admin login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token;
}

/** A fresh session of a user (for calls that revoke the caller's own session). */
export async function login(api: TestClient, email: string, password = PASSWORD): Promise<string> {
  const res = await api.post<{ token: string }>('/v1/sessions', { email, password });
  if (res.status !== 201)
    throw new Error(`login of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token;
}
