import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Permission } from './permissions';
import { actorOf, type Actor, type Principal } from './principal';

export const REQUIRED_PERMISSION = 'chainloom:permission';
export const PLATFORM_ADMIN_ONLY = 'chainloom:platform-admin';

/** The route needs this permission: from the user's role, or among the API key's scopes. */
export const RequirePermission = (permission: Permission) => SetMetadata(REQUIRED_PERMISSION, permission);
/** The route is for platform admins only (a console session of a platform admin user). */
export const PlatformAdminOnly = () => SetMetadata(PLATFORM_ADMIN_ONLY, true);

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

/** The principal of an authenticated route (the guard guarantees it is set). */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without authentication');
  return principal;
});

/** Who is acting and from where, for the audit log. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  return actorOf(request.principal, request.ip ?? null);
});

/** The tenant of the caller; routes under a tenant use it to scope every query. */
export const CurrentTenantId = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const tenantId = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal?.tenantId;
  if (!tenantId) throw new Error('CurrentTenantId used on a route that allows callers without a tenant');
  return tenantId;
});
