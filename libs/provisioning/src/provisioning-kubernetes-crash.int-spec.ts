import { LocalDriver } from '@chainloom/orchestrator';
import { FakeBesuNetwork, FakeKubernetesApi, connectFakeCluster } from '@chainloom/orchestrator/testing';
import { TestClient, createTestDatabase, freePort, waitFor } from '@chainloom/testing';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { newTenant, spawnPlatform } from '../test/platform-fixture';

// kill -9 of the platform while a besu-qbft ADD_NODE is in the middle of its vote, on the
// kubernetes driver against FAKES of the cluster (FakeKubernetesApi, FakeBesuNetwork; they live in
// this test process, so they outlive the platform, as a cluster would). The platform is a real
// child process on real PostgreSQL and Redis.

const WORKSPACE = resolve(__dirname, '../../..');
const MASTER_KEY = randomBytes(32).toString('base64');

type NetworkBody = { id: string; status: string; nodes: { id: string; name: string; address: string | null }[] };
type OperationBody = { id: string; status: string; attempts: number; lastError: string | null; steps: { name: string; status: string; detail: string | null }[] };

describe('kill -9 of the platform in the middle of a validator vote (fake cluster, real processes)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let port: number;
  let child: ChildProcess | undefined;
  let kube: FakeKubernetesApi;
  let besu: FakeBesuNetwork;
  let evm: LocalDriver;
  let kubeconfig: string;
  const evmRef = { networkId: 'net_fakeevm', nodeId: `nod_crashevm${randomBytes(3).toString('hex')}` };
  mkdirSync(resolve(WORKSPACE, 'tmp'), { recursive: true });
  const dir = mkdtempSync(resolve(WORKSPACE, 'tmp/k8s-crash-'));
  const prefix = `k8s-crash-${randomBytes(4).toString('hex')}`;

  const startPlatform = async () => {
    child = await spawnPlatform(port, {
      DATABASE_URL: db.url,
      DATABASE_MIGRATE: 'false',
      REDIS_PREFIX: prefix,
      DATA_DIR: resolve(dir, 'data'),
      LOG_LEVEL: 'warn',
      NOTARY_NETWORK: 'off',
      MASTER_KEY,
      KUBERNETES_DRIVER: 'true',
      KUBECONFIG: kubeconfig,
      KUBERNETES_NODE_RPC_URL: besu.url('{nodeId}'),
      KUBERNETES_POLL_INTERVAL_MS: '20',
      NODE_HEALTH_INTERVAL_MS: '500',
      RECONCILE_INTERVAL_MS: '1000',
    });
  };

  beforeAll(async () => {
    kube = new FakeKubernetesApi();
    await kube.start();
    evm = new LocalDriver(resolve(dir, 'evm'));
    const anvil = await evm.ensureNode({ ...evmRef, protocol: 'dev', chainId: 31337, blockTimeSeconds: 0, genesisAlloc: {} });
    besu = await new FakeBesuNetwork().forwardEvmTo(anvil.rpcUrl).start();
    connectFakeCluster(kube, besu);
    besu.autoMine(25);
    kubeconfig = resolve(dir, 'kubeconfig.json');
    writeFileSync(kubeconfig, kube.kubeConfig().exportConfig());
    db = await createTestDatabase();
    port = await freePort();
  }, 60_000);

  afterAll(async () => {
    child?.kill('SIGKILL');
    await db?.drop();
    await besu?.stop();
    await kube?.stop();
    await evm?.removeNode(evmRef, { keepData: false });
  }, 60_000);

  it('resumes the ADD_NODE after the restart: one new validator, voted in once, the operation SUCCEEDED', async () => {
    await startPlatform();
    const api = new TestClient(`http://127.0.0.1:${port}`);
    const tenant = await newTenant(api, db.url, 'K8sCrash');
    const created = await api.as(tenant.key).post<{ network: NetworkBody; operation: OperationBody }>('/v1/networks', { name: 'crash', protocol: 'besu-qbft', validators: 4 });
    expect(created.status).toBe(201);
    const networkId = created.body.network.id;
    await waitFor('the network to be RUNNING', async () => ((await api.as(tenant.key).get<NetworkBody>(`/v1/networks/${networkId}`)).body.status === 'RUNNING' ? true : undefined), 60_000);

    // The chain pauses: the votes are cast but cannot be mined, and the platform dies right then.
    besu.autoMine(1_000_000);
    const votes = () => besu.calls.filter((c) => c.method === 'qbft_proposeValidatorVote').length;
    const add = await api.as(tenant.key).post<OperationBody>(`/v1/networks/${networkId}/nodes`, { role: 'validator' });
    expect(add.status).toBe(202);
    await waitFor('the validators to have voted', async () => (votes() >= 3 ? true : undefined), 30_000);
    child?.kill('SIGKILL');
    await new Promise((r) => child?.once('exit', r));
    const statefulSetsAtKill = kube.all('StatefulSet').length;

    besu.autoMine(25);
    await startPlatform();
    const started = Date.now();
    const op = await waitFor(
      'the operation to finish after the restart',
      async () => {
        const res = await api.as(tenant.key).get<OperationBody>(`/v1/operations/${add.body.id}`);
        return res.body.status === 'SUCCEEDED' || res.body.status === 'FAILED' ? res.body : undefined;
      },
      90_000,
    );
    console.log(`killed mid-vote: ADD_NODE ${op.status} ${Date.now() - started} ms after the restart, attempt ${op.attempts}`);
    expect(op).toMatchObject({ status: 'SUCCEEDED', lastError: null });
    expect(op.attempts).toBeGreaterThanOrEqual(2);
    expect(op.steps[0].detail).toMatch(/voted in at block \d+/);
    const network = (await api.as(tenant.key).get<NetworkBody>(`/v1/networks/${networkId}`)).body;
    expect(network.status).toBe('RUNNING');
    expect(network.nodes).toHaveLength(5);
    const added = network.nodes.find((n) => n.name === 'validator-4');
    // Exactly one new validator in the chain's set, and no second node started for it.
    expect(besu.validatorsAt()).toHaveLength(5);
    expect(besu.validatorsAt()).toContain(added?.address);
    expect(kube.all('StatefulSet')).toHaveLength(statefulSetsAtKill);
    expect(statefulSetsAtKill).toBe(5);
    child?.kill('SIGTERM');
    await new Promise((r) => child?.once('exit', r));
  }, 240_000);
});
