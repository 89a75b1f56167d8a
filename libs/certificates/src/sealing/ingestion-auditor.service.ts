import { Injectable } from '@nestjs/common';
import { AuditLog, PrismaService } from '@chainloom/db';

const PER_TRANSACTION = 200;

type IngestionRow = { id: string; count: number; first_id: string; last_id: string; actor_type: string; actor_id: string | null; source_ip: string | null };

/** The rows of one caller (actor and address) merged: one audit entry for all their flushes. */
function byCaller(rows: IngestionRow[]) {
  const groups = new Map<string, { actorType: string; actorId: string | null; sourceIp: string | null; count: number; firstId: string; lastId: string; ingestionIds: string[] }>();
  for (const row of rows) {
    const key = `${row.actor_type}\u0000${row.actor_id ?? ''}\u0000${row.source_ip ?? ''}`;
    const group = groups.get(key);
    if (!group) {
      groups.set(key, { actorType: row.actor_type, actorId: row.actor_id, sourceIp: row.source_ip, count: row.count, firstId: row.first_id, lastId: row.last_id, ingestionIds: [row.id] });
      continue;
    }
    group.count += row.count;
    if (row.first_id < group.firstId) group.firstId = row.first_id;
    if (row.last_id > group.lastId) group.lastId = row.last_id;
    group.ingestionIds.push(row.id);
  }
  return groups.values();
}

/**
 * Turns certificate_ingestions rows (one per group-commit flush, tenant and caller, written in
 * the flush's transaction) into audit entries: ONE entry per caller for all the flushes it finds
 * unaudited (the sealer runs it about once a second per tenant), never one per certificate or
 * per flush, which at thousands of certificates a second would swamp the audit log (and, as
 * measured, cost the single-certificate path a hash-chained append per flush). The entry names
 * the flushes; it is appended in the same transaction that marks them audited, so an entry is
 * never lost or written twice, whichever worker (or how many) runs this.
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
          const rows = await tx.$queryRaw<IngestionRow[]>`SELECT id, count, first_id, last_id, actor_type, actor_id, source_ip FROM certificate_ingestions
            WHERE tenant_id = ${tenantId} AND audited_at IS NULL ORDER BY created_at, id LIMIT ${PER_TRANSACTION} FOR UPDATE SKIP LOCKED`;
          for (const group of byCaller(rows)) {
            await this.audit.append(tx, {
              tenantId,
              actor: { type: group.actorType as 'user' | 'api-key' | 'system', id: group.actorId, ip: group.sourceIp },
              action: 'certificate.create',
              target: { type: 'certificate', id: group.firstId },
              details: { count: group.count, firstId: group.firstId, lastId: group.lastId, flushes: group.ingestionIds.length, ingestionIds: group.ingestionIds },
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
