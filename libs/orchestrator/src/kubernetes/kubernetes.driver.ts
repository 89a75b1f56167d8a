import type { SecretBox } from '@chainloom/chain';
import { KubeConfig } from '@kubernetes/client-node';
import type { IStatefulSet as V1StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import type { IConfigMap as V1ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { INamespace as V1Namespace } from 'kubernetes-models/v1/Namespace';
import type { IPersistentVolumeClaim as V1PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import type { IPod as V1Pod } from 'kubernetes-models/v1/Pod';
import type { ISecret as V1Secret } from 'kubernetes-models/v1/Secret';
import { nodeKeyContext, openBesuNodeKey } from '../besu/besu-node-key';
import { memberAddress, type BesuMember } from '../besu/besu-network';
import { checkQbftValidatorCount } from '../besu/qbft-quorum';
import type { ChainDriver, ChainProtocol, NodeHealth, NodeRef, NodeRuntime, NodeSpec, NodeStartKind, RemoveNodeOptions, RunningNode } from '../chain-driver';
import { KeyedMutex } from '../keyed-mutex';
import { OrchestratorException } from '../orchestrator.exception';
import { PROTOCOL_CAPABILITIES } from '../protocol-capabilities';
import { KubernetesApiClient, type KubeObject } from './kubernetes-api.client';
import { KubernetesDriverException } from './kubernetes-driver.exception';
import {
  ANNOTATION,
  LABEL,
  MANAGED_BY,
  NETWORK_CONFIG_MAP,
  SCALE_FIELD_MANAGER,
  isLabelValue,
  namespaceForNetwork,
  nodeDataClaimName,
  nodeKeySecretName,
  nodePodName,
  nodeWorkloadName,
} from './kubernetes-names';
import { genesisFile, networkObjects, nodeObjects, retainedKeySecret, type ManifestContext, type NetworkManifestInput } from './manifests';
import { validateNetworkResources } from './network-resources';
import { clusterDnsRpc, type NodeRpc, type RpcTarget } from './node-rpc.client';

/**
 * The Besu image nodes run. Pinned: a new Besu version is an upgrade to roll out deliberately
 * (one node at a time, see QbftOperations.rollingRestart), not something a pod restart pulls in.
 */
export const DEFAULT_BESU_IMAGE = 'hyperledger/besu:24.12.2';

export interface KubernetesDriverOptions {
  /**
   * Opens the sealed node keys that NodeSpecs carry (the platform's MASTER_KEY box). A function
   * when the box exists only after start-up (SignerVaultService builds it in onModuleInit).
   */
  readonly secretBox: SecretBox | (() => SecretBox);
  /** Default: `KubeConfig.loadFromDefault()` — in-cluster service account, or KUBECONFIG / ~/.kube/config. */
  readonly kubeConfig?: KubeConfig;
  /** The platform's own namespace: JSON-RPC is admitted only from there; retained keys live there. */
  readonly platformNamespace?: string;
  readonly besuImage?: string;
  readonly clusterDomain?: string;
  /** Namespaces (besides the platform's) allowed to scrape node metrics, e.g. `monitoring`. */
  readonly metricsNamespaces?: readonly string[];
  /** How to reach nodes' JSON-RPC; default the in-cluster Service DNS names. */
  readonly rpc?: NodeRpc;
  /** From apply until the pod is ready and answers JSON-RPC (default 5 min: image pull, JVM start). */
  readonly startTimeoutMs?: number;
  /** Until a stopped or removed node's pod is gone, and a deleted namespace (default 2 min). */
  readonly stopTimeoutMs?: number;
  readonly pollIntervalMs?: number;
  readonly rpcTimeoutMs?: number;
  /** Where warnings go (a network below 4 validators); the driver has no logger of its own. */
  readonly onWarning?: (message: string, context: { readonly networkId: string }) => void;
}

/** One node of a network as `networkStatus` sees it. */
export interface NetworkNodeStatus {
  readonly nodeId: string;
  readonly role: string;
  readonly podReady: boolean;
  readonly health: NodeHealth;
  readonly peers?: number;
  /** Whether this node's head moved during the sample window. */
  readonly advancing: boolean;
}

export interface NetworkStatus {
  readonly networkId: string;
  readonly namespace: string;
  /** `absent`: no namespace. `stalled`: nodes up but no new block in the window. */
  readonly state: 'absent' | 'running' | 'degraded' | 'stalled' | 'down';
  readonly headBlock?: number;
  readonly nodes: readonly NetworkNodeStatus[];
  readonly checkedAt: Date;
}

export interface DeleteNetworkOptions {
  /** Keep each node's key (sealed) in the platform namespace until then; none kept when absent. */
  readonly retainKeysUntil?: Date;
}

export interface DeleteNetworkResult {
  readonly namespaceDeleted: boolean;
  readonly retainedKeys: readonly { readonly nodeId: string; readonly secret: string }[];
}

const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,61}[A-Za-z0-9]$|^[A-Za-z0-9]$/;

/**
 * Runs `besu-qbft` networks on Kubernetes: per network a namespace holding quota, limits,
 * network policies, the genesis/static-nodes ConfigMap, and per node a key Secret, a headless
 * Service and a one-replica StatefulSet with its volume. Every write is a server-side apply by
 * the `chainloom` field manager with force, so each call converges and a repeated call changes
 * nothing. See docs/kubernetes.md.
 */
export class KubernetesDriver implements ChainDriver {
  readonly name = 'kubernetes' as const;
  readonly api: KubernetesApiClient;
  readonly ctx: ManifestContext;
  readonly rpc: NodeRpc;
  private readonly secretBox: SecretBox | (() => SecretBox);
  private readonly startTimeoutMs: number;
  private readonly stopTimeoutMs: number;
  private readonly pollIntervalMs: number;
  private readonly rpcTimeoutMs: number;
  private readonly onWarning: NonNullable<KubernetesDriverOptions['onWarning']>;
  private readonly locks = new KeyedMutex();
  private readonly warned = new Set<string>();

  constructor(options: KubernetesDriverOptions) {
    const kubeConfig = options.kubeConfig ?? defaultKubeConfig();
    this.api = new KubernetesApiClient(kubeConfig);
    const clusterDomain = options.clusterDomain ?? 'cluster.local';
    this.ctx = {
      platformNamespace: options.platformNamespace ?? 'chainloom',
      besuImage: options.besuImage ?? DEFAULT_BESU_IMAGE,
      clusterDomain,
      metricsNamespaces: options.metricsNamespaces ?? [],
    };
    this.rpc = options.rpc ?? clusterDnsRpc(clusterDomain);
    this.secretBox = options.secretBox;
    this.startTimeoutMs = options.startTimeoutMs ?? 300_000;
    this.stopTimeoutMs = options.stopTimeoutMs ?? 120_000;
    this.pollIntervalMs = options.pollIntervalMs ?? 2_000;
    this.rpcTimeoutMs = options.rpcTimeoutMs ?? 3_000;
    this.onWarning = options.onWarning ?? (() => undefined);
  }

  private get box(): SecretBox {
    return typeof this.secretBox === 'function' ? this.secretBox() : this.secretBox;
  }

  supports(protocol: ChainProtocol): boolean {
    return PROTOCOL_CAPABILITIES[protocol].drivers.includes('kubernetes');
  }

  // ---- ChainDriver ---------------------------------------------------------------------------

  async ensureNode(spec: NodeSpec): Promise<NodeRuntime> {
    const input = this.validateSpec(spec);
    return this.locks.run(spec.nodeId, () => this.ensureLocked(spec, input));
  }

  /** Scales the node's StatefulSet to 0 and waits for its pod to go; the volume and key stay. */
  async stopNode(ref: NodeRef): Promise<void> {
    validateRef(ref);
    return this.locks.run(ref.nodeId, async () => {
      const namespace = namespaceForNetwork(ref.networkId);
      const patched = await this.api.mergePatch<V1StatefulSet>(
        { apiVersion: 'apps/v1', kind: 'StatefulSet', namespace, name: nodeWorkloadName(ref.nodeId) },
        { spec: { replicas: 0 } },
        SCALE_FIELD_MANAGER,
      );
      if (patched) await this.waitForPodGone(ref, Date.now() + this.stopTimeoutMs);
    });
  }

  /**
   * Deletes the node's StatefulSet and Service and waits for the pod to go; without `keepData`
   * also its volume and key, and the whole namespace once no node is left in it.
   */
  async removeNode(ref: NodeRef, options: RemoveNodeOptions): Promise<void> {
    validateRef(ref);
    return this.locks.run(ref.nodeId, async () => {
      const namespace = namespaceForNetwork(ref.networkId);
      const name = nodeWorkloadName(ref.nodeId);
      await this.api.delete({ apiVersion: 'apps/v1', kind: 'StatefulSet', namespace, name });
      await this.api.delete({ apiVersion: 'v1', kind: 'Service', namespace, name });
      await this.waitForPodGone(ref, Date.now() + this.stopTimeoutMs);
      if (options.keepData) return;
      await this.api.delete({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace, name: nodeDataClaimName(ref.nodeId) });
      await this.api.delete({ apiVersion: 'v1', kind: 'Secret', namespace, name: nodeKeySecretName(ref.nodeId) });
      // The namespace goes with the last node, unless another node's data was kept (removed with
      // keepData to come back later): deleting the namespace would delete that volume too.
      const selector = `${LABEL.managedBy}=${MANAGED_BY}`;
      const sets = await this.api.list<V1StatefulSet>('apps/v1', 'StatefulSet', namespace, selector);
      const claims = (await this.api.list<V1PersistentVolumeClaim>('v1', 'PersistentVolumeClaim', namespace, selector)).filter((c) => !c.metadata?.deletionTimestamp);
      if (sets.length === 0 && claims.length === 0) await this.deleteNamespace(namespace);
    });
  }

  async nodeStatus(ref: NodeRef): Promise<NodeHealth> {
    validateRef(ref);
    const checkedAt = new Date();
    const base = { networkId: ref.networkId, nodeId: ref.nodeId, checkedAt };
    const namespace = namespaceForNetwork(ref.networkId);
    try {
      const sts = await this.api.read<V1StatefulSet>({ apiVersion: 'apps/v1', kind: 'StatefulSet', namespace, name: nodeWorkloadName(ref.nodeId) });
      if (!sts || sts.metadata?.labels?.[LABEL.nodeId] !== ref.nodeId) return { ...base, state: 'absent' };
      if ((sts.spec?.replicas ?? 0) === 0) return { ...base, state: 'down', reason: 'stopped' };
      const pod = await this.api.read<V1Pod>({ apiVersion: 'v1', kind: 'Pod', namespace, name: nodePodName(ref.nodeId) });
      const readiness = podReadiness(pod);
      if (!readiness.ready) {
        return { ...base, state: 'down', reason: readiness.crashed ? 'process_exited' : 'rpc_unreachable', detail: readiness.detail };
      }
      const rpcUrl = this.rpc.url(ref);
      const expected = await this.expectedChainId(namespace);
      try {
        const chainId = Number(await this.rpc.call<string>(ref, 'eth_chainId', [], this.rpcTimeoutMs));
        if (expected !== null && chainId !== expected) {
          return { ...base, state: 'down', reason: 'chain_id_mismatch', rpcUrl, chainId, detail: `answers chain id ${chainId}, expected ${expected}` };
        }
        const blockNumber = Number(await this.rpc.call<string>(ref, 'eth_blockNumber', [], this.rpcTimeoutMs));
        return { ...base, state: 'up', rpcUrl, chainId, blockNumber };
      } catch (error) {
        return { ...base, state: 'down', reason: 'rpc_unreachable', rpcUrl, detail: messageOf(error) };
      }
    } catch (error) {
      // The cluster itself did not answer: the node's state is unknown, which the health poller
      // must see as "down", not as a crash of the poll.
      return { ...base, state: 'down', reason: 'rpc_unreachable', detail: messageOf(error) };
    }
  }

  async listRunning(): Promise<RunningNode[]> {
    const selector = `${LABEL.managedBy}=${MANAGED_BY},${LABEL.name}=besu`;
    const sets = await this.api.list<V1StatefulSet>('apps/v1', 'StatefulSet', undefined, selector);
    const pods = await this.api.list<V1Pod>('v1', 'Pod', undefined, selector);
    const podByInstance = new Map(pods.map((p) => [`${p.metadata?.namespace}/${p.metadata?.labels?.[LABEL.instance]}`, p]));
    const running: RunningNode[] = [];
    for (const sts of sets) {
      const labels = sts.metadata?.labels ?? {};
      const networkId = labels[LABEL.networkId];
      const nodeId = labels[LABEL.nodeId];
      if (!networkId || !nodeId || (sts.spec?.replicas ?? 0) < 1) continue;
      const pod = podByInstance.get(`${sts.metadata?.namespace}/${sts.metadata?.name}`);
      if (!pod || !podReadiness(pod).ready) continue;
      const ref = { networkId, nodeId };
      running.push({ ...ref, rpcUrl: this.rpc.url(ref), handle: `pod/${pod.metadata?.namespace}/${pod.metadata?.name}`, startedAt: startTimeOf(pod) });
    }
    return running.sort((a, b) => a.nodeId.localeCompare(b.nodeId));
  }

  // ---- network-level helpers -----------------------------------------------------------------

  /**
   * Status of a whole network from the pods and each node's JSON-RPC: peers (`net_peerCount`)
   * and whether the head advances over `sampleMs` (default: two block periods, from the genesis).
   */
  async networkStatus(networkId: string, options: { readonly sampleMs?: number } = {}): Promise<NetworkStatus> {
    const namespace = namespaceForNetwork(networkId);
    const checkedAt = new Date();
    const ns = await this.api.read<V1Namespace>({ apiVersion: 'v1', kind: 'Namespace', name: namespace });
    if (!ns) return { networkId, namespace, state: 'absent', nodes: [], checkedAt };
    const sets = await this.api.list<V1StatefulSet>('apps/v1', 'StatefulSet', namespace, `${LABEL.managedBy}=${MANAGED_BY}`);
    const refs = sets
      .map((s) => ({ nodeId: s.metadata?.labels?.[LABEL.nodeId] ?? '', role: s.metadata?.labels?.[LABEL.component] ?? 'validator' }))
      .filter((r) => r.nodeId !== '')
      .sort((a, b) => a.nodeId.localeCompare(b.nodeId));
    const pods = await this.api.list<V1Pod>('v1', 'Pod', namespace, `${LABEL.managedBy}=${MANAGED_BY}`);
    const podReady = new Map(pods.map((p) => [p.metadata?.labels?.[LABEL.nodeId] ?? '', podReadiness(p).ready]));
    const first = await Promise.all(refs.map((r) => this.nodeStatus({ networkId, nodeId: r.nodeId })));
    const window = options.sampleMs ?? (await this.blockPeriodMs(namespace)) * 2;
    if (first.some((h) => h.state === 'up')) await sleep(window);
    const nodes: NetworkNodeStatus[] = [];
    for (const [i, ref] of refs.entries()) {
      const target = { networkId, nodeId: ref.nodeId };
      const earlier = first[i];
      const health = earlier.state === 'up' ? await this.nodeStatus(target) : earlier;
      const peers = health.state === 'up' ? await this.rpc.call<string>(target, 'net_peerCount', [], this.rpcTimeoutMs).then(Number, () => undefined) : undefined;
      const advancing = health.state === 'up' && earlier.blockNumber !== undefined && health.blockNumber !== undefined && health.blockNumber > earlier.blockNumber;
      nodes.push({ nodeId: ref.nodeId, role: ref.role, podReady: podReady.get(ref.nodeId) ?? false, health, peers, advancing });
    }
    const up = nodes.filter((n) => n.health.state === 'up');
    const heads = up.map((n) => n.health.blockNumber ?? 0);
    const state: NetworkStatus['state'] =
      up.length === 0 ? 'down' : !nodes.some((n) => n.advancing) ? 'stalled' : up.length < nodes.length ? 'degraded' : 'running';
    return { networkId, namespace, state, headBlock: heads.length ? Math.max(...heads) : undefined, nodes, checkedAt };
  }

  /**
   * Deletes the network's namespace and everything in it, after keeping each node's key, sealed,
   * in the platform namespace until `retainKeysUntil` (the plan's retention period), so the same
   * validator identities can come back. Waits until the namespace is gone.
   */
  async deleteNetwork(networkId: string, options: DeleteNetworkOptions = {}): Promise<DeleteNetworkResult> {
    validateId('networkId', networkId);
    const namespace = namespaceForNetwork(networkId);
    const retainedKeys: { nodeId: string; secret: string }[] = [];
    if (options.retainKeysUntil) {
      const secrets = await this.api.list<V1Secret>('v1', 'Secret', namespace, `${LABEL.managedBy}=${MANAGED_BY}`);
      for (const secret of secrets) {
        const labels = secret.metadata?.labels ?? {};
        const nodeId = labels[LABEL.nodeId];
        const key = secret.data?.['key'];
        if (!nodeId || !key) continue;
        // Sealed under the same context as in the database, so either copy opens the same way.
        const plain = Buffer.from(key, 'base64');
        const sealed = this.box.encrypt(plain, nodeKeyContext(nodeId));
        plain.fill(0);
        const copy = retainedKeySecret(this.ctx, { networkId, nodeId, tenantId: labels[LABEL.tenantId] ?? 'unknown' }, sealed, options.retainKeysUntil);
        await this.api.apply(copy);
        retainedKeys.push({ nodeId, secret: copy.metadata?.name ?? '' });
      }
    }
    const namespaceDeleted = await this.deleteNamespace(namespace);
    return { namespaceDeleted, retainedKeys };
  }

  /** The sealed key kept for a deleted network's node, if its retention has not run out. */
  async retainedNodeKey(networkId: string, nodeId: string, now = new Date()): Promise<string | null> {
    const selector = `${LABEL.retainedKey}=true,${LABEL.networkId}=${networkId},${LABEL.nodeId}=${nodeId}`;
    const [secret] = await this.api.list<V1Secret>('v1', 'Secret', this.ctx.platformNamespace, selector);
    const until = secret?.metadata?.annotations?.[ANNOTATION.retainUntil];
    if (!secret?.data?.['sealedNodeKey'] || !until || Date.parse(until) <= now.getTime()) return null;
    return Buffer.from(secret.data['sealedNodeKey'], 'base64').toString('utf8');
  }

  /** Deletes retained keys whose retention has run out; run it periodically. Returns how many. */
  async purgeRetainedKeys(now = new Date()): Promise<number> {
    const secrets = await this.api.list<V1Secret>('v1', 'Secret', this.ctx.platformNamespace, `${LABEL.retainedKey}=true`);
    let purged = 0;
    for (const secret of secrets) {
      const until = Date.parse(secret.metadata?.annotations?.[ANNOTATION.retainUntil] ?? '');
      // An unreadable date is kept: deleting a key is the irreversible direction.
      if (Number.isFinite(until) && until <= now.getTime() && secret.metadata?.name) {
        if (await this.api.delete({ apiVersion: 'v1', kind: 'Secret', namespace: this.ctx.platformNamespace, name: secret.metadata.name })) purged++;
      }
    }
    return purged;
  }

  /**
   * Restarts one node: deletes its pod (that incarnation only, by uid) so the StatefulSet starts a
   * new one on the same volume and key, then waits until the new pod is ready and answers. The
   * caller (QbftOperations.rollingRestart) decides whether the chain can afford it.
   */
  async restartNode(ref: NodeRef): Promise<NodeRuntime> {
    validateRef(ref);
    return this.locks.run(ref.nodeId, async () => {
      const namespace = namespaceForNetwork(ref.networkId);
      const podRef = { apiVersion: 'v1', kind: 'Pod', namespace, name: nodePodName(ref.nodeId) };
      const before = await this.api.read<V1Pod>(podRef);
      const oldUid = before?.metadata?.uid;
      if (oldUid) await this.api.delete(podRef, { uid: oldUid });
      const deadline = Date.now() + this.startTimeoutMs;
      const pod = await this.waitForReadyPod(ref, deadline, oldUid);
      await this.waitForRpc(ref, await this.expectedChainId(namespace), deadline);
      return { ...ref, rpcUrl: this.rpc.url(ref), handle: `pod/${namespace}/${pod.metadata?.name}`, startedAt: startTimeOf(pod), startedFrom: 'restored' };
    });
  }

  /** One JSON-RPC call to a node (QbftOperations votes and waits through this). */
  rpcCall<T>(target: RpcTarget, method: string, params: readonly unknown[] = []): Promise<T> {
    return this.rpc.call<T>(target, method, params, this.rpcTimeoutMs);
  }

  get pollInterval(): number {
    return this.pollIntervalMs;
  }

  // ---- internals -----------------------------------------------------------------------------

  private validateSpec(spec: NodeSpec): NetworkManifestInput {
    if (!this.supports(spec.protocol)) {
      throw new OrchestratorException('protocol_unsupported', `The kubernetes driver runs besu-qbft networks, not "${spec.protocol}".`);
    }
    validateRef(spec);
    const besu = spec.besu;
    if (!besu) throw new OrchestratorException('invalid_spec', `Node ${spec.nodeId}: a besu-qbft NodeSpec needs its besu settings (node key and network).`);
    const network = besu.network;
    validateId('tenantId', network.tenantId);
    if (!Number.isInteger(spec.chainId) || spec.chainId < 1) throw new OrchestratorException('invalid_spec', `chainId ${spec.chainId} is not a positive integer.`);
    const caps = PROTOCOL_CAPABILITIES['besu-qbft'];
    if (!Number.isInteger(spec.blockTimeSeconds) || spec.blockTimeSeconds < caps.minBlockTimeSeconds || spec.blockTimeSeconds > caps.maxBlockTimeSeconds) {
      throw new OrchestratorException('invalid_spec', `QBFT needs ${caps.minBlockTimeSeconds}–${caps.maxBlockTimeSeconds} whole seconds between blocks, not ${spec.blockTimeSeconds}.`);
    }
    const ids = network.members.map((m) => m.nodeId);
    ids.forEach((id) => validateId('member nodeId', id));
    if (new Set(ids).size !== ids.length) throw new OrchestratorException('invalid_spec', 'A node appears twice among the network members.');
    if (!ids.includes(spec.nodeId)) throw new OrchestratorException('invalid_spec', `Node ${spec.nodeId} is not among its network's members.`);
    for (const member of network.members) {
      try {
        memberAddress(member);
      } catch {
        throw new OrchestratorException('invalid_spec', `Member ${member.nodeId} has no valid public key.`);
      }
    }
    const count = checkQbftValidatorCount(network.genesisValidators.length, network);
    if (!count.allowed) throw new OrchestratorException('invalid_spec', count.reason);
    if (count.warnings.length && !this.warned.has(spec.networkId)) {
      this.warned.add(spec.networkId);
      for (const warning of count.warnings) this.onWarning(warning, { networkId: spec.networkId });
    }
    for (const namespace of network.consortiumNamespaces ?? []) {
      if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(namespace)) throw new OrchestratorException('invalid_spec', `"${namespace}" is not a namespace name.`);
    }
    if (network.resources) {
      try {
        validateNetworkResources(network.resources);
      } catch (error) {
        throw new OrchestratorException('invalid_spec', messageOf(error));
      }
    }
    if (network.members.length > (network.resources?.maxNodes ?? Number.POSITIVE_INFINITY)) {
      throw new OrchestratorException('invalid_spec', `The network has ${network.members.length} nodes; its plan allows ${network.resources?.maxNodes}.`);
    }
    const input: NetworkManifestInput = { networkId: spec.networkId, chainId: spec.chainId, blockTimeSeconds: spec.blockTimeSeconds, genesisAlloc: spec.genesisAlloc, besu: network };
    try {
      genesisFile(input);
    } catch (error) {
      // Malformed validator addresses, allocations or QBFT settings: say so before touching the cluster.
      throw new OrchestratorException('invalid_spec', `Network ${spec.networkId}: its genesis cannot be built (${messageOf(error)}).`);
    }
    return input;
  }

  private async ensureLocked(spec: NodeSpec, input: NetworkManifestInput): Promise<NodeRuntime> {
    const besu = spec.besu as NonNullable<NodeSpec['besu']>;
    const member = input.besu.members.find((m) => m.nodeId === spec.nodeId) as BesuMember;
    let key;
    try {
      key = openBesuNodeKey(this.box, spec.nodeId, besu.sealedNodeKey);
    } catch (error) {
      throw new OrchestratorException('invalid_spec', `Node ${spec.nodeId}: its sealed key does not open (${messageOf(error)}).`);
    }
    if (key.publicKey !== member.publicKey.replace(/^0x/, '').replace(/^04(?=[0-9a-fA-F]{128}$)/, '').toLowerCase()) {
      throw new OrchestratorException('spec_conflict', `Node ${spec.nodeId}: its key does not match the public key its network lists for it.`);
    }

    const namespace = namespaceForNetwork(spec.networkId);
    const ns = await this.api.read<V1Namespace>({ apiVersion: 'v1', kind: 'Namespace', name: namespace });
    if (ns?.status?.phase === 'Terminating') {
      throw new KubernetesDriverException('namespace_terminating', `Namespace ${namespace} is still being deleted; the network can be created again once it is gone.`);
    }
    if (ns && ns.metadata?.labels?.[LABEL.networkId] !== spec.networkId) {
      throw new OrchestratorException('spec_conflict', `Namespace ${namespace} exists and does not belong to network ${spec.networkId}.`);
    }
    const genesis = genesisFile(input);
    const config = ns ? await this.api.read<V1ConfigMap>({ apiVersion: 'v1', kind: 'ConfigMap', namespace, name: NETWORK_CONFIG_MAP }) : null;
    const recorded = config?.metadata?.annotations?.[ANNOTATION.genesisSha256];
    if (recorded && recorded !== genesis.sha256) {
      throw new KubernetesDriverException(
        'genesis_conflict',
        `Network ${spec.networkId} was created with another genesis (sha256 ${recorded.slice(0, 12)}…, now ${genesis.sha256.slice(0, 12)}…). ` +
          'Genesis is history: chain id, block time, validators at genesis and allocations cannot change.',
      );
    }

    const stsRef = { apiVersion: 'apps/v1', kind: 'StatefulSet', namespace, name: nodeWorkloadName(spec.nodeId) };
    const before = ns ? await this.api.read<V1StatefulSet>(stsRef) : null;
    const claim = ns
      ? await this.api.read<V1PersistentVolumeClaim>({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace, name: nodeDataClaimName(spec.nodeId) })
      : null;
    const podBefore = before ? await this.api.read<V1Pod>({ apiVersion: 'v1', kind: 'Pod', namespace, name: nodePodName(spec.nodeId) }) : null;

    let after: V1StatefulSet;
    try {
      for (const object of networkObjects(this.ctx, input)) await this.api.apply(object);
      const objects: KubeObject[] = nodeObjects(this.ctx, input, { nodeId: spec.nodeId, role: member.role, privateKey: key.privateKey, replicas: 1 });
      let applied: KubeObject | undefined;
      for (const object of objects) applied = await this.api.apply(object);
      after = applied as V1StatefulSet;
    } catch (error) {
      // A namespace this call created, refused half-way for a reason a retry cannot fix (RBAC,
      // quota, an invalid object): remove it, so no half-made network is left behind.
      if (!ns && error instanceof KubernetesDriverException && !error.retryable) await this.deleteNamespace(namespace).catch(() => false);
      throw error;
    }

    const unchanged = before?.metadata?.resourceVersion !== undefined && before.metadata.resourceVersion === after.metadata?.resourceVersion;
    const startedFrom: NodeStartKind =
      unchanged && (before?.spec?.replicas ?? 0) > 0 && podReadiness(podBefore).ready ? 'adopted' : claim ? 'restored' : 'genesis';
    const deadline = Date.now() + this.startTimeoutMs;
    const pod = await this.waitForReadyPod(spec, deadline);
    await this.waitForRpc(spec, spec.chainId, deadline);
    return {
      networkId: spec.networkId,
      nodeId: spec.nodeId,
      rpcUrl: this.rpc.url(spec),
      handle: `pod/${namespace}/${pod.metadata?.name}`,
      startedAt: startTimeOf(pod),
      startedFrom,
    };
  }

  /** Waits for the node's pod to be Ready (another incarnation than `notUid`, for restarts). */
  private async waitForReadyPod(ref: NodeRef, deadline: number, notUid?: string): Promise<V1Pod> {
    const namespace = namespaceForNetwork(ref.networkId);
    const name = nodePodName(ref.nodeId);
    let last = 'no pod yet';
    for (;;) {
      const pod = await this.api.read<V1Pod>({ apiVersion: 'v1', kind: 'Pod', namespace, name });
      if (pod && pod.metadata?.uid !== notUid) {
        const readiness = podReadiness(pod);
        if (readiness.ready) return pod;
        last = readiness.detail;
        if (readiness.crashed) {
          throw new KubernetesDriverException('pod_failed', `Node ${ref.nodeId}: pod ${namespace}/${name} failed: ${readiness.detail}.`, await this.api.podLogTail(namespace, name));
        }
      }
      if (Date.now() > deadline) {
        throw new KubernetesDriverException('pod_start_timeout', `Node ${ref.nodeId}: pod ${namespace}/${name} not ready in time (${last}).`, await this.api.podLogTail(namespace, name));
      }
      await sleep(this.pollIntervalMs);
    }
  }

  private async waitForRpc(ref: NodeRef, chainId: number | null, deadline: number): Promise<void> {
    let last = '';
    for (;;) {
      try {
        const answered = Number(await this.rpc.call<string>(ref, 'eth_chainId', [], this.rpcTimeoutMs));
        if (chainId === null || answered === chainId) return;
        throw new OrchestratorException('spec_conflict', `Node ${ref.nodeId} answers chain id ${answered}, expected ${chainId}.`);
      } catch (error) {
        if (error instanceof OrchestratorException) throw error;
        last = messageOf(error);
      }
      if (Date.now() > deadline) throw new KubernetesDriverException('pod_start_timeout', `Node ${ref.nodeId}: JSON-RPC did not answer in time (${last}).`);
      await sleep(this.pollIntervalMs);
    }
  }

  private async waitForPodGone(ref: NodeRef, deadline: number): Promise<void> {
    const podRef = { apiVersion: 'v1', kind: 'Pod', namespace: namespaceForNetwork(ref.networkId), name: nodePodName(ref.nodeId) };
    while (await this.api.read<V1Pod>(podRef)) {
      if (Date.now() > deadline) throw new KubernetesDriverException('pod_start_timeout', `Node ${ref.nodeId}: its pod did not stop in time.`);
      await sleep(this.pollIntervalMs);
    }
  }

  /** Deletes a namespace and waits until Kubernetes has finished (finalizers run); false if absent. */
  private async deleteNamespace(namespace: string): Promise<boolean> {
    const existed = await this.api.delete({ apiVersion: 'v1', kind: 'Namespace', name: namespace });
    const deadline = Date.now() + this.stopTimeoutMs;
    while (await this.api.read<V1Namespace>({ apiVersion: 'v1', kind: 'Namespace', name: namespace })) {
      if (Date.now() > deadline) {
        throw new KubernetesDriverException('namespace_terminating', `Namespace ${namespace} is still terminating after ${this.stopTimeoutMs / 1000} s (a finalizer may be stuck).`);
      }
      await sleep(this.pollIntervalMs);
    }
    return existed;
  }

  private async networkConfig(namespace: string): Promise<{ chainId: number; blockPeriodSeconds: number } | null> {
    const config = await this.api.read<V1ConfigMap>({ apiVersion: 'v1', kind: 'ConfigMap', namespace, name: NETWORK_CONFIG_MAP });
    const json = config?.data?.['genesis.json'];
    if (!json) return null;
    try {
      const genesis = JSON.parse(json) as { config?: { chainId?: number; qbft?: { blockperiodseconds?: number } } };
      return { chainId: Number(genesis.config?.chainId), blockPeriodSeconds: Number(genesis.config?.qbft?.blockperiodseconds ?? 1) };
    } catch {
      return null;
    }
  }

  private async expectedChainId(namespace: string): Promise<number | null> {
    return (await this.networkConfig(namespace))?.chainId ?? null;
  }

  private async blockPeriodMs(namespace: string): Promise<number> {
    return ((await this.networkConfig(namespace))?.blockPeriodSeconds ?? 1) * 1000;
  }
}

/** What a pod's status says about the node in it. */
export function podReadiness(pod: V1Pod | null | undefined): { ready: boolean; crashed: boolean; detail: string } {
  if (!pod) return { ready: false, crashed: false, detail: 'no pod' };
  if (pod.metadata?.deletionTimestamp) return { ready: false, crashed: false, detail: 'pod terminating' };
  const status = pod.status;
  const container = status?.containerStatuses?.find((c) => c.name === 'besu');
  const waiting = container?.state?.waiting?.reason;
  if (waiting && /CrashLoopBackOff|ErrImagePull|ImagePullBackOff|CreateContainerConfigError|InvalidImageName/.test(waiting)) {
    return { ready: false, crashed: true, detail: `${waiting}${container?.state?.waiting?.message ? `: ${container.state.waiting.message}` : ''}` };
  }
  if (status?.phase === 'Failed') return { ready: false, crashed: true, detail: `pod failed${status.reason ? `: ${status.reason}` : ''}` };
  const ready = status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
  if (ready) return { ready: true, crashed: false, detail: 'ready' };
  const scheduled = status?.conditions?.find((c) => c.type === 'PodScheduled');
  if (scheduled?.status === 'False') return { ready: false, crashed: false, detail: `not scheduled: ${scheduled.message ?? scheduled.reason ?? ''}` };
  return { ready: false, crashed: false, detail: `${status?.phase ?? 'Pending'}${waiting ? ` (${waiting})` : ''}, not ready` };
}

function defaultKubeConfig(): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromDefault();
  return kubeConfig;
}

function validateRef(ref: NodeRef): void {
  validateId('networkId', ref.networkId);
  validateId('nodeId', ref.nodeId);
}

/** Ids land in label values, so they must be valid ones. */
function validateId(field: string, value: string): void {
  if (!ID.test(value) || !isLabelValue(value)) {
    throw new OrchestratorException('invalid_spec', `${field} "${value}" must be 1–63 letters, digits, "_", "-" or ".", starting and ending with a letter or digit.`);
  }
}

function startTimeOf(pod: V1Pod): Date {
  const start = pod.status?.startTime;
  return start ? new Date(start) : new Date();
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0] : String(error);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
