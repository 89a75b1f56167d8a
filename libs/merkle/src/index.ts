export { ZERO_HASH, isBytes32 } from './bytes32';
export { canonicalJson } from './canonical-json';
export { certificateLeaf, metadataDigest, randomSalt, type CertificateLeafInput } from './certificate-leaf';
export { buildTree, hashPair, processProof, proofOffsets, verifyProof, type MerkleTree } from './merkle-tree';
