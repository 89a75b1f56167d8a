import type { SecretBox } from '@chainloom/chain';
import type { NetworkResources } from '../kubernetes/network-resources';
import { addressOfPublicKey, generateBesuNodeKey, sealBesuNodeKey } from './besu-node-key';
import { checkQbftValidatorCount } from './qbft-quorum';

/** A validator takes part in QBFT consensus; an RPC node only follows the chain and serves calls. */
export type BesuNodeRole = 'validator' | 'rpc';

/** One node of a Besu network as every other node sees it: public facts only. */
export interface BesuMember {
  readonly nodeId: string;
  readonly role: BesuNodeRole;
  /** 128 hex characters: the node's enode id. Its address (validators) derives from it. */
  readonly publicKey: string;
}

/** QBFT's timing settings, written into the genesis file. */
export interface QbftSettings {
  /** Blocks between epoch transitions, where pending votes are discarded (Besu default 30000). */
  readonly epochLength: number;
  /** Round timeout before a round change; Besu's docs advise about twice the block period. */
  readonly requestTimeoutSeconds: number;
}

/**
 * EVM rules from block 0. `shanghai` (PUSH0) is the default because solc ≥ 0.8.20 targets it
 * unless told otherwise, so contracts compiled with default Hardhat/Foundry settings deploy.
 * Chainloom's own contracts target `paris` and run on either.
 */
export type BesuEvmFork = 'london' | 'shanghai';

/** Network-wide settings every node's spec carries, so any one `ensureNode` can converge the namespace. */
export interface BesuNetworkSettings {
  /** Owner of the network, for the namespace's labels. An opaque id. */
  readonly tenantId: string;
  /**
   * Validator addresses at genesis. Fixed when the chain is created: genesis is history, and a
   * node started with another genesis is on another chain. Later changes go through votes.
   */
  readonly genesisValidators: readonly string[];
  /** Every node the network has now, this one included: the static-nodes list. */
  readonly members: readonly BesuMember[];
  readonly qbft?: Partial<QbftSettings>;
  readonly evmFork?: BesuEvmFork;
  /** Accept fewer than 4 genesis validators (warned: one failure stops the chain). */
  readonly allowUnsafeValidatorCount?: boolean;
  /** From the tenant's plan; DEFAULT_NETWORK_RESOURCES when absent. */
  readonly resources?: NetworkResources;
  /**
   * Namespaces of consortium members' nodes that may open peer-to-peer connections to this
   * network's nodes (see `namespaceForNetwork`). Empty for a network that is not shared.
   */
  readonly consortiumNamespaces?: readonly string[];
}

/** The `besu` part of a NodeSpec: this node's sealed key and the network it belongs to. */
export interface BesuNodeSettings {
  /** This node's private key sealed by SecretBox under context `besu-node-key:<nodeId>`. */
  readonly sealedNodeKey: string;
  readonly network: BesuNetworkSettings;
}

export function qbftSettingsFor(blockTimeSeconds: number, qbft: Partial<QbftSettings> = {}): QbftSettings {
  return {
    epochLength: qbft.epochLength ?? 30_000,
    requestTimeoutSeconds: qbft.requestTimeoutSeconds ?? Math.max(2, 2 * blockTimeSeconds),
  };
}

/** The validator addresses among the members (as the node keys say, not as anyone claims). */
export function memberAddress(member: BesuMember): string {
  return addressOfPublicKey(member.publicKey);
}

/** What provisioning stores per node when it plans a new Besu network. */
export interface PlannedBesuNode extends BesuMember {
  readonly address: string;
  readonly sealedNodeKey: string;
}

export interface PlannedBesuNetwork {
  readonly nodes: readonly PlannedBesuNode[];
  /** Sorted ascending, as Besu's documentation asks for the genesis validator list. */
  readonly genesisValidators: readonly string[];
  /** Non-empty when the network was allowed below 4 validators. */
  readonly warnings: readonly string[];
}

/**
 * Generates a key per node, seals it, and fixes the genesis validator set: the step provisioning
 * runs once when a besu-qbft network is created (the keys must exist before any node starts,
 * because every validator's address is in the genesis block). Throws a RangeError naming the rule
 * when there are too few validators.
 */
export function planBesuNetwork(
  box: SecretBox,
  nodes: readonly { readonly nodeId: string; readonly role: BesuNodeRole }[],
  options: { readonly allowUnsafeValidatorCount?: boolean } = {},
): PlannedBesuNetwork {
  const validatorCount = nodes.filter((n) => n.role === 'validator').length;
  const check = checkQbftValidatorCount(validatorCount, options);
  if (!check.allowed) throw new RangeError(check.reason);
  if (new Set(nodes.map((n) => n.nodeId)).size !== nodes.length) throw new RangeError('Node ids must be unique.');
  const planned = nodes.map((node): PlannedBesuNode => {
    const key = generateBesuNodeKey();
    return { nodeId: node.nodeId, role: node.role, publicKey: key.publicKey, address: key.address, sealedNodeKey: sealBesuNodeKey(box, node.nodeId, key) };
  });
  const genesisValidators = planned
    .filter((n) => n.role === 'validator')
    .map((n) => n.address)
    .sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
  return { nodes: planned, genesisValidators, warnings: check.warnings };
}
