import { createHash } from 'node:crypto';
import { getAddress } from 'ethers';
import type { BesuEvmFork, BesuMember, QbftSettings } from './besu-network';
import { enodeUrl } from './besu-node-key';
import { encodeQbftExtraData } from './qbft-extra-data';

/** "Istanbul" block identification, the mixHash every BFT genesis in Besu carries. */
const BFT_MIX_HASH = '0x63746963616c2062797a616e74696e65206661756c7420746f6c6572616e6365';
const MAX_UINT256 = (1n << 256n) - 1n;

export interface QbftGenesisInput {
  readonly chainId: number;
  readonly blockTimeSeconds: number;
  readonly qbft: QbftSettings;
  readonly validators: readonly string[];
  /** address → wei as a decimal string, as NodeSpec carries it. */
  readonly alloc: Readonly<Record<string, string>>;
  readonly evmFork: BesuEvmFork;
}

export interface QbftGenesis {
  readonly config: Record<string, unknown>;
  readonly nonce: string;
  readonly timestamp: string;
  readonly extraData: string;
  readonly gasLimit: string;
  readonly difficulty: string;
  readonly mixHash: string;
  readonly coinbase: string;
  readonly alloc: Record<string, { readonly balance: string }>;
  readonly number: string;
  readonly gasUsed: string;
  readonly parentHash: string;
}

/**
 * A Besu QBFT genesis. Deterministic in its input (fixed timestamp, sorted validators and
 * allocations), so every node's `ensureNode` writes byte-identical files and a changed input is
 * detectable as a changed hash rather than a silently forked chain.
 *
 * - `zeroBaseFee` and the nodes' `--min-gas-price=0`: a private chain where gas is free; senders
 *   still need a funded account only for value transfers.
 * - `gasLimit` 30M per block, like Ethereum mainnet: room for contract deployments.
 */
export function buildQbftGenesis(input: QbftGenesisInput): QbftGenesis {
  if (!Number.isInteger(input.chainId) || input.chainId < 1) throw new RangeError('chainId is a positive integer.');
  if (!Number.isInteger(input.blockTimeSeconds) || input.blockTimeSeconds < 1) {
    throw new RangeError('QBFT needs a whole number of seconds between blocks, at least 1.');
  }
  if (!Number.isInteger(input.qbft.epochLength) || input.qbft.epochLength < 1) throw new RangeError('epochLength is a positive integer.');
  if (!Number.isInteger(input.qbft.requestTimeoutSeconds) || input.qbft.requestTimeoutSeconds < 1) {
    throw new RangeError('requestTimeoutSeconds is a positive integer.');
  }
  if (input.validators.length === 0) throw new RangeError('A QBFT genesis needs at least one validator.');
  const validators = [...input.validators].map((v) => getAddress(v)).sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
  const alloc: Record<string, { balance: string }> = {};
  for (const address of Object.keys(input.alloc).sort()) {
    const wei = input.alloc[address];
    if (!/^[0-9]{1,78}$/.test(wei) || BigInt(wei) > MAX_UINT256) throw new RangeError(`Balance of ${address} is not a wei amount.`);
    alloc[getAddress(address).toLowerCase()] = { balance: `0x${BigInt(wei).toString(16)}` };
  }
  return {
    config: {
      chainId: input.chainId,
      berlinBlock: 0,
      londonBlock: 0,
      ...(input.evmFork === 'shanghai' ? { shanghaiTime: 0 } : {}),
      zeroBaseFee: true,
      qbft: {
        blockperiodseconds: input.blockTimeSeconds,
        epochlength: input.qbft.epochLength,
        requesttimeoutseconds: input.qbft.requestTimeoutSeconds,
      },
    },
    nonce: '0x0',
    timestamp: '0x0',
    extraData: encodeQbftExtraData(validators),
    gasLimit: '0x1c9c380',
    difficulty: '0x1',
    mixHash: BFT_MIX_HASH,
    coinbase: '0x0000000000000000000000000000000000000000',
    alloc,
    number: '0x0',
    gasUsed: '0x0',
    parentHash: '0x0000000000000000000000000000000000000000000000000000000000000000',
  };
}

/** The file as written into the ConfigMap; its hash names the chain's genesis. */
export function serializeGenesis(genesis: QbftGenesis): string {
  return `${JSON.stringify(genesis, null, 2)}\n`;
}

export function genesisSha256(serialized: string): string {
  return createHash('sha256').update(serialized).digest('hex');
}

/**
 * Besu's static-nodes.json: every member's enode at its stable DNS name. Nodes dial these at start
 * and keep the connections up; discovery stays off, so a tenant's nodes never look for peers
 * outside this list.
 */
export function staticNodes(members: readonly BesuMember[], hostOf: (nodeId: string) => string, port = 30303): string[] {
  return [...members]
    .sort((a, b) => a.nodeId.localeCompare(b.nodeId))
    .map((m) => enodeUrl(m.publicKey, hostOf(m.nodeId), port));
}
