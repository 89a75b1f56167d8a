// The kubernetes driver's throughput and API cost against the FAKE Kubernetes API (in process, no
// cluster), and the resources a besu-qbft network requests at each plan, from the manifests the
// driver generates. Prints tables and one JSON line; asserts nothing. See bench/kubernetes/README.md.
import { SecretBox, parseMasterKey } from '@chainloom/chain';
import {
  DEFAULT_BESU_IMAGE,
  KubernetesDriver,
  PLAN_NETWORK_RESOURCES,
  networkObjects,
  nodeObjects,
  parseQuantity,
  planBesuNetwork,
  urlRpc,
  type ApiCallCounts,
  type BesuNetworkSettings,
  type NetworkResources,
  type NodeSpec,
  type PlannedBesuNetwork,
} from '@chainloom/orchestrator';
import { FakeBesuNetwork, FakeKubernetesApi, connectFakeCluster } from '@chainloom/orchestrator/testing';
import { randomBytes } from 'node:crypto';
import { median, round, table } from '../lib/stats';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const ROUNDS = quick ? 3 : 5;
const NETWORKS_PER_ROUND = quick ? 8 : 20;
const VALIDATORS = 4;
const CONCURRENCY = 8;
const CHAIN_ID = 4242;

type Json = Record<string, unknown>;

interface Fixture {
  readonly api: FakeKubernetesApi;
  readonly besu: FakeBesuNetwork;
  readonly driver: KubernetesDriver;
  readonly box: SecretBox;
}

async function fixture(): Promise<Fixture> {
  const box = new SecretBox([parseMasterKey(randomBytes(32).toString('base64'))]);
  const api = new FakeKubernetesApi();
  // The fake's own simulated delays (namespace finalizers, pod restarts) would dominate: off.
  api.namespaceDeletionDelayMs = 0;
  api.podRestartDelayMs = 0;
  await api.start();
  // All benchmark networks share one chain id, so one fake JSON-RPC network answers for all.
  const besu = await new FakeBesuNetwork(CHAIN_ID).start();
  connectFakeCluster(api, besu);
  const driver = new KubernetesDriver({
    secretBox: box,
    kubeConfig: api.kubeConfig(),
    platformNamespace: 'chainloom',
    rpc: urlRpc((t) => besu.url(t.nodeId)),
    pollIntervalMs: 1,
    startTimeoutMs: 10_000,
    stopTimeoutMs: 10_000,
  });
  return { api, besu, driver, box };
}

function network(f: Fixture, networkId: string): { plan: PlannedBesuNetwork; settings: BesuNetworkSettings; spec: (i: number) => NodeSpec } {
  const nodes = Array.from({ length: VALIDATORS }, (_, i) => ({ nodeId: `nod_${networkId.slice(4)}v${i}`, role: 'validator' as const }));
  const plan = planBesuNetwork(f.box, nodes);
  const settings: BesuNetworkSettings = {
    tenantId: 'ten_bench',
    genesisValidators: plan.genesisValidators,
    members: plan.nodes.map(({ nodeId, role, publicKey }) => ({ nodeId, role, publicKey })),
    resources: PLAN_NETWORK_RESOURCES.STANDARD,
  };
  const spec = (i: number): NodeSpec => ({
    networkId,
    nodeId: plan.nodes[i].nodeId,
    protocol: 'besu-qbft',
    chainId: CHAIN_ID,
    blockTimeSeconds: 2,
    genesisAlloc: {},
    besu: { sealedNodeKey: plan.nodes[i].sealedNodeKey, network: settings },
  });
  return { plan, settings, spec };
}

const total = (c: ApiCallCounts) => c.apply + c.read + c.list + c.delete + c.patch + c.log;
const diff = (a: ApiCallCounts, b: ApiCallCounts): ApiCallCounts => ({
  apply: a.apply - b.apply,
  read: a.read - b.read,
  list: a.list - b.list,
  delete: a.delete - b.delete,
  patch: a.patch - b.patch,
  log: a.log - b.log,
});

