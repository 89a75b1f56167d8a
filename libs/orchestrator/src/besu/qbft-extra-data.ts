import { decodeRlp, encodeRlp, getAddress, hexlify, isHexString, zeroPadBytes } from 'ethers';

const VANITY_BYTES = 32;

/**
 * The genesis block's `extraData` for QBFT with block-header validator selection:
 *
 *   RLP([32-byte vanity, [validator addresses], no vote, round 0, no seals])
 *
 * as Besu's `besu rlp encode --type=QBFT_EXTRA_DATA` writes it. Three details that are easy to
 * get wrong, each pinned by the vector from Besu's documentation in qbft-extra-data.spec.ts:
 * - "no vote" is an empty RLP list (0xc0), not an empty string;
 * - the round is an RLP integer, so round 0 is the empty string 0x80 — not a 4-byte zero
 *   (`84 00000000`), which is IBFT 2.0's encoding and which Besu's QBFT codec does not produce;
 * - seals are an empty list (0xc0).
 * Validators are encoded in the order given; `buildQbftGenesis` sorts them ascending first, as
 * Besu's documentation asks.
 */
export function encodeQbftExtraData(validators: readonly string[], vanity = '0x'): string {
  if (!isHexString(vanity) || (vanity.length - 2) / 2 > VANITY_BYTES) {
    throw new RangeError(`The vanity is at most ${VANITY_BYTES} bytes of hex.`);
  }
  const addresses = validators.map((v) => getAddress(v).toLowerCase());
  if (new Set(addresses).size !== addresses.length) throw new RangeError('A validator appears twice in the validator list.');
  return encodeRlp([zeroPadBytes(vanity, VANITY_BYTES), addresses, [], '0x', []]);
}

export interface QbftExtraData {
  readonly vanity: string;
  readonly validators: readonly string[];
  /** null for "no vote" (the empty list). */
  readonly vote: { readonly address: string; readonly add: boolean } | null;
  readonly round: number;
  readonly seals: readonly string[];
}

/** The inverse of `encodeQbftExtraData`, also for blocks after genesis (which carry seals). */
export function decodeQbftExtraData(extraData: string): QbftExtraData {
  const decoded = decodeRlp(extraData);
  if (!Array.isArray(decoded) || decoded.length !== 5) throw new RangeError('QBFT extraData is an RLP list of 5 items.');
  const [vanity, validators, vote, round, seals] = decoded;
  if (typeof vanity !== 'string' || !Array.isArray(validators) || !Array.isArray(vote) || typeof round !== 'string' || !Array.isArray(seals)) {
    throw new RangeError('QBFT extraData items have the wrong shapes.');
  }
  let parsedVote: QbftExtraData['vote'] = null;
  if (vote.length === 2 && typeof vote[0] === 'string' && typeof vote[1] === 'string') {
    // Besu writes an add vote as 0xff and a drop vote as 0x00.
    parsedVote = { address: getAddress(vote[0]), add: vote[1] === '0xff' };
  }
  return {
    vanity: hexlify(vanity),
    validators: validators.map((v) => getAddress(String(v))),
    vote: parsedVote,
    round: round === '0x' ? 0 : Number(BigInt(round)),
    seals: seals.map(String),
  };
}
