import { Inject, Injectable } from '@nestjs/common';
import { CredentialService, TOKEN_PREFIX, newSecret, sha256, type Actor, type TenantRole } from '@chainloom/auth';
import { APP_CONFIG, AppException, LifecycleService, newId, type AppConfig } from '@chainloom/core';
import { AuditLog, PrismaService, tenantScoped } from '@chainloom/db';
import { MAILER, type Mailer } from './mailer';
import { TenancyException } from './tenancy.exception';
import { invitationView, memberView } from './views';

/** Members of a tenant, their roles, and invitations to join. */
@Injectable()
export class MembersService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditLog,
    private readonly credentials: CredentialService,
    @Inject(MAILER) private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly lifecycle: LifecycleService,
  ) {}

  async list(tenantId: string) {
    const rows = await tenantScoped(this.prisma, tenantId).membership.findMany({ include: { user: true }, orderBy: { createdAt: 'asc' } });
    return { items: rows.map(memberView), nextCursor: null };
  }

  async changeRole(tenantId: string, memberId: string, role: TenantRole, actorRole: TenantRole | null, actor: Actor) {
    const db = tenantScoped(this.prisma, tenantId);
    const member = await db.membership.findUnique({ where: { id: memberId }, include: { user: true } });
    if (!member) throw AppException.notFound('Member');
    if ((role === 'OWNER' || member.role === 'OWNER') && actorRole !== 'OWNER') throw TenancyException.ownerOnly();
    await this.prisma.$transaction(async (tx) => {
      if (member.role === 'OWNER' && role !== 'OWNER') await this.assertAnotherOwner(tx, tenantId, memberId);
      await tx.membership.update({ where: { id: memberId, tenantId }, data: { role } });
      await this.audit.append(tx, { tenantId, actor, action: 'member.role_change', target: { type: 'member', id: memberId }, details: { from: member.role, to: role } });
    });
    await this.credentials.invalidate({ kind: 'user', id: member.userId });
    return memberView({ ...member, role });
  }

  async remove(tenantId: string, memberId: string, actorRole: TenantRole | null, actor: Actor) {
    const member = await tenantScoped(this.prisma, tenantId).membership.findUnique({ where: { id: memberId } });
    if (!member) throw AppException.notFound('Member');
    if (member.role === 'OWNER' && actorRole !== 'OWNER') throw TenancyException.ownerOnly();
    await this.prisma.$transaction(async (tx) => {
      if (member.role === 'OWNER') await this.assertAnotherOwner(tx, tenantId, memberId);
      await tx.membership.delete({ where: { id: memberId, tenantId } });
      await this.audit.append(tx, { tenantId, actor, action: 'member.remove', target: { type: 'member', id: memberId }, details: { userId: member.userId } });
    });
    await this.credentials.invalidate({ kind: 'user', id: member.userId });
  }

  private async assertAnotherOwner(tx: Parameters<Parameters<PrismaService['$transaction']>[0]>[0], tenantId: string, exceptId: string) {
    // Lock the owners so two concurrent demotions cannot both see "another owner".
    const owners = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM memberships WHERE tenant_id = ${tenantId} AND role = 'OWNER' AND id <> ${exceptId} FOR UPDATE`;
    if (owners.length === 0) throw TenancyException.lastOwner();
  }

  /** Creates a single-use, expiring invitation and mails its link; the token is never stored. */
  async invite(tenantId: string, email: string, role: TenantRole, actorRole: TenantRole | null, actor: Actor) {
    if (role === 'OWNER' && actorRole !== 'OWNER') throw TenancyException.ownerOnly();
    const existing = await tenantScoped(this.prisma, tenantId).membership.findFirst({ where: { user: { email } } });
    if (existing) throw TenancyException.alreadyMember();
    const token = newSecret(TOKEN_PREFIX.invitation);
    const id = newId('inv');
    const invitation = await this.prisma.$transaction(async (tx) => {
      const row = await tx.invitation.create({
        data: {
          id,
          tenantId,
          email,
          role,
          tokenHash: sha256(token),
          expiresAt: new Date(Date.now() + this.config.INVITATION_TTL_HOURS * 3_600_000),
          invitedBy: actor.id ?? 'unknown',
        },
      });
      await this.audit.append(tx, { tenantId, actor, action: 'invitation.create', target: { type: 'invitation', id }, details: { email, role } });
      return row;
    });
    const base = this.lifecycle.publicUrl;
    await this.mailer.send({
      to: email,
      subject: 'You are invited to a Chainloom tenant',
      text: `Accept within ${this.config.INVITATION_TTL_HOURS} hours: ${base}/invitations/accept#token=${token}\n(or POST /v1/invitations/accept with {"token": "${token}"})`,
    });
    return invitationView(invitation);
  }

  async listInvitations(tenantId: string) {
    const rows = await tenantScoped(this.prisma, tenantId).invitation.findMany({ orderBy: { createdAt: 'desc' }, take: 200 });
    return { items: rows.map(invitationView), nextCursor: null };
  }

  async revokeInvitation(tenantId: string, invitationId: string, actor: Actor) {
    const db = tenantScoped(this.prisma, tenantId);
    const invitation = await db.invitation.findUnique({ where: { id: invitationId } });
    if (!invitation) throw AppException.notFound('Invitation');
    await this.prisma.$transaction(async (tx) => {
      await tx.invitation.updateMany({ where: { id: invitationId, tenantId, revokedAt: null }, data: { revokedAt: new Date() } });
      await this.audit.append(tx, { tenantId, actor, action: 'invitation.revoke', target: { type: 'invitation', id: invitationId } });
    });
  }
}
