import { concat, keccak256, toBeHex } from 'ethers';
import { buildTree, hashPair, processProof, proofOffsets, verifyProof } from './merkle-tree';

// Independent reference: ethers' keccak256 over the byte concatenation, ordered as OpenZeppelin's
// Hashes.commutativeKeccak256 orders it (numerically smaller word first).
function referencePair(a: string, b: string): string {
  return BigInt(a) < BigInt(b) ? keccak256(concat([a, b])) : keccak256(concat([b, a]));
}

function leavesOf(count: number): string[] {
  return Array.from({ length: count }, (_, i) => keccak256(toBeHex(i + 1, 32)));
}

describe('buildTree', () => {
  it('gives a one-leaf tree the leaf as root and an empty proof', () => {
    const [leaf] = leavesOf(1);
    const tree = buildTree([leaf]);
    expect(tree.root).toBe(leaf);
    expect(tree.depth).toBe(0);
    expect(tree.proof(0)).toEqual([]);
    expect(verifyProof(leaf, [], tree.root)).toBe(true);
  });

  it('hashes two leaves as a sorted pair, whatever their order', () => {
    const [a, b] = leavesOf(2);
    const expected = referencePair(a, b);
    expect(buildTree([a, b]).root).toBe(expected);
    expect(buildTree([b, a]).root).toBe(expected);
    expect(buildTree([a, b]).proof(0)).toEqual([b]);
    expect(buildTree([a, b]).proof(1)).toEqual([a]);
  });

  it('promotes the odd third leaf unchanged: root = H(H(a, b), c)', () => {
    const [a, b, c] = leavesOf(3);
    const tree = buildTree([a, b, c]);
    expect(tree.root).toBe(referencePair(referencePair(a, b), c));
    expect(tree.layers()).toEqual([[a, b, c], [referencePair(a, b), c], [tree.root]]);
    expect(tree.proof(0)).toEqual([b, c]);
    expect(tree.proof(2)).toEqual([referencePair(a, b)]);
  });

  it('matches a hand computation for five leaves', () => {
    const [a, b, c, d, e] = leavesOf(5);
    const ab = referencePair(a, b);
    const cd = referencePair(c, d);
    const tree = buildTree([a, b, c, d, e]);
    expect(tree.root).toBe(referencePair(referencePair(ab, cd), e));
    expect(tree.depth).toBe(3);
    expect(tree.proof(3)).toEqual([c, ab, e]);
    expect(tree.proof(4)).toEqual([referencePair(ab, cd)]);
  });

  it.each(Array.from({ length: 33 }, (_, i) => i + 1))('verifies every proof of a %i-leaf tree', (count) => {
    const leaves = leavesOf(count);
    const tree = buildTree(leaves);
    expect(tree.leafCount).toBe(count);
    expect(tree.depth).toBe(Math.ceil(Math.log2(count)));
    leaves.forEach((leaf, i) => {
      const proof = tree.proof(i);
      expect(proof.length).toBeLessThanOrEqual(tree.depth);
      expect(verifyProof(leaf, proof, tree.root)).toBe(true);
    });
  });

  it('rejects a tampered proof, a wrong leaf and a wrong root', () => {
    const leaves = leavesOf(10);
    const tree = buildTree(leaves);
    const proof = tree.proof(6);
    const flipped = `${proof[1].slice(0, -1)}${proof[1].endsWith('0') ? '1' : '0'}`;
    expect(verifyProof(leaves[6], [proof[0], flipped, ...proof.slice(2)], tree.root)).toBe(false);
    expect(verifyProof(leaves[6], proof.slice(1), tree.root)).toBe(false);
    expect(verifyProof(leaves[6], [...proof].reverse(), tree.root)).toBe(false);
    expect(verifyProof(leaves[7], proof, tree.root)).toBe(false);
    expect(verifyProof(leaves[6], proof, leaves[0])).toBe(false);
  });

  it('accepts upper-case hex input and answers in lower case', () => {
    const leaves = leavesOf(4);
    const tree = buildTree(leaves.map((leaf) => `0x${leaf.slice(2).toUpperCase()}`));
    expect(tree.root).toBe(buildTree(leaves).root);
    expect(verifyProof(leaves[0], tree.proof(0), tree.root.toUpperCase().replace('0X', '0x'))).toBe(true);
  });

  it('refuses an empty list, malformed leaves and out-of-range indexes', () => {
    expect(() => buildTree([])).toThrow(RangeError);
    expect(() => buildTree(['0x1234'])).toThrow(/leaf 0/);
    expect(() => buildTree([...leavesOf(2), `0x${'zz'.repeat(32)}`])).toThrow(/leaf 2/);
    const tree = buildTree(leavesOf(3));
    expect(() => tree.proof(3)).toThrow(RangeError);
    expect(() => tree.proof(-1)).toThrow(RangeError);
    expect(() => tree.proof(1.5)).toThrow(RangeError);
  });
});

describe('hashPair and processProof', () => {
  it('agree with the reference pair hash and are commutative', () => {
    const [a, b] = leavesOf(2);
    expect(hashPair(a, b)).toBe(referencePair(a, b));
    expect(hashPair(b, a)).toBe(referencePair(a, b));
    expect(processProof(a, [b])).toBe(referencePair(a, b));
  });
});

describe('serialize and proofOffsets', () => {
  const hexAt = (bytes: Uint8Array, offset: number) => '0x' + Buffer.from(bytes.subarray(offset, offset + 32)).toString('hex');

  it.each([1, 2, 3, 5, 8, 13, 100, 1_025])('reads every proof of a %i-leaf tree from the serialized bytes', (count) => {
    const tree = buildTree(leavesOf(count));
    const bytes = tree.serialize();
    expect(bytes.length).toBe(tree.layers().flat().length * 32);
    expect(hexAt(bytes, bytes.length - 32)).toBe(tree.root);
    for (let i = 0; i < count; i++) {
      expect(proofOffsets(count, i).map((o) => hexAt(bytes, o))).toEqual(tree.proof(i));
    }
  });

  it('refuses an index outside the tree and an empty tree', () => {
    expect(() => proofOffsets(3, 3)).toThrow(RangeError);
    expect(() => proofOffsets(0, 0)).toThrow(RangeError);
    expect(() => proofOffsets(3, -1)).toThrow(RangeError);
  });
});
