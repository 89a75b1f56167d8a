// Types only (erased at build): the interfaces kubernetes-models generates from the official
// Kubernetes OpenAPI schema, i.e. the objects exactly as the API server reads them.
import type { IStatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { INetworkPolicyPeer } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { ILimitRange } from 'kubernetes-models/v1/LimitRange';
import type { INamespace } from 'kubernetes-models/v1/Namespace';
import type { IResourceQuota } from 'kubernetes-models/v1/ResourceQuota';
import type { ISecret } from 'kubernetes-models/v1/Secret';
import type { IService } from 'kubernetes-models/v1/Service';
import type { BesuNetworkSettings, BesuNodeRole } from '../besu/besu-network';
import { qbftSettingsFor } from '../besu/besu-network';
import { buildQbftGenesis, genesisSha256, serializeGenesis, staticNodes } from '../besu/qbft-genesis';
import {
  ANNOTATION,
  LABEL,
  MANAGED_BY,
  NETWORK_CONFIG_MAP,
  PART_OF,
  namespaceForNetwork,
  nodeKeySecretName,
  nodeServiceHost,
  nodeWorkloadName,
  retainedKeySecretName,
} from './kubernetes-names';
import type { KubeObject } from './kubernetes-api.client';
import { DEFAULT_NETWORK_RESOURCES, multiplyQuantity, type NetworkResources } from './network-resources';

/**
 * Spec → Kubernetes objects, as pure functions: no I/O, no clock, no randomness. The driver
 * server-side-applies exactly these, the tests validate them against the Kubernetes OpenAPI
 * schemas, and two calls with the same input give deep-equal output (so a second apply is a no-op).
 */

export const P2P_PORT = 30303;
export const RPC_PORT = 8545;
export const METRICS_PORT = 9545;
/** The uid/gid the official Besu image runs as (user `besu`); numeric so runAsNonRoot can verify it. */
const BESU_UID = 1000;
const CONFIG_DIR = '/etc/besu/network';
const KEY_DIR = '/etc/besu/key';
const DATA_DIR = '/data';

/** Installation-wide settings of the driver. */
export interface ManifestContext {
  /** Where the platform runs: the only namespace allowed to reach the nodes' JSON-RPC. */
  readonly platformNamespace: string;
  /** Besu image, pinned by tag or digest: an upgrade is a decision, not a side effect of a pull. */
  readonly besuImage: string;
  readonly clusterDomain: string;
  /** Namespaces allowed to scrape node metrics (port 9545) besides the platform's. */
  readonly metricsNamespaces: readonly string[];
}

/** The network as manifests need it: the NodeSpec's fields plus its `besu` settings. */
export interface NetworkManifestInput {
  readonly networkId: string;
  readonly chainId: number;
  readonly blockTimeSeconds: number;
  readonly genesisAlloc: Readonly<Record<string, string>>;
  readonly besu: BesuNetworkSettings;
}

export interface NodeManifestInput {
  readonly nodeId: string;
  readonly role: BesuNodeRole;
  /** 0x + 64 hex: written into the node's Secret, nowhere else. */
  readonly privateKey: string;
  /** 1 to run, 0 to stop (data kept). */
  readonly replicas: 0 | 1;
}

type Labels = Record<string, string>;

function versionOf(image: string): string {
  const digest = image.indexOf('@');
  const tag = (digest >= 0 ? image.slice(0, digest) : image).split('/').pop()?.split(':')[1];
  // A label value: the tag when it is one, else "pinned" (a digest alone says no version).
  return tag && /^[A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?$/.test(tag) ? tag : 'pinned';
}

export function networkLabels(input: NetworkManifestInput): Labels {
  return {
    [LABEL.name]: 'besu',
    [LABEL.partOf]: PART_OF,
    [LABEL.managedBy]: MANAGED_BY,
    [LABEL.tenantId]: input.besu.tenantId,
    [LABEL.networkId]: input.networkId,
  };
}

/** Selects a node's pod; only labels that never change, because a StatefulSet's selector is immutable. */
export function nodeSelector(nodeId: string): Labels {
  return { [LABEL.name]: 'besu', [LABEL.instance]: nodeWorkloadName(nodeId) };
}

export function nodeLabels(ctx: ManifestContext, input: NetworkManifestInput, node: { nodeId: string; role: BesuNodeRole }): Labels {
  return {
    ...networkLabels(input),
    ...nodeSelector(node.nodeId),
    [LABEL.component]: node.role === 'validator' ? 'validator' : 'rpc-node',
    [LABEL.version]: versionOf(ctx.besuImage),
    [LABEL.nodeId]: node.nodeId,
  };
}

const besuPods = { matchLabels: { [LABEL.name]: 'besu' } };
const namespaceNamed = (name: string) => ({ matchLabels: { 'kubernetes.io/metadata.name': name } });

/** The genesis file and its hash, as the network ConfigMap carries them. */
export function genesisFile(input: NetworkManifestInput): { readonly json: string; readonly sha256: string } {
  const json = serializeGenesis(
    buildQbftGenesis({
      chainId: input.chainId,
      blockTimeSeconds: input.blockTimeSeconds,
      qbft: qbftSettingsFor(input.blockTimeSeconds, input.besu.qbft),
      validators: input.besu.genesisValidators,
      alloc: input.genesisAlloc,
      evmFork: input.besu.evmFork ?? 'shanghai',
    }),
  );
  return { json, sha256: genesisSha256(json) };
}

/**
 * The namespace and what guards it: quota and defaults from the plan, and network policies that
 * deny everything except peer-to-peer between this network's nodes (and consortium partners'),
 * JSON-RPC from the platform's namespace, and DNS.
 */
export function networkObjects(ctx: ManifestContext, input: NetworkManifestInput): KubeObject[] {
  const namespace = namespaceForNetwork(input.networkId);
  const labels = networkLabels(input);
  const resources: NetworkResources = input.besu.resources ?? DEFAULT_NETWORK_RESOURCES;
  const { node, maxNodes } = resources;
  const meta = (name: string) => ({ name, namespace, labels });
  const genesis = genesisFile(input);

  const ns: INamespace = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: namespace,
      labels: {
        ...labels,
        // Pod Security Admission: Besu pods run as the restricted profile requires, and nothing
        // else in a tenant namespace may run privileged either.
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/enforce-version': 'latest',
      },
    },
  };

  const quota: IResourceQuota = {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: meta('besu-quota'),
    spec: {
      hard: {
        pods: String(maxNodes),
        persistentvolumeclaims: String(maxNodes),
        'requests.cpu': multiplyQuantity(node.cpuRequest, maxNodes),
        'limits.cpu': multiplyQuantity(node.cpuLimit, maxNodes),
        'requests.memory': multiplyQuantity(node.memoryRequest, maxNodes),
        'limits.memory': multiplyQuantity(node.memoryLimit, maxNodes),
        'requests.storage': multiplyQuantity(node.storage, maxNodes),
        'count/statefulsets.apps': String(maxNodes),
        services: String(maxNodes),
        // Nodes are reached only through the platform; a tenant namespace never exposes a port.
        'services.loadbalancers': '0',
        'services.nodeports': '0',
        // Node keys, plus slack for what Kubernetes adds (kube-root-ca.crt is a ConfigMap in
        // every namespace).
        secrets: String(maxNodes + 2),
        configmaps: '4',
      },
    },
  };

  const limits: ILimitRange = {
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: meta('besu-limits'),
    spec: {
      limits: [
        {
          type: 'Container',
          default: { cpu: node.cpuLimit, memory: node.memoryLimit },
          defaultRequest: { cpu: node.cpuRequest, memory: node.memoryRequest },
          max: { cpu: node.cpuLimit, memory: node.memoryLimit },
        },
        { type: 'PersistentVolumeClaim', max: { storage: node.storage } },
      ],
    },
  };

  const denyAll: INetworkPolicy = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: meta('default-deny'),
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
  };

  const peers: INetworkPolicyPeer[] = [{ podSelector: besuPods }];
  const partners = [...new Set(input.besu.consortiumNamespaces ?? [])].filter((n) => n !== namespace).sort();
  if (partners.length > 0) {
    peers.push({
      namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: partners }] },
      podSelector: besuPods,
    });
  }
  const p2p: INetworkPolicy = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: meta('besu-p2p'),
    spec: {
      podSelector: besuPods,
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: peers, ports: [{ protocol: 'TCP', port: P2P_PORT }] }],
      egress: [{ to: peers, ports: [{ protocol: 'TCP', port: P2P_PORT }] }],
    },
  };

  const rpc: INetworkPolicy = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: meta('besu-rpc-from-platform'),
    spec: {
      podSelector: besuPods,
      policyTypes: ['Ingress'],
      ingress: [
        // Every outside call goes through the platform's authenticated gateway.
        { from: [{ namespaceSelector: namespaceNamed(ctx.platformNamespace) }], ports: [{ protocol: 'TCP', port: RPC_PORT }] },
        {
          from: [...new Set([ctx.platformNamespace, ...ctx.metricsNamespaces])].sort().map((name) => ({ namespaceSelector: namespaceNamed(name) })),
          ports: [{ protocol: 'TCP', port: METRICS_PORT }],
        },
      ],
    },
  };

  const dns: INetworkPolicy = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: meta('besu-dns'),
    spec: {
      podSelector: besuPods,
      policyTypes: ['Egress'],
      egress: [
        {
          // Static nodes are DNS names; resolving them is the only other traffic a node makes.
          to: [{ namespaceSelector: namespaceNamed('kube-system'), podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
          ports: [
            { protocol: 'UDP', port: 53 },
            { protocol: 'TCP', port: 53 },
          ],
        },
      ],
    },
  };

  const config: IConfigMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { ...meta(NETWORK_CONFIG_MAP), annotations: { [ANNOTATION.genesisSha256]: genesis.sha256 } },
    data: {
      'genesis.json': genesis.json,
      'static-nodes.json': `${JSON.stringify(
        staticNodes(input.besu.members, (nodeId) => nodeServiceHost(nodeId, namespace, ctx.clusterDomain), P2P_PORT),
        null,
        2,
      )}\n`,
    },
  };

  return [ns, quota, limits, denyAll, p2p, rpc, dns, config];
}

