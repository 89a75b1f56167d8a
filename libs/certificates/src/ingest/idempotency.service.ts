import { Injectable } from '@nestjs/common';
import { PrismaService, tenantScoped } from '@chainloom/db';
import { createHash } from 'node:crypto';
import { canonicalJson } from '@chainloom/merkle';
import { CertificatesException } from '../certificates.exception';

/** A stored answer to replay. */
export interface Replay {
  statusCode: number;
  body: unknown;
}

/**
 * Idempotency-Key support for creating POSTs. The answer is written by the group commit in the
 * same transaction as the certificates (see CertificateWriter), so a key either has its
 * certificates and its answer, or neither. Here: the lookup before doing the work, and the replay.
 */
@Injectable()
export class IdempotencyService {
  constructor(private readonly prisma: PrismaService) {}

  /** What identifies "the same request": the operation and the parsed body, canonically encoded. */
  requestHash(operation: string, body: unknown): Buffer {
    return createHash('sha256').update(operation).update('\0').update(canonicalJson(body)).digest();
  }

  /** The stored answer for the key, or null; 422 if the key was used for another request. */
  async find(tenantId: string, key: string, requestHash: Buffer): Promise<Replay | null> {
    const record = await tenantScoped(this.prisma, tenantId).idempotencyRecord.findUnique({
      where: { tenantId_key: { tenantId, key } },
    });
    if (!record || record.expiresAt <= new Date()) return null;
    if (!Buffer.from(record.requestHash).equals(requestHash)) throw CertificatesException.idempotencyKeyReused();
    return { statusCode: record.statusCode, body: record.response };
  }

  /** Drops expired keys (called by the sealer's housekeeping). */
  async purgeExpired(): Promise<number> {
    const result = await this.prisma.$executeRaw`
      DELETE FROM idempotency_records WHERE ctid IN (SELECT ctid FROM idempotency_records WHERE expires_at < now() LIMIT 10000)`;
    return result;
  }
}
