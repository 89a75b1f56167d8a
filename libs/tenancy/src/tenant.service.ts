import { Injectable } from '@nestjs/common';
import type { Actor } from '@chainloom/auth';
import { AppException, decodeCursor, encodeCursor, newId } from '@chainloom/core';
import { AuditLog, PrismaService, tenantScoped } from '@chainloom/db';
import { z } from 'zod';
import { TenancyException } from './tenancy.exception';
import { auditView, tenantView, verificationView } from './views';

const AuditCursor = z.object({ seq: z.number().int() });

/** The caller's own tenant: details, verification request, usage and audit log. */
@Injectable()
export class TenantService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditLog,
  ) {}

  async get(tenantId: string) {
    const tenant = await this.prisma.tenant.findUnique({ where: { id: tenantId } });
    if (!tenant) throw AppException.notFound('Tenant');
    return tenantView(tenant);
  }

  async rename(tenantId: string, name: string, actor: Actor) {
    const tenant = await this.prisma.$transaction(async (tx) => {
      const row = await tx.tenant.update({ where: { id: tenantId }, data: { name } });
      await this.audit.append(tx, { tenantId, actor, action: 'tenant.update', target: { type: 'tenant', id: tenantId }, details: { name } });
      return row;
    });
    return tenantView(tenant);
  }

  async submitVerification(
    tenantId: string,
    input: { companyName: string; registrationNumber: string; country: string; address: string; contactName: string; contactEmail: string },
    actor: Actor,
  ) {
    const id = newId('kyb');
    const row = await this.prisma.$transaction(async (tx) => {
      const [tenant] = await tx.$queryRaw<{ verification_status: string }[]>`
        SELECT verification_status FROM tenants WHERE id = ${tenantId} FOR UPDATE`;
      if (tenant?.verification_status === 'PENDING') throw TenancyException.verificationPending();
      if (tenant?.verification_status === 'APPROVED') throw TenancyException.alreadyVerified();
      const created = await tx.verificationRequest.create({ data: { id, tenantId, ...input } });
      await tx.tenant.update({ where: { id: tenantId }, data: { verificationStatus: 'PENDING' } });
      await this.audit.append(tx, { tenantId, actor, action: 'verification.submit', target: { type: 'verification', id }, details: { companyName: input.companyName } });
      return created;
    });
    return verificationView(row);
  }

  async latestVerification(tenantId: string) {
    const row = await tenantScoped(this.prisma, tenantId).verificationRequest.findFirst({ orderBy: { createdAt: 'desc' } });
    if (!row) throw AppException.notFound('Verification request');
    return verificationView(row);
  }

  async usage(tenantId: string, from?: string, to?: string) {
    const end = to ? new Date(`${to}T00:00:00Z`) : new Date();
    const start = from ? new Date(`${from}T00:00:00Z`) : new Date(end.getTime() - 30 * 86_400_000);
    const rows = await tenantScoped(this.prisma, tenantId).usageDaily.findMany({
      where: { day: { gte: start, lte: end } },
      orderBy: [{ day: 'asc' }, { metric: 'asc' }],
    });
    return {
      tenantId,
      days: rows.map((r) => ({ day: r.day.toISOString().slice(0, 10), metric: r.metric, count: Number(r.count) })),
    };
  }

  async auditLog(tenantId: string, query: { limit: number; cursor?: string; action?: string }) {
    const after = query.cursor ? decodeCursor(query.cursor, AuditCursor) : undefined;
    const rows = await tenantScoped(this.prisma, tenantId).auditEntry.findMany({
      where: { ...(after ? { seq: { lt: after.seq } } : {}), ...(query.action ? { action: query.action } : {}) },
      orderBy: { seq: 'desc' },
      take: query.limit + 1,
    });
    const items = rows.slice(0, query.limit);
    return {
      items: items.map(auditView),
      nextCursor: rows.length > query.limit ? encodeCursor({ seq: items[items.length - 1].seq }) : null,
    };
  }

  verifyAudit(tenantId: string) {
    return this.audit.verify(tenantId);
  }
}
