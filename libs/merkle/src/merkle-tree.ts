// Merkle trees for certificate batches, built so that OpenZeppelin's MerkleProof.verify (and our
// AnchorRegistry.verify, which implements the same algorithm) accept the proofs:
//
// - inner node = keccak256(min(a, b) ‖ max(a, b)), the "commutative" pair hash of
//   OpenZeppelin's Hashes.commutativeKeccak256. Sorting the pair means a proof is just the list of
//   siblings, with no left/right flags to carry or to get wrong.
// - leaves are taken as given. They must already be domain-separated from inner nodes (see
//   certificateLeaf: a double hash, so a leaf preimage is never 64 bytes like an inner node's).
// - a layer with an odd number of nodes promotes its last node to the next layer unchanged, and
//   that level contributes no sibling to the node's proof. Duplicating the last node instead (as
//   Bitcoin does) would let two different leaf lists share a root.
//
// Leaves keep their order: the sealer stores each certificate's position, and proof(i) is the
// proof of the i-th leaf given to buildTree.
import { assertBytes32, readBytes32, writeBytes32 } from './bytes32';
import { keccak256Bytes } from './keccak';

export interface MerkleTree {
  /** The root as 0x-prefixed lowercase hex; equals the only leaf of a one-leaf tree. */
  readonly root: string;
  readonly leafCount: number;
  /** Number of hashing levels above the leaves, i.e. the longest proof: ceil(log2(leafCount)). */
  readonly depth: number;
  /** The proof of the leaf at `index`: sibling hashes from the leaf level up. Empty for one leaf. */
  proof(index: number): string[];
  /**
   * Every layer as hex, leaves first and [root] last. Converted on each call (2n strings for n
   * leaves), so meant for debugging and small trees; use proof() on the hot path.
   */
  layers(): string[][];
  /**
   * Every layer's bytes, leaves first and the root last, concatenated: 32 × (about 2 × leafCount)
   * bytes. Stored with a batch, it answers any proof by reading only the siblings' 32-byte
   * words at `proofOffsets(leafCount, index)`, without rebuilding the tree.
   */
  serialize(): Uint8Array;
}

/**
 * Byte offsets, in a serialized tree of `leafCount` leaves, of the proof of leaf `index`: the
 * words that proof(index) returns, in the same order. Computed from the shape alone (no hashes),
 * so a store can read just these words (PostgreSQL's substring on an uncompressed bytea).
 */
export function proofOffsets(leafCount: number, index: number): number[] {
  if (!Number.isInteger(leafCount) || leafCount < 1) throw new RangeError(`a tree has at least one leaf, got ${leafCount}`);
  if (!Number.isInteger(index) || index < 0 || index >= leafCount) throw new RangeError(`leaf index ${index} is outside 0..${leafCount - 1}`);
  const offsets: number[] = [];
  let layerStart = 0;
  let count = leafCount;
  let position = index;
  while (count > 1) {
    const sibling = position ^ 1;
    // No sibling: the odd node out moves up unchanged (see buildLayers).
    if (sibling < count) offsets.push(layerStart + sibling * 32);
    layerStart += count * 32;
    count = Math.ceil(count / 2);
    position >>= 1;
  }
  return offsets;
}

/**
 * Builds the tree of `leaves` (bytes32 hex strings, in batch order). Throws on an empty list (an
 * empty batch has no root) and on any malformed leaf.
 */
export function buildTree(leaves: readonly string[]): MerkleTree {
  if (leaves.length === 0) throw new RangeError('a Merkle tree needs at least one leaf');
  const leafLayer = new Uint8Array(leaves.length * 32);
  for (let i = 0; i < leaves.length; i++) {
    const leaf = leaves[i];
    assertBytes32(leaf, `leaf ${i}`);
    writeBytes32(leaf, leafLayer, i * 32);
  }
  return new PackedMerkleTree(buildLayers(leafLayer));
}

/** Verifies a proof from buildTree (or any OpenZeppelin-compatible one) against `root`. */
export function verifyProof(leaf: string, proof: readonly string[], root: string): boolean {
  assertBytes32(root, 'root');
  return processProof(leaf, proof) === root.toLowerCase();
}

