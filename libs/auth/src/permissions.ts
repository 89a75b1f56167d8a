import { z } from 'zod';

/**
 * What may be done, one string per capability. Roles grant sets of them; API keys carry a subset
 * as scopes. A route names the one it needs.
 */
export const PERMISSIONS = [
  'tenant:read',
  'tenant:manage',
  'members:read',
  'members:manage',
  'keys:manage',
  'networks:read',
  'networks:write',
  'contracts:read',
  'contracts:write',
  'certificates:read',
  'certificates:write',
  'webhooks:manage',
  'rpc',
  'usage:read',
  'audit:read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = ['OWNER', 'ADMIN', 'DEVELOPER', 'VIEWER'] as const;
export type TenantRole = (typeof ROLES)[number];

const READ: Permission[] = ['tenant:read', 'members:read', 'networks:read', 'contracts:read', 'certificates:read', 'usage:read'];
const BUILD: Permission[] = [...READ, 'networks:write', 'contracts:write', 'certificates:write', 'webhooks:manage', 'rpc'];
const ADMIN: Permission[] = [...BUILD, 'members:manage', 'keys:manage', 'audit:read'];

/**
 * - OWNER: everything, including company details, verification and plan (tenant:manage).
 * - ADMIN: everything but tenant:manage: members, API keys, audit log, and all of DEVELOPER.
 * - DEVELOPER: build with the platform: networks, contracts, certificates, webhooks, RPC.
 * - VIEWER: read only.
 */
export const ROLE_PERMISSIONS: Record<TenantRole, ReadonlySet<Permission>> = {
  OWNER: new Set([...ADMIN, 'tenant:manage']),
  ADMIN: new Set(ADMIN),
  DEVELOPER: new Set(BUILD),
  VIEWER: new Set(READ),
};

/** Scopes an API key may carry: the data plane. Managing members, keys or the tenant needs a person. */
export const API_KEY_SCOPES = [
  'networks:read',
  'networks:write',
  'contracts:read',
  'contracts:write',
  'certificates:read',
  'certificates:write',
  'webhooks:manage',
  'rpc',
  'usage:read',
  'audit:read',
] as const satisfies readonly Permission[];
export const ApiKeyScope = z.enum(API_KEY_SCOPES);
export type ApiKeyScope = z.infer<typeof ApiKeyScope>;
