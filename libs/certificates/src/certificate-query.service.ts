import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor, type Page } from '@chainloom/core';
import { PrismaService } from '@chainloom/db';
import { tenantKey } from '@chainloom/contracts';
import { certificateLeaf } from '@chainloom/merkle';
import { z } from 'zod';
import { CertificatesException } from './certificates.exception';
import type { CertificateView, ListCertificatesQuery, Receipt, ReceiptAnchor } from './certificates.schemas';
import { OMIT_TREE, SELECT_CERTIFICATES, type CertificateRecord, type CertificateWithBatch } from './certificate-rows';
import { certificateStatus, certificateView, fromHex, saltOrZero, toHex } from './certificate-views';
import { CertificatesPg } from './ingest/certificates-pg';
import { ProofService } from './receipts/proof.service';

const Cursor = z.object({ id: z.string() });

/** Reading certificates: one, a filtered page, by hash, and the receipt. Always tenant-scoped. */
@Injectable()
export class CertificateQueryService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly pg: CertificatesPg,
    private readonly proofs: ProofService,
  ) {}

  async get(tenantId: string, id: string): Promise<CertificateView> {
    return certificateView(await this.row(tenantId, id));
  }

  private async row(tenantId: string, id: string): Promise<CertificateWithBatch> {
    const { rows } = await this.pg.query<CertificateRecord>(`${SELECT_CERTIFICATES} WHERE c.tenant_id = $1 AND c.id = $2`, [tenantId, id]);
    if (!rows.length) throw CertificatesException.notFound('Certificate');
    return (await this.withBatches(rows))[0];
  }

  /** Newest first, keyset-paginated on id (ids are time-ordered; the primary key is (tenant_id, id)). */
  async list(tenantId: string, query: ListCertificatesQuery): Promise<Page<CertificateView>> {
    const values: unknown[] = [tenantId];
    const where = ['c.tenant_id = $1'];
    const param = (value: unknown) => `$${values.push(value)}`;
    if (query.cursor) where.push(`c.id < ${param(decodeCursor(query.cursor, Cursor).id)}`);
    if (query.contentHash) where.push(`c.content_hash = ${param(fromHex(query.contentHash))}`);
    if (query.externalId) where.push(`c.external_id = ${param(query.externalId)}`);
    if (query.createdAfter) where.push(`c.created_at >= ${param(new Date(query.createdAfter).toISOString())}::timestamp`);
    if (query.createdBefore) where.push(`c.created_at < ${param(new Date(query.createdBefore).toISOString())}::timestamp`);
    if (query.status === 'PENDING') where.push(`(i.batch_id IS NULL OR b.status = 'PENDING')`);
    else if (query.status) where.push(`b.status = ${param(query.status)}`);
    const { rows } = await this.pg.query<CertificateRecord>(
      `${SELECT_CERTIFICATES} LEFT JOIN certificate_batches b ON b.id = i.batch_id
       WHERE ${where.join(' AND ')} ORDER BY c.id DESC LIMIT ${param(query.limit + 1)}`,
      values,
    );
    const more = rows.length > query.limit;
    const items = (await this.withBatches(rows.slice(0, query.limit))).map(certificateView);
    return { items, nextCursor: more ? encodeCursor({ id: items[items.length - 1].id }) : null };
  }

  /** The tenant's certificates of a content hash, newest first (at most 100). */
  async byHash(tenantId: string, contentHash: string): Promise<CertificateView[]> {
    const { rows } = await this.pg.query<CertificateRecord>(
      `${SELECT_CERTIFICATES} WHERE c.content_hash = $2 AND c.tenant_id = $1 ORDER BY c.id DESC LIMIT 100`,
      [tenantId, fromHex(contentHash)],
    );
    return (await this.withBatches(rows)).map(certificateView);
  }

  /** Unsalted certificates of a hash across all tenants, oldest first (at most 50): for the public verify. */
  async publicByHash(contentHash: string): Promise<CertificateWithBatch[]> {
    const { rows } = await this.pg.query<CertificateRecord>(
      `${SELECT_CERTIFICATES} WHERE c.content_hash = $1 AND c.salt IS NULL ORDER BY c.id LIMIT 50`,
      [fromHex(contentHash)],
    );
    return this.withBatches(rows);
  }

  /** Attaches each row's batch and its anchors (one query for all the rows' batches). */
  async withBatches(rows: CertificateRecord[]): Promise<CertificateWithBatch[]> {
    const batchIds = [...new Set(rows.map((r) => r.batchId).filter((id): id is string => id !== null))];
    const batches = batchIds.length ? await this.prisma.certificateBatch.findMany({ where: { id: { in: batchIds } }, omit: OMIT_TREE, include: { anchors: true } }) : [];
    const byId = new Map(batches.map((b) => [b.id, b]));
    return rows.map((r) => ({ ...r, batch: r.batchId ? (byId.get(r.batchId) ?? null) : null }));
  }

  /** The self-contained receipt (see Receipt in certificates.schemas.ts). 409 before sealing. */
  async receipt(tenantId: string, id: string): Promise<Receipt> {
    const row = await this.row(tenantId, id);
    const batch = row.batch;
    if (!batch || row.leafIndex === null) throw CertificatesException.proofNotReady();
    const root = toHex(batch.root);
    const merklePath = await this.proofs.proof(batch, row.leafIndex);
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
      merklePath,
      root,
      status: certificateStatus(batch),
      anchors,
    };
  }
}