/** The root implied by `leaf` and `proof`, as MerkleProof.processProof computes it. */
export function processProof(leaf: string, proof: readonly string[]): string {
  assertBytes32(leaf, 'leaf');
  const node = new Uint8Array(32);
  writeBytes32(leaf, node, 0);
  const sibling = new Uint8Array(32);
  const pair = new Uint8Array(64);
  let computed: Uint8Array = node;
  for (let i = 0; i < proof.length; i++) {
    const step = proof[i];
    assertBytes32(step, `proof[${i}]`);
    writeBytes32(step, sibling, 0);
    computed = hashSortedPair(computed, 0, sibling, 0, pair);
  }
  return readBytes32(computed, 0);
}

/** The commutative inner-node hash of two bytes32 hex strings (OpenZeppelin's commutativeKeccak256). */
export function hashPair(a: string, b: string): string {
  assertBytes32(a, 'a');
  assertBytes32(b, 'b');
  const bytes = new Uint8Array(64);
  writeBytes32(a, bytes, 0);
  writeBytes32(b, bytes, 32);
  return readBytes32(hashSortedPair(bytes, 0, bytes, 32, new Uint8Array(64)), 0);
}

// Hashes the two 32-byte words at a[aOffset] and b[bOffset], smaller first (as unsigned 256-bit
// big-endian integers, which is byte-wise lexicographic order). `scratch` is a reusable 64-byte
// buffer so that building a layer allocates little beyond keccak's output.
function hashSortedPair(
  a: Uint8Array,
  aOffset: number,
  b: Uint8Array,
  bOffset: number,
  scratch: Uint8Array,
): Uint8Array {
  let aFirst = true;
  for (let i = 0; i < 32; i++) {
    const x = a[aOffset + i];
    const y = b[bOffset + i];
    if (x !== y) {
      aFirst = x < y;
      break;
    }
  }
  const first = aFirst ? a.subarray(aOffset, aOffset + 32) : b.subarray(bOffset, bOffset + 32);
  const second = aFirst ? b.subarray(bOffset, bOffset + 32) : a.subarray(aOffset, aOffset + 32);
  scratch.set(first, 0);
  scratch.set(second, 32);
  return keccak256Bytes(scratch);
}

// Each layer is one flat buffer of 32-byte nodes: two allocations per level instead of one object
// per node keeps a 100,000-leaf build in a few megabytes and mostly inside keccak.
function buildLayers(leafLayer: Uint8Array): Uint8Array[] {
  const layers = [leafLayer];
  const scratch = new Uint8Array(64);
  let layer = leafLayer;
  while (layer.length > 32) {
    const count = layer.length / 32;
    const next = new Uint8Array(Math.ceil(count / 2) * 32);
    for (let i = 0; i + 1 < count; i += 2) {
      next.set(hashSortedPair(layer, i * 32, layer, (i + 1) * 32, scratch), (i / 2) * 32);
    }
    if (count % 2 === 1) next.set(layer.subarray((count - 1) * 32), next.length - 32);
    layers.push(next);
    layer = next;
  }
  return layers;
}

class PackedMerkleTree implements MerkleTree {
  readonly root: string;
  readonly leafCount: number;
  readonly depth: number;

  constructor(private readonly packed: Uint8Array[]) {
    this.root = readBytes32(packed[packed.length - 1], 0);
    this.leafCount = packed[0].length / 32;
    this.depth = packed.length - 1;
  }

  proof(index: number): string[] {
    if (!Number.isInteger(index) || index < 0 || index >= this.leafCount) {
      throw new RangeError(`leaf index ${index} is outside 0..${this.leafCount - 1}`);
    }
    const proof: string[] = [];
    let position = index;
    for (let level = 0; level < this.depth; level++) {
      const layer = this.packed[level];
      const sibling = position ^ 1;
      // No sibling: this node was the odd one out and moved up unchanged.
      if (sibling * 32 < layer.length) proof.push(readBytes32(layer, sibling * 32));
      position >>= 1;
    }
    return proof;
  }

  serialize(): Uint8Array {
    const out = new Uint8Array(this.packed.reduce((n, layer) => n + layer.length, 0));
    let offset = 0;
    for (const layer of this.packed) {
      out.set(layer, offset);
      offset += layer.length;
    }
    return out;
  }

  layers(): string[][] {
    return this.packed.map((layer) =>
      Array.from({ length: layer.length / 32 }, (_, i) => readBytes32(layer, i * 32)),
    );
  }
}
