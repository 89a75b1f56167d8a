import type { Prisma } from '@chainloom/db';
import { ZERO_HASH } from '@chainloom/merkle';
import type { CertificateWithBatch, OMIT_TREE } from './certificate-rows';
import type { AnchorStatus, CertificateStatus, CertificateSummary, CertificateView, HashAlgorithm } from './certificates.schemas';

export type AnchorRow = Prisma.CertificateAnchorGetPayload<object>;
export type BatchWithAnchors = Prisma.CertificateBatchGetPayload<{ omit: typeof OMIT_TREE; include: { anchors: true } }>;

export const toHex = (bytes: Uint8Array) => '0x' + Buffer.from(bytes).toString('hex');
export const fromHex = (hex: string) => Buffer.from(hex.slice(2), 'hex');

/** A certificate's status is its batch's; not yet sealed is PENDING. */
export const certificateStatus = (batch: { status: string } | null): CertificateStatus =>
  (batch?.status as CertificateStatus | undefined) ?? 'PENDING';

export function anchorView(a: AnchorRow) {
  return {
    networkId: a.networkId,
    chainId: a.chainId,
    contract: a.contract,
    txHash: a.txHash,
    logIndex: a.logIndex,
    blockNumber: a.blockNumber === null ? null : Number(a.blockNumber),
    blockHash: a.blockHash,
    blockTime: a.blockTime?.toISOString() ?? null,
    batchSeq: a.batchSeq,
    status: a.status as AnchorStatus,
    error: a.error,
  };
}

export function certificateView(row: CertificateWithBatch): CertificateView {
  return {
    id: row.id,
    contentHash: toHex(row.contentHash),
    hashAlgorithm: row.hashAlgorithm as HashAlgorithm,
    metadataDigest: toHex(row.metadataDigest),
    salt: row.salt ? toHex(row.salt) : null,
    externalId: row.externalId,
    status: certificateStatus(row.batch),
    createdAt: row.createdAt.toISOString(),
    metadata: (row.metadata as Record<string, unknown> | null) ?? null,
    batchId: row.batchId,
    leafIndex: row.leafIndex,
    root: row.batch ? toHex(row.batch.root) : null,
    anchors: (row.batch?.anchors ?? []).sort((a, b) => a.networkId.localeCompare(b.networkId)).map(anchorView),
  };
}

export const summaryOf = (
  id: string,
  input: { contentHash: string; hashAlgorithm: HashAlgorithm; metadataDigest: string; salt: string | null; externalId: string | null },
  createdAt: Date,
): CertificateSummary => ({
  id,
  contentHash: input.contentHash,
  hashAlgorithm: input.hashAlgorithm,
  metadataDigest: input.metadataDigest,
  salt: input.salt,
  externalId: input.externalId,
  status: 'PENDING',
  createdAt: createdAt.toISOString(),
});

export const saltOrZero = (salt: Uint8Array | null) => (salt ? toHex(salt) : ZERO_HASH);
