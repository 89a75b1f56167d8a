import { KubeConfig } from '@kubernetes/client-node';
import { createServer } from 'node:net';
import { openBesuNodeKey } from '../besu/besu-node-key';
import { OrchestratorException } from '../orchestrator.exception';
import { KubernetesDriver } from './kubernetes.driver';
import { KubernetesDriverException } from './kubernetes-driver.exception';
import { FIELD_MANAGER, LABEL, NETWORK_CONFIG_MAP, namespaceForNetwork, nodePodName, nodeWorkloadName } from './kubernetes-names';
import { omit } from './test/fake-kubernetes-api';
import { validateAgainstSchema } from './test/manifest-schemas';
import { createHarness, type Harness } from './test/kubernetes-test-harness';

// Everything here runs against FakeKubernetesApi (an in-process fake of the API server) and
// FakeBesuNetwork (a fake of the nodes' JSON-RPC): no cluster, no Besu. See docs/kubernetes.md.

type Json = Record<string, unknown>;
const rvOf = (o: Json) => String((o['metadata'] as Json)['resourceVersion']);
const snapshot = (h: Harness) => new Map(h.api.all().map((o) => [`${o['kind']}/${(o['metadata'] as Json)['namespace'] ?? ''}/${(o['metadata'] as Json)['name']}`, rvOf(o)]));
/** What a client set: the objects without server-owned metadata, to compare two clusters. */
const contents = (h: Harness) =>
  h.api
    .all()
    .filter((o) => o['kind'] !== 'Pod')
    .map((o) => JSON.stringify({ ...o, metadata: omit(o['metadata'] as Json, ['uid', 'resourceVersion', 'creationTimestamp', 'generation', 'managedFields']) }))
    .sort();

async function createNetwork(h: Harness): Promise<void> {
  for (const node of h.network().members) await h.driver.ensureNode(h.spec(node.nodeId));
}

