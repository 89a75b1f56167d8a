/**
 * What one network may use in the cluster: per-node requests and limits, and how many nodes. The
 * caller derives it from the tenant's plan (libs/auth's PlanLimits has no CPU or memory figures,
 * so the presets below map plan names to sizes; an admin override can pass any other value).
 * Quantities are Kubernetes quantity strings ("500m", "2Gi").
 */
export interface NodeResources {
  readonly cpuRequest: string;
  readonly cpuLimit: string;
  readonly memoryRequest: string;
  readonly memoryLimit: string;
  /** Size of the node's data volume (the PVC). */
  readonly storage: string;
}

export interface NetworkResources {
  readonly node: NodeResources;
  /** Most nodes the namespace may hold (ResourceQuota counts pods, PVCs and totals from this). */
  readonly maxNodes: number;
  /** StorageClass of node volumes; the cluster default when absent. */
  readonly storageClassName?: string;
}

/**
 * Sizes per plan. Besu is a JVM: below ~1 GiB of memory it spends its time collecting garbage,
 * and its RocksDB grows a few GB per million blocks. Node counts follow PlanLimits.nodesPerNetwork.
 */
export const PLAN_NETWORK_RESOURCES: Readonly<Record<'FREE' | 'STANDARD' | 'ENTERPRISE', NetworkResources>> = {
  FREE: {
    maxNodes: 1,
    node: { cpuRequest: '250m', cpuLimit: '1', memoryRequest: '1Gi', memoryLimit: '1536Mi', storage: '5Gi' },
  },
  STANDARD: {
    maxNodes: 4,
    node: { cpuRequest: '500m', cpuLimit: '2', memoryRequest: '2Gi', memoryLimit: '3Gi', storage: '20Gi' },
  },
  ENTERPRISE: {
    maxNodes: 16,
    node: { cpuRequest: '1', cpuLimit: '4', memoryRequest: '4Gi', memoryLimit: '6Gi', storage: '100Gi' },
  },
};

export const DEFAULT_NETWORK_RESOURCES: NetworkResources = PLAN_NETWORK_RESOURCES.STANDARD;

const QUANTITY = /^([0-9]+(\.[0-9]+)?)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/;
const FACTORS: Record<string, number> = {
  '': 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
};

/** A quantity in base units (cores or bytes); throws on syntax Kubernetes would reject. */
export function parseQuantity(quantity: string): number {
  const match = QUANTITY.exec(quantity);
  if (!match) throw new RangeError(`"${quantity}" is not a Kubernetes quantity such as 500m, 2, 512Mi or 20Gi.`);
  return Number(match[1]) * FACTORS[match[3] ?? ''];
}

/**
 * `count` times a quantity, written in the same unit so the ResourceQuota reads naturally
 * ("4 × 2Gi" is "8Gi", not a byte count). Millicores stay millicores.
 */
export function multiplyQuantity(quantity: string, count: number): string {
  const match = QUANTITY.exec(quantity);
  if (!match) throw new RangeError(`"${quantity}" is not a Kubernetes quantity.`);
  const unit = match[3] ?? '';
  const value = Number(match[1]) * count;
  // Fractions ("0.5" × 3 = "1.5") are valid quantities; round off binary noise only.
  return `${Number(value.toFixed(6))}${unit}`;
}

/** Checks a resources object before it reaches the cluster, with a message naming the field. */
export function validateNetworkResources(resources: NetworkResources): void {
  for (const [field, value] of Object.entries(resources.node)) {
    try {
      parseQuantity(value);
    } catch (error) {
      throw new RangeError(`resources.node.${field}: ${(error as Error).message}`);
    }
  }
  if (parseQuantity(resources.node.cpuRequest) > parseQuantity(resources.node.cpuLimit)) {
    throw new RangeError('resources.node.cpuRequest exceeds cpuLimit.');
  }
  if (parseQuantity(resources.node.memoryRequest) > parseQuantity(resources.node.memoryLimit)) {
    throw new RangeError('resources.node.memoryRequest exceeds memoryLimit.');
  }
  if (!Number.isInteger(resources.maxNodes) || resources.maxNodes < 1) throw new RangeError('resources.maxNodes is a whole number ≥ 1.');
}