/** Runs `work` over `items` with at most `concurrency` in flight; returns ops/s. */
async function rate<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<unknown>): Promise<number> {
  const queue = [...items];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
  return items.length / ((performance.now() - started) / 1000);
}

interface RoundFigures {
  createNetworksPerSec: number;
  createNetworksPerSecConcurrent: number;
  ensureNodeOpsPerSec: number;
  readoptOpsPerSec: number;
  nodeStatusOpsPerSec: number;
  deleteNetworksPerSec: number;
  callsPerNetwork: ApiCallCounts;
}

async function round_(index: number): Promise<RoundFigures> {
  const f = await fixture();
  try {
    const ids = (tag: string) => Array.from({ length: NETWORKS_PER_ROUND }, (_, i) => `net_b${index}${tag}${i}`);
    const serial = ids('s').map((id) => ({ id, net: network(f, id) }));
    const concurrent = ids('c').map((id) => ({ id, net: network(f, id) }));

    const before = { ...f.driver.api.calls };
    const createSerial = await rate(serial, 1, async ({ net }) => {
      for (let i = 0; i < VALIDATORS; i++) await f.driver.ensureNode(net.spec(i));
    });
    const callsPerNetwork = diff(f.driver.api.calls, before);
    for (const key of Object.keys(callsPerNetwork) as (keyof ApiCallCounts)[]) callsPerNetwork[key] /= NETWORKS_PER_ROUND;

    const createConcurrent = await rate(concurrent, CONCURRENCY, async ({ net }) => {
      for (let i = 0; i < VALIDATORS; i++) await f.driver.ensureNode(net.spec(i));
    });
    const specs = serial.flatMap(({ net }) => Array.from({ length: VALIDATORS }, (_, i) => net.spec(i)));
    const readopt = await rate(specs, CONCURRENCY, (spec) => f.driver.ensureNode(spec));
    const status = await rate(specs, CONCURRENCY, (spec) => f.driver.nodeStatus(spec));
    const deletes = await rate([...serial, ...concurrent], CONCURRENCY, ({ id }) => f.driver.deleteNetwork(id));
    const left = f.api.all('Namespace').filter((n) => String((n['metadata'] as Json)['name']).startsWith('cl-'));
    if (left.length) throw new Error(`${left.length} namespaces left after the deletes`);
    return {
      createNetworksPerSec: createSerial,
      createNetworksPerSecConcurrent: createConcurrent,
      ensureNodeOpsPerSec: createConcurrent * VALIDATORS,
      readoptOpsPerSec: readopt,
      nodeStatusOpsPerSec: status,
      deleteNetworksPerSec: deletes,
      callsPerNetwork,
    };
  } finally {
    await f.besu.stop();
    await f.api.stop();
  }
}

// ---- resources per network, from the generated manifests ----------------------------------------

interface Requested {
  cpuRequest: number;
  cpuLimit: number;
  memoryRequest: number;
  memoryLimit: number;
  storage: number;
  pods: number;
  objects: number;
}

