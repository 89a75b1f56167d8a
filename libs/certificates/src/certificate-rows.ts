// Reading certificates with their place in a batch. A certificate row is immutable: the batch and
// the leaf offset live on its ingestion (see CertificateWriter and SealerService), so every read
// joins the two. Raw SQL because Prisma has no relation for it: certificates.ingestion_id is
// deliberately not a foreign key (schema.prisma says why).
import type { BatchWithAnchors } from './certificate-views';

/** A certificate as the API reads it: the row plus batchId and leafIndex once sealed. */
export interface CertificateRecord {
  id: string;
  tenantId: string;
  contentHash: Buffer;
  hashAlgorithm: string;
  metadata: unknown;
  metadataDigest: Buffer;
  salt: Buffer | null;
  externalId: string | null;
  createdAt: Date;
  batchId: string | null;
  leafIndex: number | null;
}

export type CertificateWithBatch = CertificateRecord & { batch: BatchWithAnchors | null };

/**
 * For every Prisma read or write of certificate_batches: the serialized tree is up to ~640 KB a
 * batch and only ProofService reads it (a few words, with SQL). Loaded by accident, it made each
 * receipt request copy and convert the whole tree (measured: 9 ms instead of about 1).
 */
export const OMIT_TREE = { tree: true } as const;

/** SELECT … FROM certificates c JOIN certificate_ingestions i: append WHERE / ORDER BY. */
export const SELECT_CERTIFICATES = `
  SELECT c.id, c.tenant_id AS "tenantId", c.content_hash AS "contentHash", c.hash_algorithm AS "hashAlgorithm",
         c.metadata, c.metadata_digest AS "metadataDigest", c.salt, c.external_id AS "externalId", c.created_at AS "createdAt",
         i.batch_id AS "batchId", CASE WHEN i.batch_id IS NULL THEN NULL ELSE i.leaf_offset + c.ingest_index END AS "leafIndex"
  FROM certificates c JOIN certificate_ingestions i ON i.id = c.ingestion_id`;

/**
 * The certificates of batch `$1`, joined through its ingestions: each ingestion's id range on
 * the primary key (tenant_id, id), filtered to its own rows. Append the columns after `SELECT`
 * and an ORDER BY, e.g. `leaf order: ORDER BY i.leaf_offset, c.ingest_index`.
 */
export const FROM_BATCH_CERTIFICATES = `
  FROM certificate_ingestions i
  JOIN certificates c ON c.tenant_id = i.tenant_id AND c.id BETWEEN i.first_id AND i.last_id AND c.ingestion_id = i.id
  WHERE i.batch_id = $1`;
