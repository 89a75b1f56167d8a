import { Injectable } from '@nestjs/common';
import { CredentialService, type Actor, type PlanName, type QuotaOverrides } from '@chainloom/auth';
import { AppException, decodeCursor, encodeCursor } from '@chainloom/core';
import { AuditLog, PrismaService, type AuditRecord, type Prisma } from '@chainloom/db';
import { z } from 'zod';
import { TenancyException } from './tenancy.exception';
import { tenantView, verificationView } from './views';

const TenantCursor = z.object({ id: z.string() });

/**
 * Platform administration: tenants, plans and overrides, the verification queue, suspension.
 * Every action on a tenant is appended to that tenant's own audit log.
 */
@Injectable()
export class AdminService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditLog,
    private readonly credentials: CredentialService,
  ) {}

  private adminActor(actor: Actor): AuditRecord['actor'] {
    return { ...actor, type: 'platform-admin' };
  }

  async listTenants(query: { search?: string; status?: 'ACTIVE' | 'SUSPENDED'; verificationStatus?: 'UNVERIFIED' | 'PENDING' | 'APPROVED' | 'REJECTED'; limit: number; cursor?: string }) {
    const after = query.cursor ? decodeCursor(query.cursor, TenantCursor) : undefined;
    const where: Prisma.TenantWhereInput = {
      ...(query.status ? { status: query.status } : {}),
      ...(query.verificationStatus ? { verificationStatus: query.verificationStatus } : {}),
      ...(query.search ? { OR: [{ name: { contains: query.search, mode: 'insensitive' } }, { id: query.search }] } : {}),
      ...(after ? { id: { lt: after.id } } : {}),
    };
    const rows = await this.prisma.tenant.findMany({ where, orderBy: { id: 'desc' }, take: query.limit + 1 });
    const items = rows.slice(0, query.limit);
    return { items: items.map(tenantView), nextCursor: rows.length > query.limit ? encodeCursor({ id: items[items.length - 1].id }) : null };
  }

  async getTenant(id: string) {
    const tenant = await this.prisma.tenant.findUnique({ where: { id } });
    if (!tenant) throw AppException.notFound('Tenant');
    return tenantView(tenant);
  }

  async updateTenant(id: string, input: { plan?: PlanName; quotaOverrides?: QuotaOverrides }, actor: Actor) {
    await this.getTenant(id);
    const tenant = await this.prisma.$transaction(async (tx) => {
      const row = await tx.tenant.update({
        where: { id },
        data: { ...(input.plan ? { plan: input.plan } : {}), ...(input.quotaOverrides ? { quotaOverrides: input.quotaOverrides } : {}) },
      });
      await this.audit.append(tx, { tenantId: id, actor: this.adminActor(actor), action: 'admin.tenant.update', target: { type: 'tenant', id }, details: { ...input } });
      return row;
    });
    await this.credentials.invalidate({ kind: 'tenant', id });
    return tenantView(tenant);
  }

  /** Suspends at once: every key, session and RPC call of the tenant stops working; no data is deleted. */
  async setSuspended(id: string, suspended: boolean, reason: string | null, actor: Actor) {
    await this.getTenant(id);
    const tenant = await this.prisma.$transaction(async (tx) => {
      const row = await tx.tenant.update({
        where: { id },
        data: { status: suspended ? 'SUSPENDED' : 'ACTIVE', suspendedReason: suspended ? reason : null },
      });
      await this.audit.append(tx, {
        tenantId: id,
        actor: this.adminActor(actor),
        action: suspended ? 'admin.tenant.suspend' : 'admin.tenant.reactivate',
        target: { type: 'tenant', id },
        details: reason ? { reason } : {},
      });
      return row;
    });
    await this.credentials.invalidate({ kind: 'tenant', id });
    return tenantView(tenant);
  }

  async verificationQueue(status: 'PENDING' | 'APPROVED' | 'REJECTED', limit: number) {
    const rows = await this.prisma.verificationRequest.findMany({ where: { status }, orderBy: { createdAt: 'asc' }, take: limit });
    return { items: rows.map(verificationView), nextCursor: null };
  }

  async decide(requestId: string, approve: boolean, reason: string | null, actor: Actor) {
    const request = await this.prisma.verificationRequest.findUnique({ where: { id: requestId } });
    if (!request) throw AppException.notFound('Verification request');
    const row = await this.prisma.$transaction(async (tx) => {
      const claimed = await tx.verificationRequest.updateMany({
        where: { id: requestId, status: 'PENDING' },
        data: { status: approve ? 'APPROVED' : 'REJECTED', reason, decidedBy: actor.id, decidedAt: new Date() },
      });
      if (claimed.count !== 1) throw TenancyException.notPending();
      await tx.tenant.update({ where: { id: request.tenantId }, data: { verificationStatus: approve ? 'APPROVED' : 'REJECTED' } });
      await this.audit.append(tx, {
        tenantId: request.tenantId,
        actor: this.adminActor(actor),
        action: approve ? 'admin.verification.approve' : 'admin.verification.reject',
        target: { type: 'verification', id: requestId },
        details: reason ? { reason } : {},
      });
      return tx.verificationRequest.findUniqueOrThrow({ where: { id: requestId } });
    });
    // Limits depend on verification: cached principals must pick up the new ones.
    await this.credentials.invalidate({ kind: 'tenant', id: request.tenantId });
    return verificationView(row);
  }

  async usage(day?: string) {
    const on = day ? new Date(`${day}T00:00:00Z`) : new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z');
    const rows = await this.prisma.usageDaily.findMany({ where: { day: on }, orderBy: [{ tenantId: 'asc' }, { metric: 'asc' }] });
    return {
      day: on.toISOString().slice(0, 10),
      items: rows.map((r) => ({ tenantId: r.tenantId, metric: r.metric, count: Number(r.count) })),
    };
  }
}