/** Sums what a network's StatefulSets ask for: containers' requests/limits, volume claims. */
function requestedBy(resources: NetworkResources, validators: number, rpcNodes: number): Requested {
  const box = new SecretBox([parseMasterKey(randomBytes(32).toString('base64'))]);
  const roles = [
    ...Array.from({ length: validators }, (_, i) => ({ nodeId: `nod_v${i}`, role: 'validator' as const })),
    ...Array.from({ length: rpcNodes }, (_, i) => ({ nodeId: `nod_r${i}`, role: 'rpc' as const })),
  ];
  const plan = planBesuNetwork(box, roles, { allowUnsafeValidatorCount: true });
  const input = {
    networkId: 'net_resources',
    chainId: CHAIN_ID,
    blockTimeSeconds: 2,
    genesisAlloc: {},
    besu: {
      tenantId: 'ten_bench',
      genesisValidators: plan.genesisValidators,
      members: plan.nodes.map(({ nodeId, role, publicKey }) => ({ nodeId, role, publicKey })),
      allowUnsafeValidatorCount: true,
      resources,
    },
  };
  const ctx = { platformNamespace: 'chainloom', besuImage: DEFAULT_BESU_IMAGE, clusterDomain: 'cluster.local', metricsNamespaces: [] };
  const objects = [
    ...networkObjects(ctx, input),
    ...plan.nodes.flatMap((n) => nodeObjects(ctx, input, { nodeId: n.nodeId, role: n.role, privateKey: `0x${'11'.repeat(32)}`, replicas: 1 })),
  ] as unknown as Json[];
  const sum: Requested = { cpuRequest: 0, cpuLimit: 0, memoryRequest: 0, memoryLimit: 0, storage: 0, pods: 0, objects: objects.length };
  for (const object of objects.filter((o) => o['kind'] === 'StatefulSet')) {
    const spec = object['spec'] as { replicas: number; template: { spec: { containers: Json[]; initContainers?: Json[] } }; volumeClaimTemplates?: Json[] };
    const q = (c: Json, kind: 'requests' | 'limits', what: string) => {
      const value = ((c['resources'] as Json | undefined)?.[kind] as Record<string, string> | undefined)?.[what];
      return value ? parseQuantity(value) : 0;
    };
    // A pod's effective request: the sum of its containers, or its largest init container if more.
    const effective = (kind: 'requests' | 'limits', what: string) =>
      Math.max(
        spec.template.spec.containers.reduce((s, c) => s + q(c, kind, what), 0),
        ...(spec.template.spec.initContainers ?? []).map((c) => q(c, kind, what)),
      );
    sum.pods += spec.replicas;
    sum.cpuRequest += spec.replicas * effective('requests', 'cpu');
    sum.cpuLimit += spec.replicas * effective('limits', 'cpu');
    sum.memoryRequest += spec.replicas * effective('requests', 'memory');
    sum.memoryLimit += spec.replicas * effective('limits', 'memory');
    for (const claim of spec.volumeClaimTemplates ?? []) {
      sum.storage += parseQuantity(((claim['spec'] as Json)['resources'] as { requests: { storage: string } }).requests.storage);
    }
  }
  return sum;
}

const GiB = 1024 ** 3;

