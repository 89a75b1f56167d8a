import { startService, type RunningService } from '@chainloom/server';
import { PointsTokenArtifact } from '@chainloom/contracts';
import { TenancyModule } from '@chainloom/tenancy';
import { TestClient, createTestDatabase, testConfig, waitFor } from '@chainloom/testing';
import { ContractFactory, FetchRequest, JsonRpcProvider, Wallet, parseEther, type Contract } from 'ethers';
import { Client } from 'pg';
import { execFileSync } from 'node:child_process';
import { newTenant, type TenantHandle } from '../test/platform-fixture';
import { ProvisioningModule } from './provisioning.module';

type NetworkBody = { id: string; status: string; registryAddress: string | null; signerAddress: string; chainId: number; nodes: { id: string; status: string }[]; rpcEndpoint: string };

describe('provisioning on the local driver (real anvil, PostgreSQL, Redis)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let platform: RunningService;
  let api: TestClient;
  let pg: Client;
  let owner: TenantHandle;
  let other: TenantHandle;
  const user = Wallet.createRandom();
  let network: NetworkBody;

  const getNetwork = async (id: string, as = owner.key) => (await api.as(as).get<NetworkBody>(`/v1/networks/${id}`)).body;
  const waitStatus = (id: string, status: string, timeoutMs = 30_000, key = owner.key) =>
    waitFor(`network ${id} to be ${status}`, async () => {
      const n = await getNetwork(id, key);
      return n.status === status ? n : undefined;
    }, timeoutMs);

  /** ethers pointed at the gateway with the API key in a header: what a developer would do. */
  const gatewayProvider = (net: NetworkBody, key = owner.key) => {
    const request = new FetchRequest(net.rpcEndpoint);
    request.setHeader('authorization', `Bearer ${key}`);
    return new JsonRpcProvider(request, net.chainId, { staticNetwork: true, cacheTimeout: -1 });
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    platform = await startService(
      { name: 'provisioning-test', domains: [TenancyModule, ProvisioningModule] },
      testConfig(db.url, { NODE_HEALTH_INTERVAL_MS: '500', EXTERNAL_RPC_ALLOW_PRIVATE: 'true' }),
    );
    api = new TestClient(platform.url);
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    owner = await newTenant(api, db.url, 'Owner');
    other = await newTenant(api, db.url, 'Other');
  }, 60_000);

  afterAll(async () => {
    // Delete every network so no anvil outlives the test.
    const { rows } = await pg.query<{ id: string; tenant_id: string }>(`SELECT id, tenant_id FROM networks WHERE status <> 'DELETED'`);
    for (const row of rows) {
      const key = row.tenant_id === owner.tenantId ? owner.key : other.key;
      await api.as(key).post(`/v1/networks/${row.id}/delete`);
    }
    for (const row of rows) await waitStatus(row.id, 'DELETED', 30_000, row.tenant_id === owner.tenantId ? owner.key : other.key).catch(() => undefined);
    await pg.end();
    await platform.stop();
    await db.drop();
  }, 60_000);

  it('creates a dev network that reaches RUNNING with the anchor registry deployed', async () => {
    const started = Date.now();
    const res = await api.as(owner.key).post<{ network: NetworkBody; operation: { id: string; steps: { name: string }[] } }>('/v1/networks', {
      name: 'dev-1',
      protocol: 'dev',
      genesisAlloc: { [user.address]: parseEther('100').toString() },
    });
    expect(res.status).toBe(201);
    expect(res.body.operation.steps.map((s) => s.name)).toEqual(['start-nodes', 'deploy-registry', 'finish']);
    network = await waitStatus(res.body.network.id, 'RUNNING');
    console.log(`POST → RUNNING with registry: ${Date.now() - started} ms`);
    expect(network.registryAddress).toMatch(/^0x[0-9a-fA-F]{40}$/);
    expect(network.chainId).toBeGreaterThanOrEqual(910_001);
    const provider = gatewayProvider(network);
    expect(await provider.getCode(network.registryAddress ?? '')).not.toBe('0x');
    // The tenant's signer was funded from genesis.
    expect(await provider.getBalance(network.signerAddress)).toBeGreaterThan(0n);
    const op = await api.as(owner.key).get<{ status: string; steps: { status: string }[] }>(`/v1/operations/${res.body.operation.id}`);
    expect(op.body.status).toBe('SUCCEEDED');
    expect(op.body.steps.every((s) => s.status === 'done')).toBe(true);
  }, 60_000);

  it('lets ethers deploy and call a contract through the authenticated gateway', async () => {
    const wallet = user.connect(gatewayProvider(network));
    const factory = new ContractFactory(PointsTokenArtifact.abi, PointsTokenArtifact.bytecode, wallet);
    const token = (await factory.deploy('Acme Points', 'ACME')) as Contract;
    await token.waitForDeployment();
    await (await token.getFunction('mint')(user.address, 1000n)).wait();
    expect(await token.getFunction('balanceOf')(user.address)).toBe(1000n);
    expect(await token.getFunction('symbol')()).toBe('ACME');
  }, 60_000);

  it('deploys a template through the contract gateway, calls, sends, and explains the transaction', async () => {
    const as = api.as(owner.key);
    const templates = await as.get<{ id: string }[]>('/v1/contract-templates');
    expect(templates.body.map((t) => t.id)).toEqual(['anchor-registry', 'points-token']);
    const bad = await as.post(`/v1/networks/${network.id}/contracts`, { template: 'points-token', args: ['only one'] });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('invalid_arguments');
    const deployed = await as.post<{ id: string; address: string }>(`/v1/networks/${network.id}/contracts`, { template: 'points-token', args: ['Loyalty', 'LOY'] });
    expect(deployed.status).toBe(201);
    const signer = network.signerAddress;
    const sent = await as.post<{ id: string; hash: string }>(`/v1/contracts/${deployed.body.id}/send`, { function: 'mint', args: [signer, '5000'] });
    expect(sent.status).toBe(201);
    const tx = await waitFor('the mint to be mined', async () => {
      const t = await as.get<{ status: string }>(`/v1/transactions/${sent.body.id}`);
      return t.body.status === 'MINED' ? t.body : undefined;
    });
    expect(tx.status).toBe('MINED');
    const balance = await as.post<{ result: string }>(`/v1/contracts/${deployed.body.id}/call`, { function: 'balanceOf', args: [signer] });
    expect(balance.body.result).toBe('5000');
    expect((await as.post(`/v1/contracts/${deployed.body.id}/call`, { function: 'mint', args: [signer, '1'] })).body.code).toBe('not_a_read_function');
    expect((await as.post(`/v1/contracts/${deployed.body.id}/call`, { function: 'nope', args: [] })).body.code).toBe('unknown_function');
    const explained = await as.get<{ events: { contract: string; event: string; args: Record<string, string> }[] }>(`/v1/networks/${network.id}/transactions/${sent.body.hash}`);
    expect(explained.body.events[0]).toMatchObject({ contract: 'Points token', event: 'Transfer', args: { value: '5000' } });
    const blocks = await as.get<{ items: { number: number }[] }>(`/v1/networks/${network.id}/blocks?limit=3`);
    expect(blocks.body.items.length).toBe(3);
    // Another tenant sees none of it.
    expect((await api.as(other.key).get(`/v1/contracts/${deployed.body.id}`)).status).toBe(404);
    expect((await api.as(other.key).get(`/v1/transactions/${sent.body.id}`)).status).toBe(404);
  }, 60_000);

  it('refuses node-control methods, malformed calls and oversized batches', async () => {
    const rpc = (body: unknown) => api.as(owner.key).post<Record<string, unknown> | Record<string, unknown>[]>(`/rpc/${network.id}`, body);
    const refused = await rpc({ jsonrpc: '2.0', id: 1, method: 'anvil_setBalance', params: [user.address, '0x1'] });
    expect(refused.body).toMatchObject({ id: 1, error: { code: -32601 } });
    const mixed = await rpc([{ jsonrpc: '2.0', id: 'a', method: 'eth_chainId' }, { nope: true }, { jsonrpc: '2.0', id: 'c', method: 'evm_mine' }]);
    expect(mixed.status).toBe(200);
    const [a, b, c] = mixed.body as Record<string, unknown>[];
    expect(a).toMatchObject({ id: 'a', result: `0x${network.chainId.toString(16)}` });
    expect(b).toMatchObject({ error: { code: -32600 } });
    expect(c).toMatchObject({ id: 'c', error: { code: -32601 } });
    const big = await rpc(Array.from({ length: 101 }, (_, i) => ({ jsonrpc: '2.0', id: i, method: 'eth_blockNumber' })));
    expect(big.status).toBe(400);
    expect(big.body).toMatchObject({ code: 'rpc_batch_too_large', max: 100 });
    // A key without the rpc scope is refused; so is no key at all.
    const readOnly = await api.as(owner.session).post<{ secret: string }>('/v1/api-keys', { name: 'ro', scopes: ['networks:read'] });
    expect((await api.as(readOnly.body.secret).post(`/rpc/${network.id}`, { jsonrpc: '2.0', id: 1, method: 'eth_chainId' })).status).toBe(403);
    expect((await api.post(`/rpc/${network.id}`, { jsonrpc: '2.0', id: 1, method: 'eth_chainId' })).status).toBe(401);
  });

  it("answers 404 to another tenant's key on the network's endpoints and its RPC", async () => {
    for (const res of await Promise.all([
      api.as(other.key).get(`/v1/networks/${network.id}`),
      api.as(other.key).get(`/v1/networks/${network.id}/operations`),
      api.as(other.key).post(`/v1/networks/${network.id}/stop`),
      api.as(other.key).post(`/rpc/${network.id}`, { jsonrpc: '2.0', id: 1, method: 'eth_chainId' }),
    ])) {
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain(network.registryAddress ?? 'never');
    }
  });

  it('reports a killed node as DEGRADED within 10 seconds, restarts it, and returns to RUNNING', async () => {
    const [{ runtime }] = (await pg.query<{ runtime: { pid: number } }>('SELECT runtime FROM nodes WHERE network_id = $1', [network.id])).rows;
    await new Promise((r) => setTimeout(r, 1_500)); // let anvil dump its state once more
    const killedAt = Date.now();
    process.kill(runtime.pid, 'SIGKILL');
    await waitStatus(network.id, 'DEGRADED', 10_000);
    console.log(`killed node reported DEGRADED after ${Date.now() - killedAt} ms`);
    await waitStatus(network.id, 'RUNNING', 30_000);
    const [{ runtime: after }] = (await pg.query<{ runtime: { pid: number } }>('SELECT runtime FROM nodes WHERE network_id = $1', [network.id])).rows;
    expect(after.pid).not.toBe(runtime.pid);
    // The chain came back with its registry.
    expect(await gatewayProvider(network).getCode(network.registryAddress ?? '')).not.toBe('0x');
  }, 60_000);

  it('stop and start keep the chain state', async () => {
    const provider = gatewayProvider(network);
    const before = await provider.getBalance(user.address);
    const height = await provider.getBlockNumber();
    expect((await api.as(owner.key).post(`/v1/networks/${network.id}/stop`)).status).toBe(202);
    await waitStatus(network.id, 'STOPPED');
    const whileStopped = await api.as(owner.key).post(`/rpc/${network.id}`, { jsonrpc: '2.0', id: 1, method: 'eth_chainId' });
    expect(whileStopped.status).toBe(409);
    expect((await api.as(owner.key).post(`/v1/networks/${network.id}/start`)).status).toBe(202);
    await waitStatus(network.id, 'RUNNING');
    expect(await provider.getBalance(user.address)).toBe(before);
    expect(await provider.getBlockNumber()).toBeGreaterThanOrEqual(height);
  }, 60_000);

  it('answers bad requests with 400s that say why, and leaves nothing half-made', async () => {
    const count = async () => (await pg.query('SELECT count(*)::int AS n FROM networks')).rows[0].n as number;
    const before = await count();
    const cases: [unknown, number, string][] = [
      [{ name: 'x', protocol: 'fabric' }, 400, 'validation_failed'],
      [{ name: 'x', protocol: 'besu-qbft' }, 400, 'driver_not_configured'],
      [{ name: 'x', protocol: 'dev', nodeCount: 2 }, 400, 'node_count_out_of_range'],
      [{ name: 'x', protocol: 'dev', chainId: 0 }, 400, 'validation_failed'],
      [{ name: 'x', protocol: 'dev', driver: 'kubernetes' }, 400, 'driver_unsupported'],
      [{ name: 'x', protocol: 'external' }, 400, 'rpc_url_required'],
      [{ name: 'x', protocol: 'external', rpcUrl: 'http://127.0.0.1:1' }, 403, 'quota_exceeded'], // checked before any call
      [{ name: 'x', protocol: 'dev' }, 403, 'quota_exceeded'], // this tenant may have 1 network
    ];
    for (const [body, status, code] of cases) {
      const res = await api.as(owner.key).post('/v1/networks', body);
      expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status, code });
    }
    const addNode = await api.as(owner.key).post(`/v1/networks/${network.id}/nodes`);
    expect(addNode.status).toBe(400);
    expect(String(addNode.body.detail)).toMatch(/exactly 1 node/);
    expect(await count()).toBe(before);
  });

  it('registers an external network by RPC URL and deploys the registry there', async () => {
    // The other tenant registers the owner's dev chain as "external", through anvil's direct URL.
    const [{ rpc_url: rpcUrl }] = (await pg.query<{ rpc_url: string }>('SELECT rpc_url FROM nodes WHERE network_id = $1', [network.id])).rows;
    const res = await api.as(other.key).post<{ network: NetworkBody }>('/v1/networks', { name: 'ext', protocol: 'external', rpcUrl, confirmations: 0 });
    expect(res.status).toBe(201);
    // The generated signer has no funds: the operation waits, retrying, until the user funds it.
    const funder = user.connect(gatewayProvider(network));
    await (await funder.sendTransaction({ to: res.body.network.signerAddress, value: parseEther('1') })).wait();
    const ext = await waitStatus(res.body.network.id, 'RUNNING', 60_000, other.key);
    expect(ext.chainId).toBe(network.chainId);
    expect(ext.registryAddress).toMatch(/^0x/);
    const stored = (await pg.query<{ external_rpc: string }>('SELECT external_rpc FROM networks WHERE id = $1', [ext.id])).rows[0];
    expect(stored.external_rpc).not.toContain('127.0.0.1'); // encrypted at rest
  }, 90_000);

  it('streams status changes and operation steps as server-sent events', async () => {
    const controller = new AbortController();
    const res = await fetch(`${platform.url}/v1/networks/${network.id}/events`, { headers: { authorization: `Bearer ${owner.key}` }, signal: controller.signal });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    if (!res.body) throw new Error("no event stream body");
    const reader = res.body.getReader();
    let text = '';
    const read = async (until: RegExp) => {
      while (!until.test(text)) text += new TextDecoder().decode((await reader.read()).value);
    };
    await read(/event: snapshot/);
    expect((await api.as(owner.key).post(`/v1/networks/${network.id}/stop`)).status).toBe(202);
    await read(/"status":"STOPPED"/);
    expect(text).toMatch(/event: operation\ndata: .*"name":"stop-nodes","detail":"1 node\(s\) stopped","status":"done"/);
    controller.abort();
    expect((await api.as(owner.key).post(`/v1/networks/${network.id}/start`)).status).toBe(202);
    await waitStatus(network.id, 'RUNNING');
  }, 30_000);

  it('creates the shared notary network at start-up when asked, owned by the platform', async () => {
    const notaryDb = await createTestDatabase();
    const notaryPlatform = await startService(
      { name: 'notary-test', domains: [TenancyModule, ProvisioningModule] },
      testConfig(notaryDb.url, { NOTARY_NETWORK: 'auto' }),
    );
    try {
      const client = new Client({ connectionString: notaryDb.url });
      await client.connect();
      const row = await waitFor('the notary network to run', async () => {
        const { rows } = await client.query(`SELECT tenant_id, status, registry_address FROM networks WHERE is_notary`);
        return rows[0]?.status === 'RUNNING' ? rows[0] : undefined;
      });
      await client.end();
      expect(row.tenant_id).toBe('ten_00000000000000000000000000');
      expect(row.registry_address).toMatch(/^0x/);
    } finally {
      const client = new Client({ connectionString: notaryDb.url });
      await client.connect();
      const { rows } = await client.query<{ id: string }>(`SELECT id FROM nodes`);
      await client.end();
      await notaryPlatform.stop();
      for (const { id } of rows) execFileSync('pkill', ['-f', `anvil.*${id}`]);
      await notaryDb.drop();
    }
  }, 60_000);

  it('deletes a network and refuses further operations on it', async () => {
    expect((await api.as(owner.key).post(`/v1/networks/${network.id}/delete`)).status).toBe(202);
    await waitStatus(network.id, 'DELETED');
    const again = await api.as(owner.key).post(`/v1/networks/${network.id}/start`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('network_deleted');
  }, 60_000);
});
