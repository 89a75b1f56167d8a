// Certificate rows written straight into PostgreSQL exactly as the group commit writes them
// (CertificateWriter: COPY in its text format, one ingestion per request's rows), for the
// storage ceiling (batch.ts) and for loading millions of rows quickly (scale.ts).
import { newIds } from '@chainloom/core';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export const CERTIFICATE_COLUMNS = 'tenant_id, id, content_hash, hash_algorithm, metadata, metadata_digest, salt, external_id, ingestion_id, ingest_index, created_at';
const ZERO = '00'.repeat(32);

export const utcNow = () => new Date().toISOString().replace('T', ' ').replace('Z', '');

/** COPYs one request's certificates (hex hashes without 0x) for `tenantId`, under `ingestionId`. Returns their ids. */
export async function copyCertificates(client: PoolClient, tenantId: string, ingestionId: string, hashes: string[]): Promise<string[]> {
  const now = utcNow();
  const ids = newIds('cert', hashes.length);
  // COPY text format: \N is NULL, \\x<hex> a bytea.
  const text = ids.map((id, i) => `${tenantId}\t${id}\t\\\\x${hashes[i]}\tsha256\t\\N\t\\\\x${ZERO}\t\\N\t\\N\t${ingestionId}\t${i}\t${now}\n`).join('');
  await pipeline(Readable.from([text]), client.query(copyFrom(`COPY certificates (${CERTIFICATE_COLUMNS}) FROM STDIN`)));
  return ids;
}

/** The certificate_ingestions row the writer adds for those rows (audited: the bench has no audit trail to write). */
export async function insertIngestion(client: PoolClient, tenantId: string, ingestionId: string, ids: string[]) {
  await client.query(
    `INSERT INTO certificate_ingestions (id, tenant_id, count, first_id, last_id, actor_type, audited_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, 'system', now() AT TIME ZONE 'utc', now() AT TIME ZONE 'utc', now() AT TIME ZONE 'utc')`,
    [ingestionId, tenantId, ids.length, ids[0], ids[ids.length - 1]],
  );
}
