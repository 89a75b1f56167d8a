import { Injectable } from '@nestjs/common';
import { buildTree, certificateLeaf, proofOffsets } from '@chainloom/merkle';
import { FROM_BATCH_CERTIFICATES } from '../certificate-rows';
import { saltOrZero, toHex } from '../certificate-views';
import { CertificatesPg } from '../ingest/certificates-pg';

/**
 * Merkle paths of sealed certificates. The sealer stores each batch's serialized tree; a path is
 * the handful of 32-byte words at proofOffsets(), read with substring() from the uncompressed,
 * out-of-line column (a few TOAST chunks, whatever the batch's size). Batches sealed before trees
 * were stored are rebuilt from their leaves.
 */
@Injectable()
export class ProofService {
  constructor(private readonly pg: CertificatesPg) {}

  async proof(batch: { id: string; root: Uint8Array; leafCount: number }, leafIndex: number): Promise<string[]> {
    const offsets = proofOffsets(batch.leafCount, leafIndex);
    const { rows } = await this.pg.query<{ stored: boolean; words: Buffer[] | null }>(
      `SELECT tree IS NOT NULL AS stored,
              (SELECT array_agg(substring(b.tree FROM u.o + 1 FOR 32) ORDER BY u.n) FROM unnest($2::int[]) WITH ORDINALITY AS u(o, n)) AS words
       FROM certificate_batches b WHERE b.id = $1`,
      [batch.id, offsets],
    );
    if (!rows.length) throw new Error(`batch ${batch.id} does not exist`);
    if (!rows[0].stored) return this.rebuilt(batch, leafIndex);
    return (rows[0].words ?? []).map(toHex);
  }

  /** Batches from before stored trees: rebuild from the leaves, and check the sealed root. */
  private async rebuilt(batch: { id: string; root: Uint8Array }, leafIndex: number): Promise<string[]> {
    const { rows } = await this.pg.query<{ content_hash: Buffer; metadata_digest: Buffer; salt: Buffer | null }>(
      `SELECT c.content_hash, c.metadata_digest, c.salt ${FROM_BATCH_CERTIFICATES} ORDER BY i.leaf_offset, c.ingest_index`,
      [batch.id],
    );
    const tree = buildTree(
      rows.map((r) => certificateLeaf({ contentHash: toHex(r.content_hash), metadataDigest: toHex(r.metadata_digest), salt: saltOrZero(r.salt) })),
    );
    // A different root would mean the rows changed after sealing.
    if (tree.root !== toHex(batch.root)) throw new Error(`batch ${batch.id}: rebuilt root ${tree.root} differs from the sealed ${toHex(batch.root)}`);
    return tree.proof(leafIndex);
  }
}