/** The Besu command line. The same for validators and RPC nodes: the validator set, not a flag, makes a validator. */
export function besuArgs(): string[] {
  return [
    `--data-path=${DATA_DIR}`,
    `--genesis-file=${CONFIG_DIR}/genesis.json`,
    `--static-nodes-file=${CONFIG_DIR}/static-nodes.json`,
    `--node-private-key-file=${KEY_DIR}/key`,
    // Peers come from static-nodes.json only: a tenant's node never searches for others.
    '--discovery-enabled=false',
    '--p2p-host=$(POD_IP)',
    `--p2p-port=${P2P_PORT}`,
    // Static nodes are Service DNS names (pod IPs change); Besu needs these to resolve and re-resolve them.
    '--Xdns-enabled=true',
    '--Xdns-update-enabled=true',
    '--nat-method=NONE',
    '--sync-mode=FULL',
    '--rpc-http-enabled=true',
    '--rpc-http-host=0.0.0.0',
    `--rpc-http-port=${RPC_PORT}`,
    // QBFT for the validator votes of day-2 operations; ADMIN and DEBUG stay off.
    '--rpc-http-api=ETH,NET,WEB3,QBFT,TXPOOL',
    // The gateway calls nodes by Service name; the NetworkPolicy, not the Host header, guards access.
    '--host-allowlist=*',
    '--revert-reason-enabled=true',
    '--min-gas-price=0',
    '--metrics-enabled=true',
    '--metrics-host=0.0.0.0',
    `--metrics-port=${METRICS_PORT}`,
    '--logging=INFO',
  ];
}

