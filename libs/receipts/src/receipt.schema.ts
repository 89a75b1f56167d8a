// The certificate receipt, version 1: what `GET /v1/certificates/{id}/proof` returns and what
// `chainloom verify` and the public verify check. Kept apart from the certificates domain so that
// the CLI (and any verifier) needs neither NestJS nor a database.
import { z } from 'zod';

export const HASH_ALGORITHMS = ['sha256', 'keccak256'] as const;
export const HashAlgorithm = z.enum(HASH_ALGORITHMS);
export type HashAlgorithm = z.infer<typeof HashAlgorithm>;

/** Per certificate (and per batch): PENDING until one anchor is mined, CONFIRMED once one anchor is final. */
export const CERTIFICATE_STATUSES = ['PENDING', 'ANCHORED', 'CONFIRMED', 'FAILED'] as const;
export const CertificateStatus = z.enum(CERTIFICATE_STATUSES);
export type CertificateStatus = z.infer<typeof CertificateStatus>;

const ReceiptHex32 = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'must be 0x followed by 64 hex digits');

export const ReceiptAnchor = z.object({
  chainId: z.number().int().positive(),
  networkId: z.string().describe('the Chainloom network (informational: not provable on chain)'),
  contract: z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'must be a 20-byte address'),
  txHash: ReceiptHex32,
  logIndex: z.number().int().min(0),
  blockNumber: z.number().int().min(0),
  blockHash: ReceiptHex32,
  blockTime: z.iso.datetime(),
  tenantKey: ReceiptHex32,
  batchSeq: z.number().int().min(0),
  status: z.enum(['ANCHORED', 'CONFIRMED']),
});
export type ReceiptAnchor = z.infer<typeof ReceiptAnchor>;

/**
 * The self-contained proof of a certificate: everything needed to check it against any node of
 * the anchoring chains, without Chainloom. Only mined anchors are listed. Version 1 never
 * changes meaning; a new format gets a new version.
 */
export const Receipt = z
  .object({
    version: z.literal(1),
    hashAlgorithm: HashAlgorithm,
    contentHash: ReceiptHex32,
    metadataDigest: ReceiptHex32,
    salt: ReceiptHex32,
    leaf: ReceiptHex32,
    leafIndex: z.number().int().min(0),
    merklePath: z.array(ReceiptHex32).max(64),
    root: ReceiptHex32,
    status: CertificateStatus,
    anchors: z.array(ReceiptAnchor).max(32),
  })
  .meta({ id: 'Receipt' });
export type Receipt = z.infer<typeof Receipt>;

export const VerificationCheck = z.object({
  field: z.string().describe('the receipt field the check is about'),
  ok: z.boolean(),
  detail: z.string(),
});
export type VerificationCheck = z.infer<typeof VerificationCheck>;
