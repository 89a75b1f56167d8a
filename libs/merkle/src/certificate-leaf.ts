// The leaf a certificate contributes to its batch's Merkle tree. Anyone holding a receipt must be
// able to recompute it with nothing but keccak256, so it is defined in Solidity terms:
//
//   leaf = keccak256(bytes.concat(keccak256(abi.encode(contentHash, metadataDigest, salt))))
//
// This is OpenZeppelin StandardMerkleTree's leaf encoding. The outer hash is over 32 bytes while
// every inner node is a hash over 64 bytes, so no leaf can be passed off as an inner node (the
// second-preimage trick against Merkle proofs), whatever the tree's shape.
import { ZERO_HASH, assertBytes32, readBytes32, toHex, writeBytes32 } from './bytes32';
import { canonicalJson } from './canonical-json';
import { keccak256Bytes } from './keccak';

export interface CertificateLeafInput {
  /** Hash of the evidence itself (sha256 of the file or payload), bytes32 hex. */
  contentHash: string;
  /** metadataDigest(metadata): ZERO_HASH when the certificate has no metadata. */
  metadataDigest: string;
  /**
   * Random bytes32 for low-entropy evidence (a short text, an id), so that the public root and
   * proof do not let anyone confirm a guess; ZERO_HASH when unused.
   */
  salt: string;
}

/** The certificate's Merkle leaf, bytes32 hex (see the formula above). */
export function certificateLeaf(input: CertificateLeafInput): string {
  assertBytes32(input.contentHash, 'contentHash');
  assertBytes32(input.metadataDigest, 'metadataDigest');
  assertBytes32(input.salt, 'salt');
  const encoded = new Uint8Array(96);
  writeBytes32(input.contentHash, encoded, 0);
  writeBytes32(input.metadataDigest, encoded, 32);
  writeBytes32(input.salt, encoded, 64);
  return readBytes32(keccak256Bytes(keccak256Bytes(encoded)), 0);
}

/**
 * keccak256 of the UTF-8 bytes of the metadata's RFC 8785 canonical JSON, so that key order and
 * whitespace never change the digest. `undefined` and `null` mean "no metadata" and give
 * ZERO_HASH. Throws for values JSON cannot carry exactly (NaN, bigint, lone surrogates...).
 */
export function metadataDigest(metadata: unknown): string {
  if (metadata === undefined || metadata === null) return ZERO_HASH;
  return toHex(keccak256Bytes(new TextEncoder().encode(canonicalJson(metadata))));
}

/** A fresh random salt for low-entropy evidence, bytes32 hex. */
export function randomSalt(): string {
  return toHex(globalThis.crypto.getRandomValues(new Uint8Array(32)));
}
