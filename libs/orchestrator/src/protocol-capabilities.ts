import type { ChainProtocol, DriverName } from './chain-driver';

/** The operations of a network's operation log (see DESIGN.md, "Chains: protocols and drivers"). */
export type NetworkOperation = 'create' | 'add-node' | 'remove-node' | 'stop' | 'start' | 'delete' | 'restart';

/**
 * What a protocol allows, so the API can refuse an impossible request with a 400 that says why
 * before anything is queued, and the console can grey out what does not apply.
 */
export interface ProtocolCapabilities {
  readonly protocol: ChainProtocol;
  readonly summary: string;
  readonly drivers: readonly DriverName[];
  readonly minNodes: number;
  readonly maxNodes: number;
  /** Fewest nodes that tolerate one faulty node; below it the network works but is fragile. */
  readonly recommendedMinNodes: number;
  readonly canAddNode: boolean;
  readonly canRemoveNode: boolean;
  /** Whether the nodes can be restarted one at a time while the chain keeps producing blocks. */
  readonly canRollingRestart: boolean;
  /** Whether blockTimeSeconds 0 (a block per transaction) is allowed. */
  readonly instantBlocks: boolean;
  readonly minBlockTimeSeconds: number;
  readonly maxBlockTimeSeconds: number;
}

export const PROTOCOL_CAPABILITIES: Readonly<Record<ChainProtocol, ProtocolCapabilities>> = {
  dev: {
    protocol: 'dev',
    summary: 'One anvil node with instant or interval blocks; for development and tests.',
    drivers: ['local'],
    minNodes: 1,
    maxNodes: 1,
    recommendedMinNodes: 1,
    canAddNode: false,
    canRemoveNode: false,
    canRollingRestart: false,
    instantBlocks: true,
    minBlockTimeSeconds: 0,
    maxBlockTimeSeconds: 3600,
  },
  // Runs on the kubernetes driver (src/kubernetes). QBFT needs a block period of at least one
  // second, and 3f+1 validators to tolerate f faults: 4 is the recommended minimum, and fewer
  // (down to 1) are accepted only with the network's allowUnsafeValidatorCount flag, which
  // checkQbftValidatorCount (src/besu/qbft-quorum.ts) enforces; minNodes counts that case.
  'besu-qbft': {
    protocol: 'besu-qbft',
    summary: 'Hyperledger Besu validators under QBFT consensus, 4 or more for fault tolerance; optional RPC nodes.',
    drivers: ['kubernetes'],
    minNodes: 1,
    maxNodes: 16,
    recommendedMinNodes: 4,
    canAddNode: true,
    canRemoveNode: true,
    canRollingRestart: true,
    instantBlocks: false,
    minBlockTimeSeconds: 1,
    maxBlockTimeSeconds: 60,
  },
};

export function isChainProtocol(value: string): value is ChainProtocol {
  return Object.hasOwn(PROTOCOL_CAPABILITIES, value);
}

/** Stable codes for the API's problem responses. */
export type CapabilityViolationCode =
  | 'protocol_unsupported'
  | 'driver_unsupported'
  | 'operation_unsupported'
  | 'node_count_out_of_range'
  | 'block_time_unsupported';

export type CapabilityCheck =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly code: CapabilityViolationCode; readonly reason: string };

const ALLOWED: CapabilityCheck = { allowed: true };
const refuse = (code: CapabilityViolationCode, reason: string): CapabilityCheck => ({ allowed: false, code, reason });

/** Checks a network's shape at creation (or on a settings change). */
export function checkNetworkShape(
  protocol: string,
  shape: { readonly nodeCount: number; readonly blockTimeSeconds: number; readonly driver?: DriverName },
): CapabilityCheck {
  if (!isChainProtocol(protocol)) {
    return refuse('protocol_unsupported', `Unknown protocol "${protocol}"; use one of ${Object.keys(PROTOCOL_CAPABILITIES).join(', ')}.`);
  }
  const caps = PROTOCOL_CAPABILITIES[protocol];
  if (shape.driver && !caps.drivers.includes(shape.driver)) {
    return refuse(
      'driver_unsupported',
      `Protocol "${protocol}" does not run on the ${shape.driver} driver; it needs ${caps.drivers.join(' or ')}.`,
    );
  }
  if (!Number.isInteger(shape.nodeCount) || shape.nodeCount < caps.minNodes || shape.nodeCount > caps.maxNodes) {
    return refuse('node_count_out_of_range', nodeCountReason(caps));
  }
  const t = shape.blockTimeSeconds;
  if (t === 0 ? !caps.instantBlocks : !Number.isInteger(t) || t < Math.max(1, caps.minBlockTimeSeconds) || t > caps.maxBlockTimeSeconds) {
    return refuse(
      'block_time_unsupported',
      `Protocol "${protocol}" needs a whole number of seconds between blocks from ${Math.max(1, caps.minBlockTimeSeconds)} to ${caps.maxBlockTimeSeconds}` +
        (caps.instantBlocks ? ', or 0 for a block per transaction.' : '; it cannot mine a block per transaction.'),
    );
  }
  return ALLOWED;
}

/** Checks an operation on an existing network with `nodeCount` nodes. */
export function checkOperation(
  protocol: ChainProtocol,
  operation: NetworkOperation,
  network: { readonly nodeCount: number },
): CapabilityCheck {
  const caps = PROTOCOL_CAPABILITIES[protocol];
  switch (operation) {
    case 'add-node':
      if (!caps.canAddNode) {
        return refuse('operation_unsupported', `A "${protocol}" network runs exactly ${nodes(caps.maxNodes)}; nodes cannot be added.`);
      }
      if (network.nodeCount + 1 > caps.maxNodes) return refuse('node_count_out_of_range', nodeCountReason(caps));
      return ALLOWED;
    case 'remove-node':
      if (!caps.canRemoveNode) {
        return refuse('operation_unsupported', `A "${protocol}" network runs exactly ${nodes(caps.minNodes)}; nodes cannot be removed.`);
      }
      if (network.nodeCount - 1 < caps.minNodes) return refuse('node_count_out_of_range', nodeCountReason(caps));
      return ALLOWED;
    case 'restart':
      if (!caps.canRollingRestart) {
        return refuse('operation_unsupported', `A "${protocol}" network has a single node; stop and start it instead of a rolling restart.`);
      }
      return ALLOWED;
    case 'create':
    case 'stop':
    case 'start':
    case 'delete':
      return ALLOWED;
  }
}

function nodeCountReason(caps: ProtocolCapabilities): string {
  return caps.minNodes === caps.maxNodes
    ? `A "${caps.protocol}" network has exactly ${nodes(caps.minNodes)}.`
    : `A "${caps.protocol}" network has from ${caps.minNodes} to ${caps.maxNodes} nodes.`;
}

const nodes = (count: number) => (count === 1 ? '1 node' : `${count} nodes`);
