import { decodeQbftExtraData, encodeQbftExtraData } from './qbft-extra-data';

/**
 * Vectors from Besu's own documentation, hyperledger/besu-docs,
 * docs/private-networks/how-to/configure/consensus/qbft.md (commit 110d7680c87c34864ca2a80df0f210e2bde934b7),
 * published at https://besu.hyperledger.org/private-networks/how-to/configure/consensus/qbft :
 *
 * 1. "Generate extra data": `besu rlp encode --from=toEncode.json --type=QBFT_EXTRA_DATA` with the
 *    four addresses of toEncode.json, and the "RLP encoded data" it prints.
 * 2. The example genesis for block-header validator selection (its `extraData`).
 * 3. The example genesis for contract validator selection: no validators at all.
 */
const DOCS_TO_ENCODE = [
  '0x4592c8e45706cc08b8f44b11e43cba0cfc5892cb',
  '0x06e23768a0f59cf365e18c2e0c89e151bcdedc70',
  '0xc5327f96ee02d7bcbc1bf1236b8c15148971e1de',
  '0xab5e7f4061c605820d3744227eed91ff8e2c8908',
];
const DOCS_RLP_ENCODED =
  '0xf87aa00000000000000000000000000000000000000000000000000000000000000000f854944592c8e45706cc08b8f44b11e43cba0cfc5892cb9406e23768a0f59cf365e18c2e0c89e151bcdedc7094c5327f96ee02d7bcbc1bf1236b8c15148971e1de94ab5e7f4061c605820d3744227eed91ff8e2c8908c080c0';

const DOCS_GENESIS_VALIDATORS = [
  '0x64a702e6263b7297a96638cac6ae65e6541f4169',
  '0x3923390ad55e90c237593b3b0e401f3b08a03185',
  '0xaefdb9a738c9f433e5b6b212a6d62f6370c2f692',
  '0xc7eeb9a4e00ce683cf93039b212648e01c6c6b78',
];
const DOCS_GENESIS_EXTRA_DATA =
  '0xf87aa00000000000000000000000000000000000000000000000000000000000000000f8549464a702e6263b7297a96638cac6ae65e6541f4169943923390ad55e90c237593b3b0e401f3b08a0318594aefdb9a738c9f433e5b6b212a6d62f6370c2f69294c7eeb9a4e00ce683cf93039b212648e01c6c6b78c080c0';

const DOCS_CONTRACT_SELECTION_EXTRA_DATA = '0xe5a00000000000000000000000000000000000000000000000000000000000000000c0c080c0';

describe('QBFT extraData', () => {
  it('matches `besu rlp encode --type=QBFT_EXTRA_DATA` from Besu’s documentation', () => {
    expect(encodeQbftExtraData(DOCS_TO_ENCODE)).toBe(DOCS_RLP_ENCODED);
  });

  it('matches the extraData of the documentation’s QBFT genesis examples', () => {
    expect(encodeQbftExtraData(DOCS_GENESIS_VALIDATORS)).toBe(DOCS_GENESIS_EXTRA_DATA);
    expect(encodeQbftExtraData([])).toBe(DOCS_CONTRACT_SELECTION_EXTRA_DATA);
  });

  it('encodes no vote as an empty list and round 0 as the RLP integer 0 (0x80), not a 4-byte zero', () => {
    // The tail of every documented vector: vote c0, round 80, seals c0. A 4-byte round
    // (84 00000000, IBFT 2.0's layout) would give another string, which Besu's QBFT genesis
    // examples never show.
    expect(DOCS_RLP_ENCODED.endsWith('c080c0')).toBe(true);
    expect(encodeQbftExtraData(DOCS_TO_ENCODE).endsWith('c0' + '8400000000' + 'c0')).toBe(false);
  });

  it('decodes what it encodes, keeping the validators in order', () => {
    const decoded = decodeQbftExtraData(DOCS_RLP_ENCODED);
    expect(decoded.validators.map((v) => v.toLowerCase())).toEqual(DOCS_TO_ENCODE);
    expect(decoded).toMatchObject({ vanity: '0x' + '00'.repeat(32), vote: null, round: 0, seals: [] });
  });

  it('refuses a duplicated validator, a malformed address and an oversized vanity', () => {
    expect(() => encodeQbftExtraData([DOCS_TO_ENCODE[0], DOCS_TO_ENCODE[0].toUpperCase().replace('0X', '0x')])).toThrow(/twice/);
    expect(() => encodeQbftExtraData(['0x1234'])).toThrow();
    expect(() => encodeQbftExtraData(DOCS_TO_ENCODE, '0x' + 'ab'.repeat(33))).toThrow(/vanity/);
  });
});
