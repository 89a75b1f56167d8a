import { SecretBox, parseMasterKey } from '@chainloom/chain';
import { randomBytes } from 'node:crypto';
import { planBesuNetwork, type BesuNetworkSettings, type BesuNodeRole, type PlannedBesuNetwork } from '../../besu/besu-network';
import type { NodeSpec } from '../../chain-driver';
import { KubernetesDriver, type KubernetesDriverOptions } from '../kubernetes.driver';
import { LABEL } from '../kubernetes-names';
import { urlRpc } from '../node-rpc.client';
import { FakeBesuNetwork } from './fake-besu-network';
import { FakeKubernetesApi } from './fake-kubernetes-api';

/**
 * A network plan, the fake Kubernetes API, the fake Besu JSON-RPC network wired to it (a node
 * answers while its pod exists) and a driver pointed at both: what every cluster-less test needs.
 */
export interface Harness {
  readonly box: SecretBox;
  readonly api: FakeKubernetesApi;
  readonly besu: FakeBesuNetwork;
  readonly driver: KubernetesDriver;
  readonly plan: PlannedBesuNetwork;
  readonly networkId: string;
  readonly tenantId: string;
  readonly chainId: number;
  /** The network settings with the given members (default: the planned ones). */
  network(members?: PlannedBesuNetwork['nodes']): BesuNetworkSettings;
  spec(nodeId: string, network?: BesuNetworkSettings): NodeSpec;
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly validators?: number;
  readonly rpcNodes?: number;
  /** Nodes planned (keys made) but not members yet: for add-validator tests. */
  readonly spareValidators?: number;
  readonly allowUnsafeValidatorCount?: boolean;
  readonly networkId?: string;
  readonly driver?: Partial<KubernetesDriverOptions>;
  /** The keys of another harness, to build the very same network twice. */
  readonly reuse?: Pick<Harness, 'box' | 'plan'>;
}

export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const box = options.reuse?.box ?? new SecretBox([parseMasterKey(randomBytes(32).toString('base64'))]);
  const networkId = options.networkId ?? 'net_01hzz0000000000000000000aa';
  const tenantId = 'ten_01hzz0000000000000000000tt';
  const chainId = 4242;
  const roles: { nodeId: string; role: BesuNodeRole }[] = [];
  const validators = options.validators ?? 4;
  for (let i = 0; i < validators + (options.spareValidators ?? 0); i++) roles.push({ nodeId: `nod_v${i}`, role: 'validator' });
  for (let i = 0; i < (options.rpcNodes ?? 0); i++) roles.push({ nodeId: `nod_r${i}`, role: 'rpc' });
  const initial = roles.filter((r) => r.role === 'rpc' || Number(r.nodeId.slice(5)) < validators);
  const planned = options.reuse?.plan ?? planBesuNetwork(box, roles, { allowUnsafeValidatorCount: true });
  const initialIds = new Set(initial.map((r) => r.nodeId));
  const genesisValidators = planned.nodes
    .filter((n) => n.role === 'validator' && initialIds.has(n.nodeId))
    .map((n) => n.address)
    .sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
  const plan: PlannedBesuNetwork = { ...planned, genesisValidators };

  const api = new FakeKubernetesApi();
  await api.start();
  const besu = await new FakeBesuNetwork(chainId, plan.nodes, genesisValidators).start();
  api.onPodChange = (pod, exists) => {
    const labels = ((pod['metadata'] as { labels?: Record<string, string> } | undefined)?.labels ?? {}) as Record<string, string>;
    const nodeId = labels[LABEL.nodeId];
    if (nodeId) besu.setOnline(nodeId, exists);
  };
  const driver = new KubernetesDriver({
    secretBox: box,
    kubeConfig: api.kubeConfig(),
    platformNamespace: 'chainloom-system',
    rpc: urlRpc((t) => besu.url(t.nodeId)),
    pollIntervalMs: 5,
    startTimeoutMs: 3_000,
    stopTimeoutMs: 3_000,
    rpcTimeoutMs: 1_000,
    ...options.driver,
  });
  // The platform's own namespace exists before the driver runs (Helm created it).
  await driver.api.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'chainloom-system' } });
  const network = (members = plan.nodes.filter((n) => initialIds.has(n.nodeId))): BesuNetworkSettings => ({
    tenantId,
    genesisValidators,
    members: members.map(({ nodeId, role, publicKey }) => ({ nodeId, role, publicKey })),
    allowUnsafeValidatorCount: options.allowUnsafeValidatorCount,
    qbft: { epochLength: 30_000, requestTimeoutSeconds: 4 },
  });
  const spec = (nodeId: string, net = network()): NodeSpec => {
    const node = plan.nodes.find((n) => n.nodeId === nodeId);
    if (!node) throw new Error(`no planned node ${nodeId}`);
    return {
      networkId,
      nodeId,
      protocol: 'besu-qbft',
      chainId,
      blockTimeSeconds: 2,
      genesisAlloc: { '0x00000000000000000000000000000000000000aa': '1000000000000000000000' },
      besu: { sealedNodeKey: node.sealedNodeKey, network: net },
    };
  };
  return {
    box,
    api,
    besu,
    driver,
    plan,
    networkId,
    tenantId,
    chainId,
    network,
    spec,
    close: async () => {
      await besu.stop();
      await api.stop();
    },
  };
}