async function main() {
  console.log(`kubernetes driver against the FAKE Kubernetes API (in process): ${ROUNDS} rounds × ${NETWORKS_PER_ROUND} networks of ${VALIDATORS} validators`);
  const rounds: RoundFigures[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    rounds.push(await round_(i));
    process.stdout.write(`  round ${i + 1}/${ROUNDS} done\n`);
  }
  const m = (pick: (r: RoundFigures) => number) => median(rounds.map(pick));
  const ops = {
    createNetworksPerSec: m((r) => r.createNetworksPerSec),
    createNetworksPerSecConcurrent: m((r) => r.createNetworksPerSecConcurrent),
    ensureNodeOpsPerSec: m((r) => r.ensureNodeOpsPerSec),
    readoptOpsPerSec: m((r) => r.readoptOpsPerSec),
    nodeStatusOpsPerSec: m((r) => r.nodeStatusOpsPerSec),
    deleteNetworksPerSec: m((r) => r.deleteNetworksPerSec),
  };
  console.log('\nDriver operations per second (median of rounds)\n');
  console.log(
    table(
      ['operation', 'ops/s'],
      [
        ['create network (4 × ensureNode), one at a time', ops.createNetworksPerSec],
        [`create network, ${CONCURRENCY} at a time`, ops.createNetworksPerSecConcurrent],
        [`ensureNode of a new node, ${CONCURRENCY} at a time`, ops.ensureNodeOpsPerSec],
        [`ensureNode of an unchanged node (re-apply, adopt), ${CONCURRENCY} at a time`, ops.readoptOpsPerSec],
        [`nodeStatus (pod + JSON-RPC), ${CONCURRENCY} at a time`, ops.nodeStatusOpsPerSec],
        [`deleteNetwork (namespace, waits until gone), ${CONCURRENCY} at a time`, ops.deleteNetworksPerSec],
      ],
    ),
  );
  const calls = (key: keyof ApiCallCounts) => median(rounds.map((r) => r.callsPerNetwork[key]));
  const perNetwork: ApiCallCounts = { apply: calls('apply'), read: calls('read'), list: calls('list'), delete: calls('delete'), patch: calls('patch'), log: calls('log') };
  console.log(`\nKubernetes API calls per network created (4 validators; median): ${round(total(perNetwork))}\n`);
  console.log(table(['verb', 'calls'], Object.entries(perNetwork).map(([verb, n]) => [verb, n])));

  const shapes: [string, keyof typeof PLAN_NETWORK_RESOURCES, number, number][] = [
    ['FREE (1 validator, allowSmallValidatorSet)', 'FREE', 1, 0],
    ['STANDARD (4 validators)', 'STANDARD', 4, 0],
    ['ENTERPRISE (4 validators)', 'ENTERPRISE', 4, 0],
    ['ENTERPRISE (7 validators + 2 RPC)', 'ENTERPRISE', 7, 2],
  ];
  const requested = shapes.map(([label, plan, v, r]) => ({ label, plan, r: requestedBy({ ...PLAN_NETWORK_RESOURCES[plan], maxNodes: 16 }, v, r) }));
  console.log('\nResources requested per network, from the generated manifests (StatefulSets and volume claims)\n');
  console.log(
    table(
      ['network', 'pods', 'CPU req', 'CPU limit', 'mem req GiB', 'mem limit GiB', 'storage GiB', 'objects'],
      requested.map(({ label, r }) => [label, r.pods, r.cpuRequest, r.cpuLimit, r.memoryRequest / GiB, r.memoryLimit / GiB, r.storage / GiB, r.objects]),
    ),
  );

  // Networks per cluster, from requests (what the scheduler reserves), with 10% of each node kept
  // for the system (kubelet, CNI, DNS) and the platform itself left out.
  const clusters: [string, number, number, number][] = [
    ['3 × (4 vCPU, 16 GiB)', 3, 4, 16],
    ['5 × (8 vCPU, 32 GiB)', 5, 8, 32],
    ['10 × (16 vCPU, 64 GiB)', 10, 16, 64],
  ];
  console.log('\nEstimated networks per cluster (requests vs 90% of node capacity; bin-packing ignored)\n');
  console.log(
    table(
      ['cluster', ...requested.map((x) => x.label.split(' (')[0] + ` ${x.r.pods}n`)],
      clusters.map(([label, nodes, cpu, mem]) => [
        label,
        ...requested.map(({ r }) => Math.floor(Math.min((nodes * cpu * 0.9) / r.cpuRequest, (nodes * mem * GiB * 0.9) / r.memoryRequest))),
      ]),
    ),
  );
  console.log(
    JSON.stringify({
      bench: 'kubernetes',
      rounds: ROUNDS,
      networksPerRound: NETWORKS_PER_ROUND,
      opsPerSec: Object.fromEntries(Object.entries(ops).map(([k, v]) => [k, round(v)])),
      apiCallsPerNetwork: { total: round(total(perNetwork)), ...perNetwork },
      requested: requested.map(({ label, r }) => ({ label, ...r, memoryRequestGiB: r.memoryRequest / GiB, memoryLimitGiB: r.memoryLimit / GiB, storageGiB: r.storage / GiB })),
    }),
  );
}

main().catch((error: Error) => {
  console.error(error);
  process.exitCode = 1;
});
