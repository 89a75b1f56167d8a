// Times the sealer's Merkle work for one large batch: certificate leaves, the tree, and every
// proof. Run: SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register bench/merkle/build.ts [leaves]
import { randomBytes } from 'node:crypto';
import { ZERO_HASH, buildTree, certificateLeaf, verifyProof } from '@chainloom/merkle';

const count = Number(process.argv[2] ?? 100_000);
const contentHashes = Array.from({ length: count }, () => `0x${randomBytes(32).toString('hex')}`);

function time<T>(label: string, work: () => T): T {
  const started = performance.now();
  const result = work();
  console.log(`${label.padEnd(34)} ${(performance.now() - started).toFixed(1).padStart(8)} ms`);
  return result;
}

// A warm-up pass so that the numbers below are steady-state, as in a long-running sealer.
buildTree(contentHashes.slice(0, 1000));

const leaves = time(`certificateLeaf x ${count}`, () =>
  contentHashes.map((contentHash) =>
    certificateLeaf({ contentHash, metadataDigest: ZERO_HASH, salt: ZERO_HASH }),
  ),
);
const tree = time(`buildTree(${count})`, () => buildTree(leaves));
const proofs = time(`proof(i) for every leaf`, () => leaves.map((_, i) => tree.proof(i)));
time(`verifyProof for every leaf`, () => {
  if (!leaves.every((leaf, i) => verifyProof(leaf, proofs[i], tree.root))) throw new Error('a proof failed');
});
console.log(`root ${tree.root}, depth ${tree.depth}`);
