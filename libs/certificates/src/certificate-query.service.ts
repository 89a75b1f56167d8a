import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor, type Page } from '@chainloom/core';
import { PrismaService, tenantScoped, type Prisma } from '@chainloom/db';
import { tenantKey } from '@chainloom/contracts';
import { certificateLeaf } from '@chainloom/merkle';
import { z } from 'zod';
import { CertificatesException } from './certificates.exception';
import type { CertificateView, ListCertificatesQuery, Receipt, ReceiptAnchor } from './certificates.schemas';
import { certificateStatus, certificateView, fromHex, saltOrZero, toHex, type CertificateRow } from './certificate-views';
import { ProofService } from './receipts/proof.service';

const include = { batch: { include: { anchors: true } } } as const;
const Cursor = z.object({ id: z.string() });

/** Reading certificates: one, a filtered page, by hash, and the receipt. Always tenant-scoped. */
@Injectable()
export class CertificateQueryService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly proofs: ProofService,
  ) {}

  async get(tenantId: string, id: string): Promise<CertificateView> {
    return certificateView(await this.row(tenantId, id));
  }

  private async row(tenantId: string, id: string): Promise<CertificateRow> {
    const row = await tenantScoped(this.prisma, tenantId).certificate.findUnique({ where: { id }, include });
    if (!row) throw CertificatesException.notFound('Certificate');
    return row;
  }

  /** Newest first, keyset-paginated on id (ids are time-ordered). */
  async list(tenantId: string, query: ListCertificatesQuery): Promise<Page<CertificateView>> {
    const where: Prisma.CertificateWhereInput = {};
    if (query.cursor) where.id = { lt: decodeCursor(query.cursor, Cursor).id };
    if (query.contentHash) where.contentHash = fromHex(query.contentHash);
    if (query.externalId) where.externalId = query.externalId;
    if (query.createdAfter || query.createdBefore) {
      where.createdAt = {
        ...(query.createdAfter ? { gte: new Date(query.createdAfter) } : {}),
        ...(query.createdBefore ? { lt: new Date(query.createdBefore) } : {}),
      };
    }
    if (query.status === 'PENDING') where.OR = [{ batchId: null }, { batch: { is: { status: 'PENDING' } } }];
    else if (query.status) where.batch = { is: { status: query.status } };
    const rows = await tenantScoped(this.prisma, tenantId).certificate.findMany({ where, include, orderBy: { id: 'desc' }, take: query.limit + 1 });
    const more = rows.length > query.limit;
    const items = rows.slice(0, query.limit).map(certificateView);
    return { items, nextCursor: more ? encodeCursor({ id: items[items.length - 1].id }) : null };
  }

  /** The tenant's certificates of a content hash, newest first (at most 100). */
  async byHash(tenantId: string, contentHash: string): Promise<CertificateView[]> {
    const rows = await tenantScoped(this.prisma, tenantId).certificate.findMany({
      where: { contentHash: fromHex(contentHash) },
      include,
      orderBy: { id: 'desc' },
      take: 100,
    });
    return rows.map(certificateView);
  }

  /** The self-contained receipt (see Receipt in certificates.schemas.ts). 409 before sealing. */
  async receipt(tenantId: string, id: string): Promise<Receipt> {
    const row = await this.row(tenantId, id);
    const batch = row.batch;
    if (!batch || row.leafIndex === null) throw CertificatesException.proofNotReady();
    const root = toHex(batch.root);
    const tree = await this.proofs.tree(tenantId, batch.id, root);
    const contentHash = toHex(row.contentHash);
    const metadataDigest = toHex(row.metadataDigest);
    const salt = saltOrZero(row.salt);
    const key = tenantKey(tenantId);
    const anchors: ReceiptAnchor[] = batch.anchors
      .filter((a) => (a.status === 'ANCHORED' || a.status === 'CONFIRMED') && a.txHash && a.blockHash && a.blockNumber !== null)
      .sort((a, b) => a.networkId.localeCompare(b.networkId))
      .map((a) => ({
        chainId: a.chainId ?? 0,
        networkId: a.networkId,
        contract: a.contract ?? '',
        txHash: a.txHash ?? '',
        logIndex: a.logIndex ?? 0,
        blockNumber: Number(a.blockNumber),
        blockHash: a.blockHash ?? '',
        blockTime: (a.blockTime ?? a.updatedAt).toISOString(),
        tenantKey: key,
        batchSeq: a.batchSeq,
        status: a.status as 'ANCHORED' | 'CONFIRMED',
      }));
    return {
      version: 1,
      hashAlgorithm: row.hashAlgorithm as Receipt['hashAlgorithm'],
      contentHash,
      metadataDigest,
      salt,
      leaf: certificateLeaf({ contentHash, metadataDigest, salt }),
      leafIndex: row.leafIndex,
      merklePath: tree.proof(row.leafIndex),
      root,
      status: certificateStatus(batch),
      anchors,
    };
  }
}
