import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, writeFileSync, truncateSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { JsonRpcProvider, Network, Wallet, parseEther } from 'ethers';
import { LocalDriver, OrchestratorException, type NodeSpec, type NodeRef } from './index';
import { resolveAnvilBinary } from './local.driver';

// Real anvil processes under a private data directory; every pid any test saw is killed in afterAll.
const dataDir = resolve(__dirname, '../../../tmp', `orchestrator-int-${randomUUID()}`);
const seenPids = new Set<number>();

const funded = Wallet.createRandom();
const recipient = Wallet.createRandom().address;

function specFor(nodeId: string, overrides: Partial<NodeSpec> = {}): NodeSpec {
  return {
    networkId: `net_${nodeId}`,
    nodeId,
    protocol: 'dev',
    chainId: 31_000 + Math.floor(Math.random() * 1_000),
    blockTimeSeconds: 0,
    genesisAlloc: { [funded.address]: parseEther('100').toString() },
    ...overrides,
  };
}

function provider(rpcUrl: string, chainId: number) {
  return new JsonRpcProvider(rpcUrl, Network.from(chainId), { staticNetwork: Network.from(chainId), cacheTimeout: -1 });
}

async function ensure(driver: LocalDriver, spec: NodeSpec) {
  const runtime = await driver.ensureNode(spec);
  if (runtime.pid) seenPids.add(runtime.pid);
  return runtime;
}

function pidAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z');
  } catch {
    return false;
  }
}

/** Waits until anvil's interval dump has happened after now (interval is 1 s in these tests). */
const waitForDump = () => new Promise((r) => setTimeout(r, 2_200));

