// A typed ethers view of AnchorRegistry, so that the anchoring job and the receipt verifier call it
// with checked argument and result types instead of ethers' untyped Contract methods. It is
// written by hand (no code generator in the build); anchor-registry.int-spec.ts exercises every
// member against the compiled ABI.
import {
  Contract,
  Interface,
  isError,
  type BaseContract,
  type BaseContractMethod,
  type ContractRunner,
  type ContractTransactionResponse,
  type Log,
} from 'ethers';
import anchorRegistryJson from './artifacts/AnchorRegistry.json';

type View<A extends unknown[], R> = BaseContractMethod<A, R, R>;
type Send<A extends unknown[]> = BaseContractMethod<A, void, ContractTransactionResponse>;

export interface AnchorRegistryContract extends BaseContract {
  owner: View<[], string>;
  authorized: View<[account: string], boolean>;
  authorize: Send<[account: string, allowed: boolean]>;
  transferOwnership: Send<[newOwner: string]>;
  anchor: Send<[tenant: string, batchSeq: bigint, root: string, leafCount: number]>;
  /** All zero for a root that was never anchored. */
  anchorOf: View<[root: string], [tenant: string, batchSeq: bigint, blockNumber: bigint, timestamp: bigint]>;
  /** Zero root and batchSeq 0 for a tenant with no anchor. */
  lastAnchor: View<[tenant: string], [root: string, batchSeq: bigint]>;
  verify: View<[proof: string[], root: string, leaf: string], boolean>;
  verifyAnchored: View<[proof: string[], root: string, leaf: string], boolean>;
  certificateLeaf: View<[contentHash: string, metadataDigest: string, salt: string], string>;
}

/** The AnchorRegistry deployed at `address`, for calls through `runner` (a provider or a signer). */
export function anchorRegistryAt(
  address: string,
  runner: ContractRunner | null = null,
): AnchorRegistryContract {
  return new Contract(address, anchorRegistryJson.abi, runner) as unknown as AnchorRegistryContract;
}

/** A decoded Anchored event and where it sits on the chain: the facts a receipt records. */
export interface AnchoredEvent {
  tenant: string;
  batchSeq: bigint;
  root: string;
  previousRoot: string;
  leafCount: number;
  /** Block time, seconds since the epoch. */
  timestamp: bigint;
  contract: string;
  transactionHash: string;
  blockNumber: number;
  blockHash: string;
  logIndex: number;
}

const registryInterface = new Interface(anchorRegistryJson.abi);
const anchoredTopic = registryInterface.getEvent('Anchored')?.topicHash;

/**
 * The Anchored events among `logs` (typically a transaction receipt's), decoded. Logs of other
 * events or contracts are skipped; pass only the registry's logs when other contracts might emit
 * an event with the same signature.
 */
export function parseAnchoredLogs(logs: readonly Log[]): AnchoredEvent[] {
  return logs
    .filter((log) => log.topics[0] === anchoredTopic)
    .map((log) => {
      const parsed = registryInterface.decodeEventLog('Anchored', log.data, log.topics);
      return {
        tenant: String(parsed.getValue('tenant')),
        batchSeq: BigInt(parsed.getValue('batchSeq')),
        root: String(parsed.getValue('root')),
        previousRoot: String(parsed.getValue('previousRoot')),
        leafCount: Number(parsed.getValue('leafCount')),
        timestamp: BigInt(parsed.getValue('timestamp')),
        contract: log.address,
        transactionHash: log.transactionHash,
        blockNumber: log.blockNumber,
        blockHash: log.blockHash,
        logIndex: log.index,
      };
    });
}

/** A custom error of the registry, decoded: e.g. { name: 'RootAlreadyAnchored', args: [root] }. */
export interface AnchorRegistryError {
  name: string;
  args: unknown[];
}

/**
 * The registry's custom error behind a failed call or transaction, or null for any other
 * failure. ethers decodes custom errors only when the contract itself estimates or calls, not
 * when a signer estimates gas for a send, so callers decode here: the anchoring job, for one,
 * must tell RootAlreadyAnchored (perhaps its own earlier transaction) from a real failure.
 */
export function parseAnchorRegistryError(error: unknown): AnchorRegistryError | null {
  if (!isError(error, 'CALL_EXCEPTION') || !error.data) return null;
  const decoded = registryInterface.parseError(error.data);
  return decoded ? { name: decoded.name, args: Array.from(decoded.args) } : null;
}
