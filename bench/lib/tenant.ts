// Sets up a benchmark tenant through the platform's own API, as a customer and the platform
// admin would: sign up, submit company details, admin sets the plan and a per-key rate limit high
// enough not to interfere and approves the tenant, then the owner creates an API key.
import { randomBytes } from 'node:crypto';
import type { ApiKeyScope } from '@chainloom/auth';
import { isRecord } from './child';

export interface AdminCredentials {
  email: string;
  password: string;
}

export interface BenchTenant {
  tenantId: string;
  /** The owner's session token (cls_…): authenticates without the per-key rate limiter. */
  sessionToken: string;
  /** An API key (clk_…) with the requested scopes. */
  apiKey: string;
  /** The tenant's effective requests-per-second limit per key after approval. */
  requestsPerSecondPerKey: number;
}

export interface TenantOptions {
  /** Default: ENTERPRISE. */
  plan?: 'FREE' | 'STANDARD' | 'ENTERPRISE';
  /** Per-key rate limit override; default the maximum the admin API accepts (1,000,000/s). */
  requestsPerSecondPerKey?: number;
  /** Default: ['usage:read']. */
  scopes?: ApiKeyScope[];
}

const PASSWORD = 'benchmark owner password';

/** One JSON request; fails with the method, path, status and body on anything but the expected status. */
export async function call(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; expect?: number } = {},
): Promise<Record<string, unknown>> {
  const res = await fetch(baseUrl + path, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  const expected = options.expect ?? (method === 'POST' ? 201 : 200);
  if (res.status !== expected)
    throw new Error(`${method} ${path}: expected ${expected}, got ${res.status}: ${text.slice(0, 500)}`);
  const parsed: unknown = text ? JSON.parse(text) : {};
  if (!isRecord(parsed))
    throw new Error(`${method} ${path}: expected a JSON object, got ${text.slice(0, 200)}`);
  return parsed;
}

function field(object: unknown, ...path: string[]): unknown {
  let value: unknown = object;
  for (const key of path) value = isRecord(value) ? value[key] : undefined;
  return value;
}

function stringField(object: unknown, ...path: string[]): string {
  const value = field(object, ...path);
  if (typeof value !== 'string')
    throw new Error(`expected a string at ${path.join('.')} in ${JSON.stringify(object).slice(0, 300)}`);
  return value;
}

export async function provisionTenant(
  baseUrl: string,
  admin: AdminCredentials,
  options: TenantOptions = {},
): Promise<BenchTenant> {
  const tag = randomBytes(4).toString('hex');
  const signup = await call(baseUrl, 'POST', '/v1/signup', {
    body: {
      tenantName: `Bench ${tag}`,
      name: 'Bench owner',
      email: `bench-owner-${tag}@chainloom.test`,
      password: PASSWORD,
    },
  });
  const sessionToken = stringField(signup, 'token');
  const tenantId = stringField(signup, 'tenant', 'id');

  const adminSession = await call(baseUrl, 'POST', '/v1/sessions', {
    body: { email: admin.email, password: admin.password },
  });
  const adminToken = stringField(adminSession, 'token');
  await call(baseUrl, 'PATCH', `/v1/admin/tenants/${tenantId}`, {
    token: adminToken,
    body: {
      plan: options.plan ?? 'ENTERPRISE',
      quotaOverrides: { requestsPerSecondPerKey: options.requestsPerSecondPerKey ?? 1_000_000 },
    },
  });
  const verification = await call(baseUrl, 'POST', '/v1/tenant/verification', {
    token: sessionToken,
    body: {
      companyName: `Bench ${tag} Ltd`,
      registrationNumber: `BENCH-${tag}`,
      country: 'DE',
      address: '1 Benchmark Street, Berlin',
      contactName: 'Bench owner',
      contactEmail: `bench-owner-${tag}@chainloom.test`,
    },
  });
  await call(baseUrl, 'POST', `/v1/admin/verifications/${stringField(verification, 'id')}/approve`, {
    token: adminToken,
    body: {},
  });
  await call(baseUrl, 'DELETE', '/v1/sessions/current', { token: adminToken, expect: 204 });

  const key = await call(baseUrl, 'POST', '/v1/api-keys', {
    token: sessionToken,
    body: { name: `bench ${tag}`, scopes: options.scopes ?? ['usage:read'] },
  });
  const apiKey = stringField(key, 'secret');

  // The approval took effect: the tenant now has the plan's limits with the override.
  const tenant = await call(baseUrl, 'GET', '/v1/tenant', { token: sessionToken });
  const limit = field(tenant, 'limits', 'requestsPerSecondPerKey');
  if (typeof limit !== 'number' || field(tenant, 'verificationStatus') !== 'APPROVED') {
    throw new Error(`the benchmark tenant was not approved: ${JSON.stringify(tenant).slice(0, 500)}`);
  }
  return { tenantId, sessionToken, apiKey, requestsPerSecondPerKey: limit };
}
