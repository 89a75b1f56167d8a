import { SecretBox, parseMasterKey } from '@chainloom/chain';
import { LocalDriver, namespaceForNetwork, nodeKeySecretName, nodePodName, openBesuNodeKey } from '@chainloom/orchestrator';
import { FakeBesuNetwork, FakeKubernetesApi, connectFakeCluster } from '@chainloom/orchestrator/testing';
import { startService, type RunningService } from '@chainloom/server';
import { TenancyModule } from '@chainloom/tenancy';
import { TestClient, createTestDatabase, testConfig, waitFor } from '@chainloom/testing';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { newTenant, type TenantHandle } from '../test/platform-fixture';
import { ProvisioningModule } from './provisioning.module';

// besu-qbft networks on the kubernetes driver, through the platform's HTTP API, real PostgreSQL
// and Redis, against FAKES of the cluster: FakeKubernetesApi (an in-process fake API server) and
// FakeBesuNetwork (a fake of Besu's QBFT JSON-RPC whose transactions go to a real anvil, so the
// anchor registry really deploys). The platform reaches the fake nodes by KUBERNETES_NODE_RPC_URL.
// Only a real cluster proves Besu and Kubernetes
// themselves: deploy/scripts/k8s-scenario.sh.

type Json = Record<string, unknown>;
type NodeBody = { id: string; name: string; role: string; status: string; publicKey: string | null; address: string | null };
type NetworkBody = { id: string; status: string; statusReason: string | null; driver: string; registryAddress: string | null; nodes: NodeBody[] };
type OperationBody = { id: string; kind: string; status: string; attempts: number; lastError: string | null; steps: { name: string; status: string; detail: string | null }[] };

const WORKSPACE = resolve(__dirname, '../../..');
const MASTER_KEY = randomBytes(32).toString('base64');

