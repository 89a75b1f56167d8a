// The contract between provisioning (an operation log of idempotent, resumable steps) and
// whatever actually runs chain nodes. Every method may be called again after a crash at any
// point, so each one converges on a state instead of performing an action.

import type { BesuNodeSettings } from './besu/besu-network';

/** What a network runs. `dev` is one anvil node; `besu-qbft` is Besu validators under QBFT. */
export type ChainProtocol = 'dev' | 'besu-qbft';

/** Where nodes run: child processes on this machine, or a Kubernetes cluster. */
export type DriverName = 'local' | 'kubernetes';

/** Names one node. Node ids are unique across the platform; the network id scopes cleanup. */
export interface NodeRef {
  readonly networkId: string;
  readonly nodeId: string;
}

/** Everything a driver needs to bring one node to life, and nothing it may not change later. */
export interface NodeSpec extends NodeRef {
  readonly protocol: ChainProtocol;
  readonly chainId: number;
  /** Seconds between blocks; 0 mines one block per transaction (instant blocks, `dev` only). */
  readonly blockTimeSeconds: number;
  /**
   * Balances at genesis: address → wei as a decimal string (amounts exceed 2^53). Applied once,
   * when the chain is created; later changes to it are ignored because genesis is history.
   */
  readonly genesisAlloc: Readonly<Record<string, string>>;
  /**
   * Required for `besu-qbft`, ignored by `dev`: this node's key (sealed by SecretBox) and the
   * network it belongs to (tenant, genesis validators, every member's public key, plan resources).
   * QBFT's genesis names every validator, so no node can start without knowing the others.
   */
  readonly besu?: BesuNodeSettings;
}

/** A node the driver sees running (a process, a pod), whether or not this instance started it. */
export interface RunningNode extends NodeRef {
  /** JSON-RPC endpoint reachable from the platform (loopback for `local`). */
  readonly rpcUrl: string;
  /** Driver-specific handle for logs and operators: `pid:1234`, `pod/net-x/validator-0`. */
  readonly handle: string;
  /** Operating-system process id, where the driver has one. */
  readonly pid?: number;
  /** When the node's current process or pod started (not when it was adopted). */
  readonly startedAt: Date;
}

/**
 * How `ensureNode` got the node running, for the operation log: a node that came back from
 * genesis or from an older snapshot has lost history, which the caller should report.
 */
export type NodeStartKind =
  /** it was already running and healthy; nothing was started */
  | 'adopted'
  /** started from its persisted state */
  | 'restored'
  /** the persisted state was unreadable; started from the snapshot taken at the previous start */
  | 'recovered-snapshot'
  /** no state existed: a new chain from genesis */
  | 'genesis';

export interface NodeRuntime extends RunningNode {
  readonly startedFrom: NodeStartKind;
}

export type NodeState = 'up' | 'down' | 'absent';

/** Why a node is down, as a stable code the caller can store and show. */
export type NodeDownReason =
  | 'stopped'
  | 'process_exited'
  | 'rpc_unreachable'
  | 'chain_id_mismatch';

/** One health observation, made through the process table (or pod status) and JSON-RPC. */
export interface NodeHealth extends NodeRef {
  /** `absent`: the driver knows no such node (never created, or removed). */
  readonly state: NodeState;
  readonly reason?: NodeDownReason;
  /** Human-readable detail for `down`, e.g. the RPC error. */
  readonly detail?: string;
  readonly rpcUrl?: string;
  readonly pid?: number;
  readonly chainId?: number;
  readonly blockNumber?: number;
  readonly checkedAt: Date;
}

export interface RemoveNodeOptions {
  /** Keep the node's chain data (state, keys) so a node with the same id can come back. */
  readonly keepData: boolean;
}

/**
 * Runs chain nodes. Implementations: `LocalDriver` (anvil child processes) here, a Kubernetes
 * driver (Besu StatefulSets by server-side apply) later. All methods are idempotent.
 */
export interface ChainDriver {
  readonly name: DriverName;

  /** Whether this driver can run nodes of `protocol` at all (see PROTOCOL_CAPABILITIES). */
  supports(protocol: ChainProtocol): boolean;

  /**
   * Makes the node run as `spec` says and answer JSON-RPC. Adopts a healthy running node instead
   * of starting a second one; restarts it (keeping its data) if its settings changed; starts it
   * from its persisted data if it was stopped or died. Resolves once JSON-RPC answers with
   * `spec.chainId` and genesis balances are durable.
   */
  ensureNode(spec: NodeSpec): Promise<NodeRuntime>;

  /** Stops the node gracefully, keeping its data. A node already stopped or unknown is fine. */
  stopNode(ref: NodeRef): Promise<void>;

  /** Stops the node and, unless `keepData`, deletes its data. An unknown node is fine. */
  removeNode(ref: NodeRef, options: RemoveNodeOptions): Promise<void>;

  /** Observes the node now; never throws for a node that is down or absent. */
  nodeStatus(ref: NodeRef): Promise<NodeHealth>;

  /**
   * Nodes running right now, for reconciliation after a platform restart: compare with the
   * database, `ensureNode` the ones that should run (they are adopted), stop the orphans.
   */
  listRunning(): Promise<RunningNode[]>;
}
