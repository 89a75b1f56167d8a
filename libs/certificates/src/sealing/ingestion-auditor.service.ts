import { Injectable } from '@nestjs/common';
import { AuditLog, PrismaService } from '@chainloom/db';

const PER_TRANSACTION = 200;

/**
 * Turns certificate_ingestions rows (one per group-commit flush, tenant and caller, written in
 * the flush's transaction) into audit entries: ONE entry per flush and tenant, never one per
 * certificate, which at thousands of certificates a second would swamp the audit log. Each
 * entry is appended in the same transaction that marks its row audited, so an entry is never
 * lost or written twice, whichever worker (or how many) runs this.
 */
@Injectable()
export class IngestionAuditor {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditLog,
  ) {}

  /** Audits the tenant's unaudited flushes, oldest first; returns how many. */
  async auditTenant(tenantId: string): Promise<number> {
    let total = 0;
    for (;;) {
      const done = await this.prisma.$transaction(
        async (tx) => {
          // SKIP LOCKED: a concurrent auditor of the same tenant takes the rows this one does not.
          const rows = await tx.$queryRaw<
            { id: string; count: number; first_id: string; last_id: string; actor_type: string; actor_id: string | null; source_ip: string | null }[]
          >`SELECT id, count, first_id, last_id, actor_type, actor_id, source_ip FROM certificate_ingestions
            WHERE tenant_id = ${tenantId} AND audited_at IS NULL ORDER BY created_at, id LIMIT ${PER_TRANSACTION} FOR UPDATE SKIP LOCKED`;
          for (const row of rows) {
            await this.audit.append(tx, {
              tenantId,
              actor: { type: row.actor_type as 'user' | 'api-key' | 'system', id: row.actor_id, ip: row.source_ip },
              action: 'certificate.create',
              target: { type: 'certificate', id: row.first_id },
              details: { count: row.count, firstId: row.first_id, lastId: row.last_id, ingestionId: row.id },
            });
          }
          if (rows.length) {
            await tx.$executeRaw`UPDATE certificate_ingestions SET audited_at = now() AT TIME ZONE 'utc', updated_at = now() AT TIME ZONE 'utc'
              WHERE id = ANY(${rows.map((r) => r.id)}::text[])`;
          }
          return rows.length;
        },
        { timeout: 30_000 },
      );
      total += done;
      if (done < PER_TRANSACTION) return total;
    }
  }

  /** Tenants with flushes not yet audited for longer than `olderThanMs` (for the reconciler). */
  async tenantsBehind(olderThanMs: number): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<{ tenant_id: string }[]>`
      SELECT DISTINCT tenant_id FROM certificate_ingestions
      WHERE audited_at IS NULL AND created_at < (now() AT TIME ZONE 'utc') - make_interval(secs => ${olderThanMs / 1000})`;
    return rows.map((r) => r.tenant_id);
  }
}