describe('besu-qbft on the kubernetes driver (fake cluster; real PostgreSQL, Redis, anvil)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let platform: RunningService;
  let api: TestClient;
  let pg: Client;
  let owner: TenantHandle;
  let other: TenantHandle;
  let kube: FakeKubernetesApi;
  let besu: FakeBesuNetwork;
  let evm: LocalDriver;
  let network: NetworkBody;
  const evmRef = { networkId: 'net_fakeevm', nodeId: `nod_fakeevm${randomBytes(3).toString('hex')}` };

  const get = async (id: string, key = owner.key) => (await api.as(key).get<NetworkBody>(`/v1/networks/${id}`)).body;
  const operation = async (id: string) => (await api.as(owner.key).get<OperationBody>(`/v1/operations/${id}`)).body;
  const finished = (id: string, timeoutMs = 60_000) =>
    waitFor(`operation ${id} to finish`, async () => {
      const op = await operation(id);
      return op.status === 'SUCCEEDED' || op.status === 'FAILED' ? op : undefined;
    }, timeoutMs);
  const namespaces = () => kube.all('Namespace').map((n) => (n['metadata'] as { name: string }).name).filter((n) => n.startsWith('cl-'));
  const podUid = (nodeId: string) => ((kube.get('v1', 'Pod', namespaceForNetwork(network.id), nodePodName(nodeId))?.['metadata'] ?? {}) as { uid?: string }).uid;

  beforeAll(async () => {
    kube = new FakeKubernetesApi();
    await kube.start();
    mkdirSync(resolve(WORKSPACE, 'tmp'), { recursive: true });
    const dir = mkdtempSync(resolve(WORKSPACE, 'tmp/k8s-int-'));
    evm = new LocalDriver(resolve(dir, 'evm'));
    const anvil = await evm.ensureNode({ ...evmRef, protocol: 'dev', chainId: 31337, blockTimeSeconds: 0, genesisAlloc: {} });
    besu = await new FakeBesuNetwork().forwardEvmTo(anvil.rpcUrl).start();
    connectFakeCluster(kube, besu);
    besu.autoMine(25);
    const kubeconfig = resolve(dir, 'kubeconfig.json');
    writeFileSync(kubeconfig, kube.kubeConfig().exportConfig());

    db = await createTestDatabase();
    platform = await startService(
      { name: 'provisioning-kubernetes-test', domains: [TenancyModule, ProvisioningModule] },
      testConfig(db.url, {
        MASTER_KEY,
        KUBERNETES_DRIVER: 'true',
        KUBECONFIG: kubeconfig,
        // The fake nodes answer at <fake>/<nodeId>, as an operator's own route to nodes would.
        KUBERNETES_NODE_RPC_URL: besu.url('{nodeId}'),
        KUBERNETES_PLATFORM_NAMESPACE: 'chainloom-test',
        KUBERNETES_POLL_INTERVAL_MS: '10',
        NODE_HEALTH_INTERVAL_MS: '300',
        RECONCILE_INTERVAL_MS: '1000',
      }),
    );
    api = new TestClient(platform.url);
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    owner = await newTenant(api, db.url, 'Besu', { networks: 5 });
    other = await newTenant(api, db.url, 'Other');
  }, 90_000);

  afterAll(async () => {
    await pg?.end();
    await platform?.stop();
    await db?.drop();
    await besu?.stop();
    await kube?.stop();
    await evm?.removeNode(evmRef, { keepData: false });
  }, 60_000);

  it('refuses bad input with 400 problem+json, before anything reaches the cluster', async () => {
    const cases: [Json, string][] = [
      [{ name: 'q', protocol: 'besu-qbft', validators: 3 }, 'validator_count_unsafe'],
      [{ name: 'q', protocol: 'besu-qbft', validators: 'four' }, 'validation_failed'],
      [{ name: 'q', protocol: 'besu-qbft', validators: 4, nodeCount: 6 }, 'node_count_mismatch'],
      [{ name: 'q', protocol: 'besu-qbft', blockTimeSeconds: 0 }, 'block_time_unsupported'],
      [{ name: 'q', protocol: 'besu-qbft', validators: 17 }, 'validation_failed'],
      [{ name: 'q', protocol: 'dev', validators: 4 }, 'field_not_allowed'],
      [{ name: 'q', protocol: 'besu-qbft', driver: 'local' }, 'driver_unsupported'],
    ];
    for (const [body, code] of cases) {
      const res = await api.as(owner.key).post('/v1/networks', body);
      expect({ body, status: res.status, code: res.body['code'], type: res.contentType }).toEqual({ body, status: 400, code, type: expect.stringContaining('application/problem+json') });
    }
    const small = await api.as(owner.key).post('/v1/networks', { name: 'q', protocol: 'besu-qbft', validators: 3 });
    expect(small.body['detail']).toMatch(/at least 4 validators.*allowSmallValidatorSet/s);
    expect(kube.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('fails a create the cluster refuses (RBAC) at once, clearly, and leaves no namespace behind', async () => {
    kube.failWhen((r) => r.method === 'PATCH' && r.path.includes('/networkpolicies/'), 403, 'networkpolicies.networking.k8s.io is forbidden: User "system:serviceaccount:chainloom:chainloom" cannot patch resource', 1);
    const res = await api.as(owner.key).post<{ network: NetworkBody; operation: OperationBody; warnings: string[] }>('/v1/networks', { name: 'no-rbac', protocol: 'besu-qbft', validators: 1, allowSmallValidatorSet: true });
    expect(res.status).toBe(201);
    // Allowed with the flag, and warned.
    expect(res.body.warnings).toEqual([expect.stringContaining('1 validator tolerates no failure')]);
    const op = await finished(res.body.operation.id);
    expect(op).toMatchObject({ status: 'FAILED', attempts: 1, lastError: expect.stringContaining("Grant the platform's service account") });
    expect(await get(res.body.network.id)).toMatchObject({ status: 'FAILED', statusReason: expect.stringContaining('refused') });
    expect(namespaces()).toEqual([]);
    // Deleting the failed network is allowed and leaves nothing either.
    const del = await api.as(owner.key).post<OperationBody>(`/v1/networks/${res.body.network.id}/delete`);
    expect((await finished(del.body.id)).status).toBe('SUCCEEDED');
  });

  it('creates 4 validators and an RPC node: namespace, sealed node keys, RUNNING with the anchor registry', async () => {
    const res = await api.as(owner.key).post<{ network: NetworkBody; operation: OperationBody; warnings: string[] }>('/v1/networks', { name: 'qbft', protocol: 'besu-qbft', validators: 4, rpcNodes: 1 });
    expect(res.status).toBe(201);
    expect(res.body.warnings).toEqual([]);
    expect(res.body.network).toMatchObject({ driver: 'kubernetes', status: 'PENDING' });
    expect(res.body.network.nodes.map((n) => `${n.name}:${n.role}`)).toEqual(['validator-0:validator', 'validator-1:validator', 'validator-2:validator', 'validator-3:validator', 'rpc-0:rpc']);
    expect(res.body.network.nodes.every((n) => /^[0-9a-f]{128}$/.test(n.publicKey ?? '') && /^0x[0-9a-fA-F]{40}$/.test(n.address ?? ''))).toBe(true);
    expect((await finished(res.body.operation.id)).status).toBe('SUCCEEDED');
    network = await get(res.body.network.id);
    expect(network).toMatchObject({ status: 'RUNNING', registryAddress: expect.stringMatching(/^0x/) });
    const ns = kube.get('v1', 'Namespace', undefined, namespaceForNetwork(network.id));
    expect(ns?.['metadata']).toMatchObject({ labels: { 'chainloom.io/tenant-id': owner.tenantId, 'chainloom.io/network-id': network.id } });

    // The key in the node's Secret is the one sealed in the database, which never holds it in the clear.
    const box = new SecretBox([parseMasterKey(MASTER_KEY)]);
    const { rows } = await pg.query<{ id: string; sealed_key: string }>('SELECT id, sealed_key FROM nodes WHERE network_id = $1', [network.id]);
    for (const row of rows) {
      const key = openBesuNodeKey(box, row.id, row.sealed_key);
      expect(row.sealed_key).not.toContain(key.privateKey.slice(2));
      const secret = kube.get('v1', 'Secret', namespaceForNetwork(network.id), nodeKeySecretName(row.id)) as { data: { key: string } };
      expect(Buffer.from(secret.data.key, 'base64').toString()).toBe(key.privateKey);
    }
    // Another tenant sees nothing of it.
    expect((await api.as(other.key).get(`/v1/networks/${network.id}`)).status).toBe(404);
    expect((await api.as(other.key).post(`/v1/networks/${network.id}/nodes`)).status).toBe(404);
    expect((await api.as(other.key).post(`/v1/networks/${network.id}/restart`)).status).toBe(404);
  }, 90_000);

  it('reports a node that goes down as DEGRADED and leaves the healing to Kubernetes', async () => {
    const victim = network.nodes[2];
    const writes = () => kube.requests.filter((r) => r.method === 'PATCH').length;
    const before = writes();
    besu.setOnline(victim.id, false);
    await waitFor('the network to be DEGRADED', async () => ((await get(network.id)).status === 'DEGRADED' ? true : undefined), 15_000);
    expect((await get(network.id)).nodes.find((n) => n.id === victim.id)?.status).toBe('DOWN');
    besu.setOnline(victim.id, true);
    await waitFor('the network to be RUNNING again', async () => ((await get(network.id)).status === 'RUNNING' ? true : undefined), 15_000);
    // The monitor wrote nothing to the cluster: no ensureNode, no apply.
    expect(writes()).toBe(before);
  }, 40_000);

  it('adds a validator by vote, resuming after the API server failed mid-operation', async () => {
    // The first apply of any StatefulSet fails once: the operation's step fails, is retried, and converges.
    kube.failWhen((r) => r.method === 'PATCH' && r.path.includes('/statefulsets/'), 500, 'etcdserver: request timed out', 1);
    const res = await api.as(owner.key).post<OperationBody>(`/v1/networks/${network.id}/nodes`, { role: 'validator' });
    expect(res.status).toBe(202);
    expect(res.body.steps.map((s) => s.name)).toEqual(['add-besu-node', 'finish']);
    const op = await finished(res.body.id, 90_000);
    expect(op).toMatchObject({ status: 'SUCCEEDED', attempts: 2 });
    expect(op.steps[0].detail).toMatch(/voted in at block \d+, proposed block \d+/);
    network = await get(network.id);
    const added = network.nodes.find((n) => n.name === 'validator-4');
    expect(added).toMatchObject({ status: 'UP', role: 'validator' });
    expect(besu.validatorsAt()).toContain(added?.address);
    expect(besu.validatorsAt()).toHaveLength(5);
    const votes = besu.calls.filter((c) => c.method === 'qbft_proposeValidatorVote');
    expect(new Set(votes.map((v) => v.nodeId)).size).toBeGreaterThanOrEqual(3);
  }, 120_000);

  it('removes a validator by vote (5 → 4), then refuses an unsafe removal (4 → 3) before queueing anything', async () => {
    const leaving = network.nodes.find((n) => n.name === 'validator-4') as NodeBody;
    const res = await api.as(owner.key).post<OperationBody>(`/v1/networks/${network.id}/nodes/${leaving.id}/remove`);
    expect(res.status).toBe(202);
    const op = await finished(res.body.id, 60_000);
    expect(op).toMatchObject({ status: 'SUCCEEDED' });
    expect(op.steps[0].detail).toMatch(/voted out at block/);
    expect(besu.validatorsAt()).not.toContain(leaving.address);
    expect(besu.validatorsAt()).toHaveLength(4);
    network = await get(network.id);
    expect(network.nodes.map((n) => n.id)).not.toContain(leaving.id);
    const { rows } = await pg.query<{ status: string; sealed_key: string | null; key_retained_until: Date }>('SELECT status, sealed_key, key_retained_until FROM nodes WHERE id = $1', [leaving.id]);
    expect(rows[0]).toMatchObject({ status: 'REMOVED', sealed_key: expect.any(String) });
    expect(rows[0].key_retained_until.getTime()).toBeGreaterThan(Date.now() + 89 * 86_400_000); // ENTERPRISE: 90 days

    const operationsBefore = (await api.as(owner.key).get<{ items: unknown[] }>(`/v1/networks/${network.id}/operations`)).body.items.length;
    const votesBefore = besu.calls.filter((c) => c.method === 'qbft_proposeValidatorVote').length;
    const unsafe = await api.as(owner.key).post(`/v1/networks/${network.id}/nodes/${network.nodes[0].id}/remove`);
    expect({ status: unsafe.status, code: unsafe.body['code'], type: unsafe.contentType }).toEqual({ status: 400, code: 'validator_change_unsafe', type: expect.stringContaining('problem+json') });
    expect(unsafe.body['detail']).toMatch(/fewer than the 4 that tolerate one failure/);
    expect((await api.as(owner.key).get<{ items: unknown[] }>(`/v1/networks/${network.id}/operations`)).body.items).toHaveLength(operationsBefore);
    expect(besu.calls.filter((c) => c.method === 'qbft_proposeValidatorVote')).toHaveLength(votesBefore);
    expect((await api.as(owner.key).post(`/v1/networks/${network.id}/nodes/nod_00000000000000000000000000/remove`)).status).toBe(404);
  }, 90_000);

  it('restarts the nodes one at a time', async () => {
    const before = network.nodes.map((n) => podUid(n.id));
    const res = await api.as(owner.key).post<OperationBody>(`/v1/networks/${network.id}/restart`);
    expect(res.status).toBe(202);
    const op = await finished(res.body.id, 60_000);
    expect(op).toMatchObject({ status: 'SUCCEEDED' });
    expect(op.steps[0].detail).toMatch(/^5 node\(s\) restarted one at a time; head at block \d+/);
    network.nodes.forEach((n, i) => expect(podUid(n.id)).not.toBe(before[i]));
    expect((await get(network.id)).status).toBe('RUNNING');
  }, 90_000);

  it('deletes the network: the namespace goes, the sealed keys stay for the retention period', async () => {
    const res = await api.as(owner.key).post<OperationBody>(`/v1/networks/${network.id}/delete`);
    expect(res.body.steps.map((s) => s.name)).toEqual(['delete-network', 'finish']);
    expect((await finished(res.body.id)).status).toBe('SUCCEEDED');
    expect((await get(network.id)).status).toBe('DELETED');
    expect(namespaces()).toEqual([]);
    const { rows } = await pg.query<{ status: string; sealed_key: string | null; key_retained_until: Date | null }>('SELECT status, sealed_key, key_retained_until FROM nodes WHERE network_id = $1', [network.id]);
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.status === 'REMOVED' && r.sealed_key && r.key_retained_until)).toBe(true);
    expect((await api.as(owner.key).post(`/v1/networks/${network.id}/restart`)).status).toBe(409);
  }, 60_000);
});
