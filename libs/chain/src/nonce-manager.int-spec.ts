import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { Wallet, parseEther, type JsonRpcProvider } from 'ethers';
import { NonceManager, createProvider, nonceErrorKind } from './index';

/** A private anvil on a port it picks itself (read back from its banner); no dev accounts. */
class TestAnvil {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static async start(args: readonly string[] = []): Promise<TestAnvil> {
    const binary = join(dirname(require.resolve('@foundry-rs/anvil-linux-amd64/package.json')), 'bin', 'anvil');
    const child = spawn(binary, ['--port', '0', '--host', '127.0.0.1', '--accounts', '0', '--chain-id', '31999', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`anvil did not start:\n${output}`)), 15_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Listening on (127\.0\.0\.1:\d+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(`http://${match[1]}`);
        }
      });
      child.once('exit', (code) => reject(new Error(`anvil exited with ${code}:\n${output}`)));
    });
    // Keep draining anvil's output, or it blocks once a pipe buffer fills.
    child.stdout?.resume();
    child.stderr?.resume();
    return new TestAnvil(child, url);
  }

  provider(): JsonRpcProvider {
    return createProvider(this.url, { chainId: 31999, pollingIntervalMs: 100 });
  }

  async fund(provider: JsonRpcProvider): Promise<Wallet> {
    const wallet = new Wallet(Wallet.createRandom().privateKey, provider);
    await provider.send('anvil_setBalance', [wallet.address, `0x${parseEther('1000').toString(16)}`]);
    return wallet;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill('SIGKILL');
    });
  }
}

const to = Wallet.createRandom().address;

describe('NonceManager (real anvil)', () => {
  let automine: TestAnvil;
  let manual: TestAnvil;

  beforeAll(async () => {
    [automine, manual] = await Promise.all([TestAnvil.start(), TestAnvil.start(['--no-mining'])]);
  });
  afterAll(async () => {
    await Promise.all([automine?.stop(), manual?.stop()]);
  });

  it('sends 50 concurrent transactions from one signer that all mine, with consecutive nonces', async () => {
    const provider = automine.provider();
    const signer = await automine.fund(provider);
    const manager = new NonceManager();

    const sent = await Promise.all(Array.from({ length: 50 }, (_, i) => manager.send(signer, { to, value: BigInt(i + 1) })));
    expect(sent.map((tx) => tx.nonce)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    const receipts = await Promise.all(sent.map((tx) => tx.wait()));
    expect(receipts.every((r) => r?.status === 1)).toBe(true);
    expect(await provider.getTransactionCount(signer.address, 'latest')).toBe(50);
    expect(await provider.getBalance(to)).toBeGreaterThanOrEqual(BigInt((50 * 51) / 2));
  });

  it('without it, the same burst fails on nonce conflicts (the reason it exists)', async () => {
    const provider = automine.provider();
    const signer = await automine.fund(provider);
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => signer.sendTransaction({ to, value: 1n })));
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(failures.length).toBeGreaterThan(0);
    // Identical transactions at one nonce: anvil answers "transaction already imported".
    for (const failure of failures) expect(nonceErrorKind(failure.reason)).not.toBeNull();
  });

  it('recovers when a transaction sent outside the manager takes the nonce it expected', async () => {
    const provider = automine.provider();
    const signer = await automine.fund(provider);
    // Without idle resync the manager trusts its local count, so the conflict reaches the node.
    const manager = new NonceManager({ resyncWhenIdle: false });

    expect((await manager.send(signer, { to, value: 1n })).nonce).toBe(0);
    const outside = await signer.sendTransaction({ to, value: 2n, nonce: 1 });
    await outside.wait();

    const recovered = await manager.send(signer, { to, value: 3n });
    expect(recovered.nonce).toBe(2);
    expect((await recovered.wait())?.status).toBe(1);
    expect((await manager.send(signer, { to, value: 4n })).nonce).toBe(3);
  });

  it('with idle resync (the default) picks up outside transactions without an error round trip', async () => {
    const provider = automine.provider();
    const signer = await automine.fund(provider);
    const manager = new NonceManager();
    await manager.send(signer, { to, value: 1n });
    await (await signer.sendTransaction({ to, value: 1n })).wait();
    await (await signer.sendTransaction({ to, value: 1n })).wait();
    expect((await manager.send(signer, { to, value: 1n })).nonce).toBe(3);
  });

  it('fills the gap left by a transaction the node dropped, so later ones do not queue forever', async () => {
    const provider = manual.provider();
    const signer = await manual.fund(provider);
    const manager = new NonceManager();

    const dropped = await manager.send(signer, { to, value: 1n });
    expect(dropped.nonce).toBe(0);
    await provider.send('anvil_dropTransaction', [dropped.hash]);

    const next = await manager.send(signer, { to, value: 2n });
    expect(next.nonce).toBe(0); // re-read from the node, not the local 1 that would sit behind a gap
    await provider.send('evm_mine', []);
    expect((await provider.getTransactionReceipt(next.hash))?.status).toBe(1);
    expect(await provider.getTransactionReceipt(dropped.hash)).toBeNull();
  });

  it('steps over a nonce occupied in the pool by a transaction sent outside the manager', async () => {
    const provider = manual.provider();
    const signer = await manual.fund(provider);
    const manager = new NonceManager({ resyncWhenIdle: false });

    const first = await manager.send(signer, { to, value: 1n }); // nonce 0, waiting in the pool
    const outside = await signer.sendTransaction({ to, value: 5n, nonce: 1 });
    // The manager's local count says 1; the node answers "replacement transaction underpriced".
    const next = await manager.send(signer, { to, value: 2n });
    expect(next.nonce).toBe(2);
    await provider.send('evm_mine', []);
    for (const tx of [first, outside, next]) expect((await provider.getTransactionReceipt(tx.hash))?.status).toBe(1);
  });

  it('passes other errors through, and the next send still gets the right nonce', async () => {
    const provider = automine.provider();
    const signer = await automine.fund(provider);
    const manager = new NonceManager();
    const poor = new Wallet(Wallet.createRandom().privateKey, provider);
    await expect(manager.send(poor, { to, value: 1n })).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS' });

    await expect(manager.send(signer, { to, value: parseEther('100000') })).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS' });
    const after = await manager.send(signer, { to, value: 1n });
    expect(after.nonce).toBe(0);
    expect((await after.wait())?.status).toBe(1);
  });
});