describe('KubernetesDriver against the fake Kubernetes API', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('creates a network as a namespace with quota, limits, policies, config, and a key, Service and StatefulSet per node', async () => {
    h = await createHarness({ validators: 4, rpcNodes: 1 });
    const runtimes = [];
    for (const node of h.network().members) runtimes.push(await h.driver.ensureNode(h.spec(node.nodeId)));
    const ns = namespaceForNetwork(h.networkId);
    const names = h.api
      .all()
      .filter((o) => o['kind'] !== 'Pod' && o['kind'] !== 'PersistentVolumeClaim' && (o['metadata'] as Json)['name'] !== 'chainloom-system')
      .map((o) => `${o['kind']}/${(o['metadata'] as Json)['name']}`)
      .sort();
    const perNode = h.network().members.flatMap((m) => [`Secret/${nodeWorkloadName(m.nodeId)}-key`, `Service/${nodeWorkloadName(m.nodeId)}`, `StatefulSet/${nodeWorkloadName(m.nodeId)}`]);
    expect(names).toEqual(
      [
        `Namespace/${ns}`,
        'ResourceQuota/besu-quota',
        'LimitRange/besu-limits',
        'NetworkPolicy/default-deny',
        'NetworkPolicy/besu-p2p',
        'NetworkPolicy/besu-rpc-from-platform',
        'NetworkPolicy/besu-dns',
        `ConfigMap/${NETWORK_CONFIG_MAP}`,
        ...perNode,
      ].sort(),
    );
    expect(h.api.get('v1', 'Namespace', undefined, ns)?.['metadata']).toMatchObject({ labels: { [LABEL.tenantId]: h.tenantId, [LABEL.networkId]: h.networkId } });
    expect(h.api.all('PersistentVolumeClaim')).toHaveLength(5);
    // Every write was a server-side apply by our field manager, with force.
    const writes = h.api.requests.filter((r) => r.method === 'PATCH');
    expect(writes.length).toBeGreaterThan(0);
    expect(writes.every((r) => r.contentType === 'application/apply-patch+yaml' && r.fieldManager === FIELD_MANAGER && r.force === true)).toBe(true);
    // What the fake stored validates against the official schemas too (what went over the wire).
    for (const object of h.api.all().filter((o) => o['kind'] !== 'Pod' && o['kind'] !== 'PersistentVolumeClaim')) validateAgainstSchema(object as never);
    expect(runtimes.map((r) => r.startedFrom)).toEqual(['genesis', 'genesis', 'genesis', 'genesis', 'genesis']);
    expect(runtimes[0]).toMatchObject({ networkId: h.networkId, handle: `pod/${ns}/${nodePodName(runtimes[0].nodeId)}`, rpcUrl: h.besu.url(runtimes[0].nodeId) });
    // The key in the Secret is the node's own key, opened from the sealed copy.
    const secret = h.api.get('v1', 'Secret', ns, `${nodeWorkloadName('nod_v0')}-key`) as { data: { key: string } };
    const key = openBesuNodeKey(h.box, 'nod_v0', h.plan.nodes[0].sealedNodeKey);
    expect(Buffer.from(secret.data.key, 'base64').toString()).toBe(key.privateKey);
  });

  it('changes nothing when the same network is applied again (same resourceVersions), and adopts the nodes', async () => {
    h = await createHarness();
    await createNetwork(h);
    const before = snapshot(h);
    const again = [];
    for (const node of h.network().members) again.push(await h.driver.ensureNode(h.spec(node.nodeId)));
    expect(snapshot(h)).toEqual(before);
    expect(again.map((r) => r.startedFrom)).toEqual(['adopted', 'adopted', 'adopted', 'adopted']);
  });

  it('maps pod and JSON-RPC state to node health', async () => {
    h = await createHarness();
    await createNetwork(h);
    const ns = namespaceForNetwork(h.networkId);
    expect(await h.driver.nodeStatus({ networkId: h.networkId, nodeId: 'nod_v0' })).toMatchObject({ state: 'up', chainId: h.chainId, blockNumber: 0 });
    h.api.setPodStatus(ns, nodePodName('nod_v1'), {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'False' }],
      containerStatuses: [{ name: 'besu', ready: false, restartCount: 3, image: 'besu', imageID: '', state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s' } } }],
    });
    h.api.setPodStatus(ns, nodePodName('nod_v2'), { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }] });
    h.besu.setOnline('nod_v3', false);
    expect(await h.driver.nodeStatus({ networkId: h.networkId, nodeId: 'nod_v1' })).toMatchObject({ state: 'down', reason: 'process_exited', detail: expect.stringContaining('CrashLoopBackOff') });
    expect(await h.driver.nodeStatus({ networkId: h.networkId, nodeId: 'nod_v2' })).toMatchObject({ state: 'down', reason: 'rpc_unreachable', detail: expect.stringContaining('not ready') });
    expect(await h.driver.nodeStatus({ networkId: h.networkId, nodeId: 'nod_v3' })).toMatchObject({ state: 'down', reason: 'rpc_unreachable', rpcUrl: h.besu.url('nod_v3') });
    expect(await h.driver.nodeStatus({ networkId: h.networkId, nodeId: 'nod_nope' })).toMatchObject({ state: 'absent' });
    expect(await h.driver.nodeStatus({ networkId: 'net_other', nodeId: 'nod_v0' })).toMatchObject({ state: 'absent' });
  });

  it('reports a network running while blocks advance, stalled when too few validators are up', async () => {
    h = await createHarness();
    await createNetwork(h);
    h.besu.autoMine(10);
    const running = await h.driver.networkStatus(h.networkId, { sampleMs: 80 });
    expect(running).toMatchObject({ state: 'running', namespace: namespaceForNetwork(h.networkId) });
    expect(running.nodes.every((n) => n.podReady && n.advancing && n.peers === 3)).toBe(true);
    h.besu.setOnline('nod_v0', false);
    h.besu.setOnline('nod_v1', false);
    const stalled = await h.driver.networkStatus(h.networkId, { sampleMs: 80 });
    expect(stalled.state).toBe('stalled');
    expect(stalled.nodes.filter((n) => n.health.state === 'up')).toHaveLength(2);
    expect((await h.driver.networkStatus('net_missing', { sampleMs: 1 })).state).toBe('absent');
  });

  it('stops a node by scaling to zero and starts it again with its data', async () => {
    h = await createHarness();
    await createNetwork(h);
    const ref = { networkId: h.networkId, nodeId: 'nod_v2' };
    await h.driver.stopNode(ref);
    await h.driver.stopNode(ref); // idempotent
    const ns = namespaceForNetwork(h.networkId);
    expect(h.api.get('v1', 'Pod', ns, nodePodName('nod_v2'))).toBeUndefined();
    expect(await h.driver.nodeStatus(ref)).toMatchObject({ state: 'down', reason: 'stopped' });
    const started = await h.driver.ensureNode(h.spec('nod_v2'));
    expect(started.startedFrom).toBe('restored');
    expect((h.api.get('apps/v1', 'StatefulSet', ns, nodeWorkloadName('nod_v2'))?.['spec'] as Json)['replicas']).toBe(1);
  });

  it('resumes a create that failed half-way and ends exactly where an uninterrupted create ends', async () => {
    const clean = await createHarness({ networkId: 'net_01hzz0000000000000000000cc' });
    await createNetwork(clean);
    const expected = contents(clean);
    await clean.close();

    h = await createHarness({ networkId: 'net_01hzz0000000000000000000cc', reuse: clean });
    // The API server fails the StatefulSet of the third node (a 500, or the platform died there).
    h.api.failWhen((r) => r.method === 'PATCH' && r.path.endsWith(`/statefulsets/${nodeWorkloadName('nod_v2')}`), 500, 'etcdserver: request timed out');
    const members = h.network().members;
    let failure: unknown;
    for (const node of members) {
      try {
        await h.driver.ensureNode(h.spec(node.nodeId));
      } catch (error) {
        failure = error;
        break;
      }
    }
    expect(failure).toBeInstanceOf(KubernetesDriverException);
    expect(failure).toMatchObject({ failure: 'cluster_unreachable', retryable: true });
    // The operation log runs the step again from the start.
    await createNetwork(h);
    expect(contents(h)).toEqual(expected);
  });

  it('answers a refused RBAC with a clear, final error and leaves no half-made namespace', async () => {
    h = await createHarness();
    h.api.failWhen((r) => r.method === 'PATCH' && r.path.includes('/networkpolicies/'), 403, 'networkpolicies.networking.k8s.io is forbidden: User "system:serviceaccount:chainloom:chainloom" cannot patch resource');
    const error = await h.driver.ensureNode(h.spec('nod_v0')).catch((e: unknown) => e);
    expect(error).toMatchObject({ failure: 'cluster_forbidden', retryable: false, message: expect.stringContaining('Grant the platform') });
    expect(h.api.get('v1', 'Namespace', undefined, namespaceForNetwork(h.networkId))).toBeUndefined();
  });

  it('answers an unreachable cluster with a retryable error, and health as down without throwing', async () => {
    h = await createHarness();
    const port = await new Promise<number>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromOptions({
      clusters: [{ name: 'gone', server: `http://127.0.0.1:${port}`, skipTLSVerify: true }],
      users: [{ name: 'u', token: 't' }],
      contexts: [{ name: 'c', cluster: 'gone', user: 'u' }],
      currentContext: 'c',
    });
    const driver = new KubernetesDriver({ secretBox: h.box, kubeConfig, pollIntervalMs: 5 });
    await expect(driver.ensureNode(h.spec('nod_v0'))).rejects.toMatchObject({ failure: 'cluster_unreachable', retryable: true, message: expect.stringContaining('cannot be reached') });
    expect(await driver.nodeStatus({ networkId: h.networkId, nodeId: 'nod_v0' })).toMatchObject({ state: 'down', reason: 'rpc_unreachable', detail: expect.stringContaining('cannot be reached') });
  });

  it('refuses a spec whose genesis differs from the chain’s, and specs that are malformed', async () => {
    h = await createHarness();
    await createNetwork(h);
    const changed = { ...h.spec('nod_v0'), genesisAlloc: { '0x00000000000000000000000000000000000000bb': '1' } };
    await expect(h.driver.ensureNode(changed)).rejects.toMatchObject({ failure: 'genesis_conflict' });
    await expect(h.driver.ensureNode({ ...h.spec('nod_v0'), protocol: 'dev' })).rejects.toMatchObject({ code: 'protocol_unsupported' });
    await expect(h.driver.ensureNode({ ...h.spec('nod_v0'), besu: undefined })).rejects.toMatchObject({ code: 'invalid_spec' });
    await expect(h.driver.ensureNode({ ...h.spec('nod_v0'), blockTimeSeconds: 0 })).rejects.toMatchObject({ code: 'invalid_spec' });
    // A sealed key of another node: it does not open under this node's context.
    const spec = h.spec('nod_v0');
    const swapped = { ...spec, besu: { network: h.network(), sealedNodeKey: h.plan.nodes[1].sealedNodeKey } };
    await expect(h.driver.ensureNode(swapped)).rejects.toBeInstanceOf(OrchestratorException);
  });

  it('needs 4 genesis validators unless the network allows fewer, and then warns once', async () => {
    const warnings: string[] = [];
    h = await createHarness({ validators: 1, driver: { onWarning: (m) => warnings.push(m) } });
    await expect(h.driver.ensureNode(h.spec('nod_v0'))).rejects.toMatchObject({ code: 'invalid_spec', message: expect.stringContaining('at least 4 validators') });
    const net = { ...h.network(), allowUnsafeValidatorCount: true };
    await h.driver.ensureNode(h.spec('nod_v0', net));
    await h.driver.ensureNode(h.spec('nod_v0', net));
    expect(warnings).toEqual([expect.stringContaining('tolerates no failure')]);
  });

  it('lists running nodes by label, across namespaces', async () => {
    h = await createHarness();
    await createNetwork(h);
    await h.driver.stopNode({ networkId: h.networkId, nodeId: 'nod_v3' });
    const running = await h.driver.listRunning();
    expect(running.map((r) => r.nodeId)).toEqual(['nod_v0', 'nod_v1', 'nod_v2']);
    expect(running[0]).toMatchObject({ networkId: h.networkId, rpcUrl: h.besu.url('nod_v0'), handle: expect.stringMatching(/^pod\//) });
  });

  it('removes nodes; the last one without data takes the namespace with it', async () => {
    h = await createHarness();
    await createNetwork(h);
    const ns = namespaceForNetwork(h.networkId);
    await h.driver.removeNode({ networkId: h.networkId, nodeId: 'nod_v0' }, { keepData: true });
    expect(h.api.get('v1', 'PersistentVolumeClaim', ns, `data-${nodeWorkloadName('nod_v0')}-0`)).toBeDefined();
    expect(h.api.get('v1', 'Secret', ns, `${nodeWorkloadName('nod_v0')}-key`)).toBeDefined();
    // nod_v0's kept volume keeps the namespace alive after the last running node goes…
    for (const id of ['nod_v1', 'nod_v2', 'nod_v3']) await h.driver.removeNode({ networkId: h.networkId, nodeId: id }, { keepData: false });
    expect(h.api.get('v1', 'Namespace', undefined, ns)).toBeDefined();
    expect(h.api.get('v1', 'PersistentVolumeClaim', ns, `data-${nodeWorkloadName('nod_v0')}-0`)).toBeDefined();
    // …until it is removed without its data.
    await h.driver.removeNode({ networkId: h.networkId, nodeId: 'nod_v0' }, { keepData: false });
    expect(h.api.get('v1', 'Namespace', undefined, ns)).toBeUndefined();
    expect(h.api.all().filter((o) => (o['metadata'] as Json)['namespace'] === ns)).toEqual([]);
    // Removing again is fine.
    await h.driver.removeNode({ networkId: h.networkId, nodeId: 'nod_v0' }, { keepData: false });
  });

  it('deletes a network, keeping its node keys sealed in the platform namespace for the retention period', async () => {
    h = await createHarness();
    await createNetwork(h);
    const until = new Date(Date.now() + 30 * 86_400_000);
    const result = await h.driver.deleteNetwork(h.networkId, { retainKeysUntil: until });
    expect(result.namespaceDeleted).toBe(true);
    expect(result.retainedKeys.map((k) => k.nodeId).sort()).toEqual(['nod_v0', 'nod_v1', 'nod_v2', 'nod_v3']);
    expect(h.api.get('v1', 'Namespace', undefined, namespaceForNetwork(h.networkId))).toBeUndefined();
    const retained = h.api.all('Secret').filter((s) => (s['metadata'] as Json)['namespace'] === 'chainloom-system');
    expect(retained).toHaveLength(4);
    // Kept sealed, never as the plain key.
    const plain = openBesuNodeKey(h.box, 'nod_v1', h.plan.nodes[1].sealedNodeKey).privateKey;
    expect(JSON.stringify(retained)).not.toContain(Buffer.from(plain).toString('base64'));
    const sealed = await h.driver.retainedNodeKey(h.networkId, 'nod_v1');
    expect(sealed && openBesuNodeKey(h.box, 'nod_v1', sealed).privateKey).toBe(plain);
    expect(await h.driver.purgeRetainedKeys(new Date())).toBe(0);
    expect(await h.driver.purgeRetainedKeys(new Date(until.getTime() + 1))).toBe(4);
    expect(await h.driver.retainedNodeKey(h.networkId, 'nod_v1')).toBeNull();
    // Deleting again: nothing left to delete.
    expect((await h.driver.deleteNetwork(h.networkId)).namespaceDeleted).toBe(false);
  });

  it('refuses to create the network again while its old namespace is still terminating (retryable)', async () => {
    h = await createHarness();
    await createNetwork(h);
    h.api.namespaceDeletionDelayMs = 200;
    const ns = namespaceForNetwork(h.networkId);
    // Start a deletion without waiting for it, as a crashed delete would leave it.
    await h.driver.api.delete({ apiVersion: 'v1', kind: 'Namespace', name: ns });
    await expect(h.driver.ensureNode(h.spec('nod_v0'))).rejects.toMatchObject({ failure: 'namespace_terminating', retryable: true });
  });

  it('sees real changes: a new member updates the config (new resourceVersion), a resized volume is refused by the API server', async () => {
    h = await createHarness({ spareValidators: 1 });
    await createNetwork(h);
    const ns = namespaceForNetwork(h.networkId);
    const configBefore = rvOf(h.api.get('v1', 'ConfigMap', ns, NETWORK_CONFIG_MAP) as Json);
    const grown = h.network(h.plan.nodes);
    await h.driver.ensureNode(h.spec('nod_v4', grown));
    const config = h.api.get('v1', 'ConfigMap', ns, NETWORK_CONFIG_MAP) as { data: Record<string, string> } & Json;
    expect(rvOf(config)).not.toBe(configBefore);
    expect(JSON.parse(config.data['static-nodes.json'])).toHaveLength(5);
    const bigger = { ...grown, resources: { maxNodes: 8, node: { cpuRequest: '500m', cpuLimit: '2', memoryRequest: '2Gi', memoryLimit: '3Gi', storage: '50Gi' } } };
    await expect(h.driver.ensureNode(h.spec('nod_v0', bigger))).rejects.toMatchObject({ failure: 'cluster_rejected', message: expect.stringContaining('Forbidden') });
  });
});