/** The node key Secret, the node's Service and its StatefulSet (one replica, one volume). */
export function nodeObjects(ctx: ManifestContext, input: NetworkManifestInput, node: NodeManifestInput): KubeObject[] {
  const namespace = namespaceForNetwork(input.networkId);
  const name = nodeWorkloadName(node.nodeId);
  const labels = nodeLabels(ctx, input, node);
  const selector = nodeSelector(node.nodeId);
  const resources = input.besu.resources ?? DEFAULT_NETWORK_RESOURCES;
  const size = resources.node;

  const secret: ISecret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: nodeKeySecretName(node.nodeId), namespace, labels },
    type: 'Opaque',
    // A node's identity never changes; immutable also keeps a wrong key from replacing it.
    immutable: true,
    data: { key: Buffer.from(node.privateKey, 'utf8').toString('base64') },
  };

  const service: IService = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace, labels },
    spec: {
      // Headless: the name resolves to the pod itself, which is what an enode needs; and
      // published before readiness, because peers must connect for a node to become ready.
      clusterIP: 'None',
      publishNotReadyAddresses: true,
      selector,
      ports: [
        { name: 'p2p', protocol: 'TCP', port: P2P_PORT, targetPort: 'p2p' },
        { name: 'rpc', protocol: 'TCP', port: RPC_PORT, targetPort: 'rpc' },
        { name: 'metrics', protocol: 'TCP', port: METRICS_PORT, targetPort: 'metrics' },
      ],
    },
  };

  const statefulSet: IStatefulSet = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, namespace, labels },
    spec: {
      replicas: node.replicas,
      serviceName: name,
      selector: { matchLabels: selector },
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate' },
      // The driver deletes volumes itself (removeNode without keepData), never Kubernetes by accident.
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      template: {
        metadata: { labels },
        spec: {
          // Besu never talks to the Kubernetes API; a token in the pod would only be a risk.
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          terminationGracePeriodSeconds: 60,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: BESU_UID,
            runAsGroup: BESU_UID,
            fsGroup: BESU_UID,
            fsGroupChangePolicy: 'OnRootMismatch',
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [
            {
              name: 'besu',
              image: ctx.besuImage,
              imagePullPolicy: 'IfNotPresent',
              args: besuArgs(),
              env: [
                { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
                // The JVM sizes its heap from the container's memory limit, not the host's.
                { name: 'BESU_OPTS', value: '-XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError' },
              ],
              ports: [
                { name: 'p2p', containerPort: P2P_PORT, protocol: 'TCP' },
                { name: 'rpc', containerPort: RPC_PORT, protocol: 'TCP' },
                { name: 'metrics', containerPort: METRICS_PORT, protocol: 'TCP' },
              ],
              resources: {
                requests: { cpu: size.cpuRequest, memory: size.memoryRequest },
                limits: { cpu: size.cpuLimit, memory: size.memoryLimit },
              },
              // Besu's own health endpoints on the JSON-RPC port. Startup allows a cold JVM and a
              // database open; liveness only asks "does the process answer"; readiness asks Besu
              // whether it is in sync. minPeers=0: the first node of a network has no peers yet, and
              // requiring them would keep every node unready until all were up.
              startupProbe: { httpGet: { path: '/liveness', port: 'rpc' }, periodSeconds: 5, failureThreshold: 60, timeoutSeconds: 3 },
              livenessProbe: { httpGet: { path: '/liveness', port: 'rpc' }, periodSeconds: 15, failureThreshold: 4, timeoutSeconds: 5 },
              readinessProbe: {
                httpGet: { path: '/readiness?minPeers=0&maxBlocksBehind=2', port: 'rpc' },
                periodSeconds: 5,
                failureThreshold: 3,
                timeoutSeconds: 3,
              },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
              volumeMounts: [
                { name: 'data', mountPath: DATA_DIR },
                { name: 'network', mountPath: CONFIG_DIR, readOnly: true },
                { name: 'key', mountPath: KEY_DIR, readOnly: true },
                { name: 'tmp', mountPath: '/tmp' },
              ],
            },
          ],
          volumes: [
            { name: 'network', configMap: { name: NETWORK_CONFIG_MAP } },
            // 0440 with fsGroup: readable by the besu group only.
            { name: 'key', secret: { secretName: nodeKeySecretName(node.nodeId), defaultMode: 0o440 } },
            // The root filesystem is read-only; the JVM still wants a scratch directory.
            { name: 'tmp', emptyDir: { sizeLimit: '256Mi' } },
          ],
        },
      },
      volumeClaimTemplates: [
        {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          metadata: { name: 'data', labels },
          spec: {
            accessModes: ['ReadWriteOnce'],
            resources: { requests: { storage: size.storage } },
            ...(resources.storageClassName ? { storageClassName: resources.storageClassName } : {}),
          },
        },
      ],
    },
  };

  return [secret, service, statefulSet];
}

/**
 * A deleted network's node key, kept sealed (the SecretBox envelope, never the plain key) in the
 * platform's namespace until `retainUntil`, so a tenant who deleted by mistake can get the same
 * validator identities back within the plan's retention period.
 */
export function retainedKeySecret(
  ctx: ManifestContext,
  ref: { networkId: string; nodeId: string; tenantId: string },
  sealedNodeKey: string,
  retainUntil: Date,
): ISecret {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: retainedKeySecretName(ref.networkId, ref.nodeId),
      namespace: ctx.platformNamespace,
      labels: {
        [LABEL.partOf]: PART_OF,
        [LABEL.managedBy]: MANAGED_BY,
        [LABEL.retainedKey]: 'true',
        [LABEL.tenantId]: ref.tenantId,
        [LABEL.networkId]: ref.networkId,
        [LABEL.nodeId]: ref.nodeId,
      },
      annotations: { [ANNOTATION.retainUntil]: retainUntil.toISOString() },
    },
    type: 'Opaque',
    data: { sealedNodeKey: Buffer.from(sealedNodeKey, 'utf8').toString('base64') },
  };
}