describe('LocalDriver (real anvil)', () => {
  const driver = new LocalDriver(dataDir, { stateIntervalSeconds: 1 });
  const used: NodeRef[] = [];
  const track = (spec: NodeSpec) => {
    used.push(spec);
    return spec;
  };

  beforeAll(() => mkdirSync(dataDir, { recursive: true }));

  afterAll(async () => {
    for (const ref of used) await driver.removeNode(ref, { keepData: false }).catch(() => undefined);
    for (const pid of seenPids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts a node whose JSON-RPC answers with the chain id and the genesis balance, and no dev accounts', async () => {
    const spec = track(specFor('node-start'));
    const started = Date.now();
    const runtime = await ensure(driver, spec);
    console.log(`ensureNode of a new chain (spawn → RPC answering → genesis written): ${Date.now() - started} ms`);

    expect(runtime.startedFrom).toBe('genesis');
    expect(runtime.rpcUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const rpc = provider(runtime.rpcUrl, spec.chainId);
    expect(Number((await rpc.getNetwork()).chainId)).toBe(spec.chainId);
    expect(Number(await rpc.send('eth_chainId', []))).toBe(spec.chainId);
    expect(await rpc.getBalance(funded.address)).toBe(parseEther('100'));
    expect(await rpc.send('eth_accounts', [])).toEqual([]);

    const health = await driver.nodeStatus(spec);
    expect(health).toMatchObject({ state: 'up', chainId: spec.chainId, blockNumber: 0, pid: runtime.pid });

    const record = JSON.parse(readFileSync(join(dataDir, 'nodes', spec.nodeId, 'node.json'), 'utf8'));
    expect(record).toMatchObject({ pid: runtime.pid, networkId: spec.networkId, genesisApplied: true });
    expect(record.args).toEqual(expect.arrayContaining(['--host', '127.0.0.1', '--accounts', '0']));
    expect(existsSync(join(dataDir, 'nodes', spec.nodeId, 'state.json'))).toBe(true);
  });

  it('adopts the running node on a second ensure and from a new driver instance (a platform restart)', async () => {
    const spec = track(specFor('node-adopt'));
    const first = await ensure(driver, spec);
    const again = await ensure(driver, spec);
    expect(again).toMatchObject({ pid: first.pid, rpcUrl: first.rpcUrl, startedFrom: 'adopted' });

    const restarted = new LocalDriver(dataDir, { stateIntervalSeconds: 1 });
    expect((await restarted.listRunning()).map((n) => n.nodeId)).toContain(spec.nodeId);
    const adopted = await ensure(restarted, spec);
    expect(adopted).toMatchObject({ pid: first.pid, rpcUrl: first.rpcUrl, startedFrom: 'adopted' });
    expect(adopted.startedAt.toISOString()).toBe(first.startedAt.toISOString());
  });

  it('serialises concurrent ensureNode calls for one node into one process', async () => {
    const spec = track(specFor('node-concurrent'));
    const results = await Promise.all([ensure(driver, spec), ensure(driver, spec), ensure(driver, spec)]);
    expect(new Set(results.map((r) => r.pid)).size).toBe(1);
    expect(results.map((r) => r.startedFrom).sort()).toEqual(['adopted', 'adopted', 'genesis']);
  });

  it('keeps a transaction across stop and start', async () => {
    const spec = track(specFor('node-stop-start'));
    const runtime = await ensure(driver, spec);
    const signer = funded.connect(provider(runtime.rpcUrl, spec.chainId));
    await (await signer.sendTransaction({ to: recipient, value: parseEther('1.5') })).wait();

    await driver.stopNode(spec);
    await driver.stopNode(spec); // idempotent
    expect(pidAlive(runtime.pid as number)).toBe(false);
    expect(await driver.nodeStatus(spec)).toMatchObject({ state: 'down', reason: 'stopped' });

    const back = await ensure(driver, spec);
    expect(back.startedFrom).toBe('restored');
    expect(back.pid).not.toBe(runtime.pid);
    expect(back.rpcUrl).toBe(runtime.rpcUrl); // same port again
    const rpc = provider(back.rpcUrl, spec.chainId);
    expect(await rpc.getBlockNumber()).toBe(1);
    expect(await rpc.getBalance(recipient)).toBe(parseEther('1.5'));
    expect(await rpc.getTransactionCount(funded.address)).toBe(1);
  });

  it('after kill -9 reports the node down, and ensureNode restarts it from the last state dump', async () => {
    const spec = track(specFor('node-kill'));
    const runtime = await ensure(driver, spec);
    const signer = funded.connect(provider(runtime.rpcUrl, spec.chainId));
    await (await signer.sendTransaction({ to: recipient, value: 7n })).wait();
    await waitForDump();

    process.kill(runtime.pid as number, 'SIGKILL');
    for (let i = 0; i < 100 && pidAlive(runtime.pid as number); i++) await new Promise((r) => setTimeout(r, 20));
    expect(await driver.nodeStatus(spec)).toMatchObject({ state: 'down', reason: 'process_exited' });
    expect(await driver.listRunning()).not.toContainEqual(expect.objectContaining({ nodeId: spec.nodeId }));

    const back = await ensure(driver, spec);
    expect(back.startedFrom).toBe('restored');
    expect(back.pid).not.toBe(runtime.pid);
    const rpc = provider(back.rpcUrl, spec.chainId);
    expect(await rpc.getBalance(recipient)).toBe(7n);
    expect(await rpc.getBlockNumber()).toBe(1);
    expect(await driver.nodeStatus(spec)).toMatchObject({ state: 'up', blockNumber: 1 });
  });

  it('mines on an interval when blockTimeSeconds > 0, and restarts (keeping state) when the block time changes', async () => {
    const spec = track(specFor('node-interval', { blockTimeSeconds: 1 }));
    const runtime = await ensure(driver, spec);
    await new Promise((r) => setTimeout(r, 2_500));
    const mined = (await driver.nodeStatus(spec)).blockNumber ?? 0;
    expect(mined).toBeGreaterThanOrEqual(2);

    const changed = await ensure(driver, { ...spec, blockTimeSeconds: 0 });
    expect(changed.startedFrom).toBe('restored');
    expect(changed.pid).not.toBe(runtime.pid);
    expect(pidAlive(runtime.pid as number)).toBe(false);
    expect((await driver.nodeStatus(spec)).blockNumber).toBeGreaterThanOrEqual(mined);
  });

  it('treats a stale pid in node.json as gone: starts a new node and leaves the other process alone', async () => {
    const spec = track(specFor('node-stale'));
    const first = await ensure(driver, spec);
    await driver.stopNode(spec);
    const recordPath = join(dataDir, 'nodes', spec.nodeId, 'node.json');
    const record = JSON.parse(readFileSync(recordPath, 'utf8'));
    // Our own pid: alive, but not an anvil on this node's state file.
    writeFileSync(recordPath, JSON.stringify({ ...record, pid: process.pid }));
    expect(await driver.nodeStatus(spec)).toMatchObject({ state: 'down', reason: 'process_exited' });

    const back = await ensure(driver, spec);
    expect(back.startedFrom).toBe('restored');
    expect(back.pid).not.toBe(process.pid);
    expect(back.pid).not.toBe(first.pid);
    expect(JSON.parse(readFileSync(recordPath, 'utf8')).pid).toBe(back.pid);
  });

  it('stops an orphan anvil whose pid was never recorded (a kill -9 right after spawn) and applies genesis again', async () => {
    const spec = track(specFor('node-orphan'));
    const nodeDir = join(dataDir, 'nodes', spec.nodeId);
    mkdirSync(nodeDir, { recursive: true });
    // What a platform killed between spawn and writing node.json leaves: anvil on the node's state
    // file, dumping a chain without the genesis balances, and no record.
    const state = join(nodeDir, 'state.json');
    const orphan = spawn(resolveAnvilBinary(), ['--host', '127.0.0.1', '--port', '0', '--chain-id', String(spec.chainId), '--accounts', '0', '--state', state, '--state-interval', '1'], {
      detached: true,
      stdio: 'ignore',
    });
    seenPids.add(orphan.pid as number);
    await waitForDump();
    expect(existsSync(state)).toBe(true);

    const runtime = await ensure(driver, spec);
    expect(pidAlive(orphan.pid as number)).toBe(false);
    const balance = await provider(runtime.rpcUrl, spec.chainId).getBalance(funded.address);
    expect(balance).toBe(parseEther('100'));
  });

  it('falls back to the snapshot of the previous start when the state file is truncated', async () => {
    const spec = track(specFor('node-corrupt'));
    const runtime = await ensure(driver, spec);
    const signer = funded.connect(provider(runtime.rpcUrl, spec.chainId));
    await (await signer.sendTransaction({ to: recipient, value: 3n })).wait();
    await driver.stopNode(spec);
    await ensure(driver, spec); // this start snapshots the state that has the transaction
    await driver.stopNode(spec);
    truncateSync(join(dataDir, 'nodes', spec.nodeId, 'state.json'), 100);

    const back = await ensure(driver, spec);
    expect(back.startedFrom).toBe('recovered-snapshot');
    expect(await provider(back.rpcUrl, spec.chainId).getBalance(recipient)).toBe(3n);
  });

  it('removeNode stops the node and deletes its data; keepData leaves the data', async () => {
    const spec = track(specFor('node-remove'));
    const runtime = await ensure(driver, spec);
    const dir = join(dataDir, 'nodes', spec.nodeId);

    await driver.removeNode(spec, { keepData: true });
    expect(pidAlive(runtime.pid as number)).toBe(false);
    expect(existsSync(join(dir, 'state.json'))).toBe(true);

    await driver.removeNode(spec, { keepData: false });
    await driver.removeNode(spec, { keepData: false }); // idempotent
    expect(existsSync(dir)).toBe(false);
    expect(await driver.nodeStatus(spec)).toMatchObject({ state: 'absent' });
  });

  it('refuses protocols it cannot run, ids that could escape the data directory, and a chain id change', async () => {
    await expect(driver.ensureNode(specFor('node-besu', { protocol: 'besu-qbft' }))).rejects.toMatchObject({
      code: 'protocol_unsupported',
    });
    await expect(driver.ensureNode(specFor('../escape'))).rejects.toBeInstanceOf(OrchestratorException);
    const spec = track(specFor('node-chainid'));
    await ensure(driver, spec);
    await expect(driver.ensureNode({ ...spec, chainId: spec.chainId + 1 })).rejects.toMatchObject({ code: 'spec_conflict' });
    const otherNetwork = { networkId: 'net_other', nodeId: spec.nodeId };
    await expect(driver.removeNode(otherNetwork, { keepData: false })).rejects.toMatchObject({ code: 'spec_conflict' });
    expect(await driver.nodeStatus(otherNetwork)).toMatchObject({ state: 'absent' });
    expect(await driver.nodeStatus(spec)).toMatchObject({ state: 'up' });
  });

  it('fails with the tail of the node log when anvil exits at start, and says when anvil is missing', async () => {
    const script = join(dataDir, 'failing-anvil.sh');
    writeFileSync(script, '#!/bin/sh\necho "fatal: simulated start failure" >&2\nexit 3\n', { mode: 0o755 });
    const failing = new LocalDriver(dataDir, { anvilBinary: script });
    const spec = track(specFor('node-broken'));
    await expect(failing.ensureNode(spec)).rejects.toMatchObject({
      code: 'node_start_failed',
      logTail: expect.stringContaining('simulated start failure'),
    });
    expect(await driver.nodeStatus(spec)).toMatchObject({ state: 'down', reason: 'stopped' });

    const missing = new LocalDriver(dataDir, { anvilBinary: join(dataDir, 'no-such-anvil') });
    await expect(missing.ensureNode(specFor('node-missing'))).rejects.toMatchObject({ code: 'binary_not_found' });
  });

  it('refuses to start on an unreadable state file when there is no snapshot', async () => {
    const spec = track(specFor('node-unreadable'));
    mkdirSync(join(dataDir, 'nodes', spec.nodeId), { recursive: true });
    writeFileSync(join(dataDir, 'nodes', spec.nodeId, 'state.json'), '{"block":');
    await expect(driver.ensureNode(spec)).rejects.toMatchObject({ code: 'state_corrupt' });
  });
});
