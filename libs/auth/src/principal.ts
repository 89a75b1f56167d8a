import type { Permission, TenantRole } from './permissions';
import type { PlanLimits } from './plans';

/** Who is making a request, resolved from an API key or a session and cached. */
export interface Principal {
  kind: 'api-key' | 'session';
  /** Key id or session id: what a revocation names. */
  credentialId: string;
  userId: string | null;
  tenantId: string | null;
  role: TenantRole | null;
  permissions: ReadonlySet<Permission>;
  platformAdmin: boolean;
  limits: PlanLimits | null;
  /** Epoch ms after which the credential no longer works. */
  expiresAt: number | null;
}

/** Who did something, as the audit log records it. */
export interface Actor {
  type: 'user' | 'api-key' | 'system';
  id: string | null;
  ip: string | null;
}

export const actorOf = (principal: Principal | undefined, ip: string | null): Actor =>
  principal
    ? { type: principal.kind === 'api-key' ? 'api-key' : 'user', id: principal.kind === 'api-key' ? principal.credentialId : principal.userId, ip }
    : { type: 'system', id: null, ip };
