import { Injectable } from '@nestjs/common';
import { buildTree, certificateLeaf, type MerkleTree } from '@chainloom/merkle';
import { CertificatesPg } from '../ingest/certificates-pg';
import { saltOrZero, toHex } from '../certificate-views';

const CACHE_SIZE = 32;

/**
 * Merkle paths of sealed certificates. Paths are not stored: a batch's tree is rebuilt from its
 * certificates (in leaf order) when a proof is asked for, and the last few trees are kept, since
 * receipts of one batch tend to be fetched together (a webhook lists the whole batch).
 */
@Injectable()
export class ProofService {
  private readonly trees = new Map<string, MerkleTree>();

  constructor(private readonly pg: CertificatesPg) {}

  async tree(tenantId: string, batchId: string, expectedRoot: string): Promise<MerkleTree> {
    const cached = this.trees.get(batchId);
    if (cached) {
      this.trees.delete(batchId);
      this.trees.set(batchId, cached);
      return cached;
    }
    const { rows } = await this.pg.query<{ content_hash: Buffer; metadata_digest: Buffer; salt: Buffer | null }>(
      `SELECT content_hash, metadata_digest, salt FROM certificates WHERE tenant_id = $1 AND batch_id = $2 ORDER BY id`,
      [tenantId, batchId],
    );
    const tree = buildTree(
      rows.map((r) => certificateLeaf({ contentHash: toHex(r.content_hash), metadataDigest: toHex(r.metadata_digest), salt: saltOrZero(r.salt) })),
    );
    // The sealer numbered leaves in id order; a different root would mean the rows changed.
    if (tree.root !== expectedRoot) throw new Error(`batch ${batchId}: rebuilt root ${tree.root} differs from the sealed ${expectedRoot}`);
    this.trees.set(batchId, tree);
    if (this.trees.size > CACHE_SIZE) this.trees.delete(this.trees.keys().next().value as string);
    return tree;
  }
}
