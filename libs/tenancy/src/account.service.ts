import { Inject, Injectable } from '@nestjs/common';
import { CredentialService, ROLE_PERMISSIONS, TOKEN_PREFIX, newSecret, sha256, type Actor, type Principal, type TenantRole } from '@chainloom/auth';
import { APP_CONFIG, AppException, newId, type AppConfig } from '@chainloom/core';
import { AuditLog, PrismaService, type Prisma } from '@chainloom/db';
import { RedisService } from '@chainloom/queue';
import { dummyHash, hashPassword, verifyPassword } from './password';
import { TenancyException } from './tenancy.exception';
import { tenantView, userView } from './views';

const LOGIN_WINDOW_SECONDS = 15 * 60;
const LOGIN_MAX_FAILURES = 10;

/** Sign-up, login, logout and who-am-I. */
@Injectable()
export class AccountService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditLog,
    private readonly credentials: CredentialService,
    private readonly redis: RedisService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Creates a tenant, its owner and a session, in one transaction with the audit entry. */
  async signup(input: { tenantName: string; name: string; email: string; password: string }, ip: string | null) {
    const passwordHash = await hashPassword(input.password);
    const tenantId = newId('ten');
    const userId = newId('usr');
    try {
      await this.prisma.$transaction(async (tx) => {
        await tx.tenant.create({ data: { id: tenantId, name: input.tenantName } });
        await tx.user.create({ data: { id: userId, email: input.email, name: input.name, passwordHash } });
        await tx.membership.create({ data: { id: newId('mem'), tenantId, userId, role: 'OWNER' } });
        await this.audit.append(tx, {
          tenantId,
          actor: { type: 'user', id: userId, ip },
          action: 'tenant.signup',
          target: { type: 'tenant', id: tenantId },
          details: { email: input.email },
        });
      });
    } catch (error) {
      if ((error as { code?: string }).code === 'P2002') throw TenancyException.emailTaken();
      throw error;
    }
    return this.openSession(userId, tenantId, ip, null);
  }

  async login(input: { email: string; password: string; tenantId?: string }, ip: string | null, userAgent: string | null) {
    const throttleKey = `${this.redis.prefix}:login-fail:${input.email}`;
    const failures = Number(await this.redis.command.get(throttleKey).catch(() => null)) || 0;
    if (failures >= LOGIN_MAX_FAILURES) {
      const ttl = await this.redis.command.ttl(throttleKey).catch(() => LOGIN_WINDOW_SECONDS);
      throw TenancyException.tooManyLogins(Math.max(ttl, 1));
    }
    const user = await this.prisma.user.findUnique({
      where: { email: input.email },
      include: { memberships: { orderBy: { createdAt: 'asc' }, include: { tenant: { select: { status: true } } } } },
    });
    const ok = user ? await verifyPassword(user.passwordHash, input.password) : await verifyPassword(await dummyHash(), input.password);
    if (!user || !ok) {
      await this.redis.command
        .multi()
        .incr(throttleKey)
        .expire(throttleKey, LOGIN_WINDOW_SECONDS)
        .exec()
        .catch(() => undefined);
      if (user?.memberships[0]) {
        await this.audit.record({
          tenantId: user.memberships[0].tenantId,
          actor: { type: 'user', id: user.id, ip },
          action: 'session.login',
          outcome: 'failure',
          target: { type: 'user', id: user.id },
        });
      }
      throw TenancyException.badLogin();
    }
    await this.redis.command.del(throttleKey).catch(() => undefined);
    // Without a choice, the oldest membership whose tenant is active: a person whose first tenant
    // was suspended still gets in, to their other tenants (and the tenant switcher).
    const membership = input.tenantId
      ? user.memberships.find((m) => m.tenantId === input.tenantId)
      : (user.memberships.find((m) => m.tenant.status === 'ACTIVE') ?? user.memberships[0]);
    if (input.tenantId && !membership) throw TenancyException.notMember();
    return this.openSession(user.id, membership?.tenantId ?? null, ip, userAgent);
  }

  private async openSession(userId: string, tenantId: string | null, ip: string | null, userAgent: string | null) {
    const token = newSecret(TOKEN_PREFIX.session);
    const expiresAt = new Date(Date.now() + this.config.SESSION_TTL_HOURS * 3_600_000);
    const sessionId = newId('ses');
    await this.prisma.$transaction(async (tx) => {
      await tx.session.create({
        data: { id: sessionId, userId, tenantId, tokenHash: sha256(token), expiresAt, sourceIp: ip, userAgent: userAgent?.slice(0, 300) },
      });
      if (tenantId) {
        await this.audit.append(tx, {
          tenantId,
          actor: { type: 'user', id: userId, ip },
          action: 'session.login',
          target: { type: 'session', id: sessionId },
        });
      }
    });
    const me = await this.describe(userId, tenantId);
    return { token, expiresAt: expiresAt.toISOString(), user: me.user, tenant: me.tenant, role: me.role };
  }

  /** Revokes the session at once, on every instance. */
  async logout(principal: Principal, actor: Actor) {
    if (principal.kind !== 'session') return;
    await this.prisma.$transaction(async (tx) => {
      await tx.session.updateMany({ where: { id: principal.credentialId, revokedAt: null }, data: { revokedAt: new Date() } });
      if (principal.tenantId) {
        await this.audit.append(tx, { tenantId: principal.tenantId, actor, action: 'session.logout', target: { type: 'session', id: principal.credentialId } });
      }
    });
    await this.credentials.invalidate({ kind: 'credential', id: principal.credentialId });
  }

  /**
   * Moves a console session to another of the user's tenants. The session row changes in place
   * (same token, same expiry) and every instance drops its cached principal, so the next request
   * runs with the new tenant's role. A tenant the user is not a member of answers 404, as if it
   * did not exist. A suspended target is allowed: the next request then says it is suspended.
   */
  async switchTenant(principal: Principal, tenantId: string, actor: Actor) {
    if (principal.kind !== 'session' || !principal.userId) throw TenancyException.sessionOnly();
    const membership = await this.prisma.membership.findUnique({ where: { tenantId_userId: { tenantId, userId: principal.userId } } });
    if (!membership) throw AppException.notFound('Tenant');
    await this.prisma.$transaction(async (tx) => {
      const moved = await tx.session.updateMany({ where: { id: principal.credentialId, revokedAt: null }, data: { tenantId } });
      if (moved.count !== 1) throw TenancyException.sessionOnly();
      await this.audit.append(tx, {
        tenantId,
        actor,
        action: 'session.switch_tenant',
        target: { type: 'session', id: principal.credentialId },
        details: { from: principal.tenantId },
      });
    });
    await this.credentials.invalidate({ kind: 'credential', id: principal.credentialId });
    const me = await this.describe(principal.userId, tenantId);
    return { ...me, permissions: me.role ? [...ROLE_PERMISSIONS[me.role]] : [] };
  }

  async me(principal: Principal) {
    const me = await this.describe(principal.userId ?? '', principal.tenantId);
    if (principal.kind === 'api-key') return { ...me, role: null, permissions: [...principal.permissions] };
    return { ...me, permissions: [...principal.permissions] };
  }

  private async describe(userId: string, tenantId: string | null) {
    const user = await this.prisma.user.findUniqueOrThrow({
      where: { id: userId },
      include: { memberships: { include: { tenant: true }, orderBy: { createdAt: 'asc' } } },
    });
    const current = user.memberships.find((m) => m.tenantId === tenantId);
    return {
      user: userView(user),
      tenant: current ? tenantView(current.tenant) : null,
      role: (current?.role ?? null) as TenantRole | null,
      memberships: user.memberships.map((m) => ({ tenantId: m.tenantId, tenantName: m.tenant.name, role: m.role as TenantRole })),
    };
  }

  /** Accepting an invitation: joins an existing account (password checked) or creates one. */
  async acceptInvitation(input: { token: string; name?: string; password: string }, ip: string | null) {
    const invitation = await this.prisma.invitation.findUnique({ where: { tokenHash: sha256(input.token) } });
    if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= new Date()) {
      throw TenancyException.invitationInvalid();
    }
    const existing = await this.prisma.user.findUnique({ where: { email: invitation.email } });
    if (existing && !(await verifyPassword(existing.passwordHash, input.password))) throw TenancyException.badLogin();
    if (!existing && (!input.name || input.password.length < 12)) {
      throw TenancyException.badRequest('account_details_required', 'Give your name and a password of at least 12 characters to create your account.');
    }
    const userId = existing?.id ?? newId('usr');
    const passwordHash = existing ? null : await hashPassword(input.password);
    await this.prisma.$transaction(async (tx: Prisma.TransactionClient) => {
      // The conditional update makes the token single-use even under concurrent accepts.
      const claimed = await tx.invitation.updateMany({
        where: { id: invitation.id, acceptedAt: null, revokedAt: null },
        data: { acceptedAt: new Date() },
      });
      if (claimed.count !== 1) throw TenancyException.invitationInvalid();
      if (!existing) {
        await tx.user.create({ data: { id: userId, email: invitation.email, name: input.name ?? '', passwordHash: passwordHash ?? '' } });
      }
      const member = await tx.membership.findUnique({ where: { tenantId_userId: { tenantId: invitation.tenantId, userId } } });
      if (member) throw TenancyException.alreadyMember();
      await tx.membership.create({ data: { id: newId('mem'), tenantId: invitation.tenantId, userId, role: invitation.role } });
      await this.audit.append(tx, {
        tenantId: invitation.tenantId,
        actor: { type: 'user', id: userId, ip },
        action: 'invitation.accept',
        target: { type: 'invitation', id: invitation.id },
        details: { role: invitation.role },
      });
    });
    return this.openSession(userId, invitation.tenantId, ip, null);
  }
}
