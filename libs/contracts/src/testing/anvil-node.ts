// A throwaway anvil for integration tests: its own process on a loopback port that anvil picks
// itself (--port 0, read back from its banner), so parallel test files never race for a port.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { HDNodeWallet, JsonRpcProvider, type Provider } from 'ethers';

// anvil's built-in dev mnemonic; its accounts are funded at genesis.
const ANVIL_MNEMONIC = 'test test test test test test test test test test test junk';

export class AnvilNode {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  /** Starts anvil with extra CLI arguments (e.g. ['--hardfork', 'london']) and waits until it listens. */
  static async start(args: readonly string[] = []): Promise<AnvilNode> {
    const binary = join(
      dirname(require.resolve('@foundry-rs/anvil-linux-amd64/package.json')),
      'bin',
      'anvil',
    );
    const child = spawn(binary, ['--port', '0', '--host', '127.0.0.1', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      let output = '';
      const collect = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Listening on (127\.0\.0\.1:\d+)/.exec(output);
        if (match) settle(() => resolve(`http://${match[1]}`));
      };
      const fail = (error: Error) =>
        settle(() => {
          child.kill('SIGKILL');
          reject(error);
        });
      const onExit = (code: number | null) => fail(new Error(`anvil exited with code ${code}:\n${output}`));
      const timer = setTimeout(() => fail(new Error(`anvil did not start in 15 s:\n${output}`)), 15_000);
      const settle = (then: () => void) => {
        clearTimeout(timer);
        child.stdout?.off('data', collect);
        child.stderr?.off('data', collect);
        child.off('error', fail);
        child.off('exit', onExit);
        // Keep draining the pipes (into nothing), or anvil blocks once a pipe buffer fills.
        child.stdout?.resume();
        child.stderr?.resume();
        then();
      };
      child.stdout?.on('data', collect);
      child.stderr?.on('data', collect);
      child.once('error', fail);
      child.once('exit', onExit);
    });
    return new AnvilNode(child, url);
  }

  /**
   * A provider for this node. cacheTimeout -1 turns off ethers' 250 ms result cache, which would
   * otherwise hand back a stale pending nonce to consecutive sends from one wallet.
   */
  provider(): JsonRpcProvider {
    return new JsonRpcProvider(this.url, undefined, { cacheTimeout: -1 });
  }

  /** anvil's funded dev account `index` (0-9), connected to `provider`. */
  static account(index: number, provider: Provider): HDNodeWallet {
    return HDNodeWallet.fromPhrase(ANVIL_MNEMONIC, undefined, `m/44'/60'/0'/0/${index}`).connect(provider);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill('SIGTERM');
    });
  }
}
