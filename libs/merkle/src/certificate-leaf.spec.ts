import { AbiCoder, keccak256, sha256, toUtf8Bytes } from 'ethers';
import { ZERO_HASH } from './bytes32';
import { certificateLeaf, metadataDigest, randomSalt } from './certificate-leaf';

const abi = AbiCoder.defaultAbiCoder();

describe('certificateLeaf', () => {
  const contentHash = sha256(toUtf8Bytes('hello, chainloom'));
  const digest = keccak256(toUtf8Bytes('{"a":1}'));
  const salt = keccak256(toUtf8Bytes('salt'));

  it('is keccak256(keccak256(abi.encode(contentHash, metadataDigest, salt))), as ethers computes it', () => {
    const expected = keccak256(
      keccak256(abi.encode(['bytes32', 'bytes32', 'bytes32'], [contentHash, digest, salt])),
    );
    expect(certificateLeaf({ contentHash, metadataDigest: digest, salt })).toBe(expected);
  });

  it('changes with each of its three inputs', () => {
    const base = certificateLeaf({ contentHash, metadataDigest: digest, salt });
    expect(certificateLeaf({ contentHash, metadataDigest: digest, salt: ZERO_HASH })).not.toBe(base);
    expect(certificateLeaf({ contentHash, metadataDigest: ZERO_HASH, salt })).not.toBe(base);
    expect(certificateLeaf({ contentHash: digest, metadataDigest: digest, salt })).not.toBe(base);
  });

  it('refuses inputs that are not bytes32 hex', () => {
    expect(() => certificateLeaf({ contentHash: '0x12', metadataDigest: digest, salt })).toThrow(
      /contentHash/,
    );
    expect(() => certificateLeaf({ contentHash, metadataDigest: '', salt })).toThrow(/metadataDigest/);
    expect(() => certificateLeaf({ contentHash, metadataDigest: digest, salt: salt.slice(2) })).toThrow(
      /salt/,
    );
  });
});

describe('metadataDigest', () => {
  it('is the zero word when there is no metadata', () => {
    expect(metadataDigest(undefined)).toBe(ZERO_HASH);
    expect(metadataDigest(null)).toBe(ZERO_HASH);
  });

  it('is keccak256 of the canonical JSON, independent of key order and whitespace', () => {
    const expected = keccak256(toUtf8Bytes('{"a":[1,"é"],"b":{"c":true}}'));
    expect(metadataDigest({ b: { c: true }, a: [1, 'é'] })).toBe(expected);
    expect(metadataDigest(JSON.parse('{ "a" : [ 1.0, "\\u00e9" ], "b" : { "c" : true } }'))).toBe(expected);
    expect(metadataDigest({})).toBe(keccak256(toUtf8Bytes('{}')));
  });

  it('refuses values JSON cannot carry exactly', () => {
    expect(() => metadataDigest({ n: Number.NaN })).toThrow();
    expect(() => metadataDigest({ n: 10n })).toThrow();
  });
});

describe('randomSalt', () => {
  it('gives a fresh bytes32 each time', () => {
    const a = randomSalt();
    expect(a).toMatch(/^0x[0-9a-f]{64}$/);
    expect(randomSalt()).not.toBe(a);
  });
});
