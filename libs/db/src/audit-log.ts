import { Injectable } from '@nestjs/common';
import { newId } from '@chainloom/core';
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import type { Prisma } from './generated/client';
import { PrismaService } from './prisma.service';

/** Who did what to what, from where, and how it ended. */
export interface AuditRecord {
  tenantId: string;
  actor: { type: 'user' | 'api-key' | 'system' | 'platform-admin'; id: string | null; ip: string | null };
  action: string;
  target?: { type: string; id: string };
  outcome?: 'success' | 'failure';
  details?: Record<string, unknown>;
}

const GENESIS = Buffer.alloc(32);
type AuditRow = Prisma.AuditEntryGetPayload<object>;

/** The hash of an entry: SHA-256 over the previous hash and a canonical (RFC 8785) encoding. */
export function auditEntryHash(entry: Omit<AuditRow, 'id' | 'hash'>): Buffer {
  const body = canonicalize([
    entry.tenantId,
    entry.seq,
    entry.actorType,
    entry.actorId,
    entry.action,
    entry.targetType,
    entry.targetId,
    entry.sourceIp,
    entry.outcome,
    entry.details,
    entry.createdAt.toISOString(),
  ]);
  return createHash('sha256').update(entry.prevHash).update(body ?? '').digest();
}

export type ChainCheck =
  | { valid: true; entries: number }
  | { valid: false; entries: number; firstBrokenSeq: number; reason: string };

/**
 * The tamper-evident audit log. `append` runs inside the caller's transaction, so an action and
 * its audit entry commit together or not at all. Entries of one tenant form a hash chain;
 * a per-tenant advisory lock serialises appends so the chain never forks.
 */
@Injectable()
export class AuditLog {
  constructor(private readonly prisma: PrismaService) {}

  async append(tx: Prisma.TransactionClient, record: AuditRecord): Promise<void> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${'audit:' + record.tenantId}, 0))`;
    const last = await tx.auditEntry.findFirst({
      where: { tenantId: record.tenantId },
      orderBy: { seq: 'desc' },
      select: { seq: true, hash: true },
    });
    const entry = {
      tenantId: record.tenantId,
      seq: (last?.seq ?? 0) + 1,
      actorType: record.actor.type,
      actorId: record.actor.id,
      action: record.action,
      targetType: record.target?.type ?? null,
      targetId: record.target?.id ?? null,
      sourceIp: record.actor.ip,
      outcome: record.outcome ?? 'success',
      details: (record.details ?? {}) as Prisma.JsonObject,
      prevHash: last ? Buffer.from(last.hash) : GENESIS,
      // Millisecond precision, as PostgreSQL stores it, so the hash can be recomputed.
      createdAt: new Date(Math.floor(Date.now())),
    };
    const hash = auditEntryHash(entry);
    await tx.auditEntry.create({
      data: { id: newId('aud'), ...entry, prevHash: new Uint8Array(entry.prevHash), hash: new Uint8Array(hash) },
    });
  }

  /** Appends outside any other change (e.g. a refused login). */
  async record(record: AuditRecord) {
    await this.prisma.$transaction((tx) => this.append(tx, record));
  }

  /** Walks the tenant's chain in order and reports the first entry whose link or hash is wrong. */
  async verify(tenantId: string): Promise<ChainCheck> {
    let prev: Buffer = GENESIS;
    let expectedSeq = 1;
    let count = 0;
    let cursor: number | undefined;
    for (;;) {
      const page: AuditRow[] = await this.prisma.auditEntry.findMany({
        where: { tenantId, ...(cursor !== undefined ? { seq: { gt: cursor } } : {}) },
        orderBy: { seq: 'asc' },
        take: 1000,
      });
      for (const row of page) {
        const broken = (reason: string): ChainCheck => ({ valid: false, entries: count, firstBrokenSeq: row.seq, reason });
        if (row.seq !== expectedSeq) return { valid: false, entries: count, firstBrokenSeq: expectedSeq, reason: 'entry missing' };
        if (!Buffer.from(row.prevHash).equals(prev)) return broken('previous-hash link does not match');
        const hash = auditEntryHash({ ...row, prevHash: Buffer.from(row.prevHash) });
        if (!hash.equals(Buffer.from(row.hash))) return broken('entry content does not match its hash');
        prev = hash;
        expectedSeq++;
        count++;
      }
      if (page.length < 1000) return { valid: true, entries: count };
      cursor = page[page.length - 1].seq;
    }
  }
}
