// A real chain for the certificates tests until the provisioning module drives them: anvil nodes
// started here, an AnchorRegistry deployed with ethers, and a ChainGateway over them provided
// under CHAIN_GATEWAY. Nothing is mocked: transactions are mined by anvil, receipts and logs
// come from it, and stopping a node makes it unreachable for real.
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { CHAIN_GATEWAY, NonceManager, createProvider, type ChainGateway, type NetworkAccess } from '@chainloom/chain';
import { AnchorRegistryArtifact } from '@chainloom/contracts';
import { newId } from '@chainloom/core';
import { freePort } from '@chainloom/testing';
import { ContractFactory, HDNodeWallet, Wallet, type JsonRpcProvider } from 'ethers';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// anvil's built-in dev mnemonic; its accounts are funded at genesis.
const ANVIL_MNEMONIC = 'test test test test test test test test test test test junk';

/**
 * One anvil process with a fixed port and its state in a file, so that it can be stopped (the
 * network is down: connections are refused) and started again as the same chain.
 */
export class TestAnvil {
  private child?: ChildProcess;
  private readonly statePath: string;

  private constructor(
    readonly port: number,
    readonly chainId: number,
    private readonly blockTimeSeconds: number,
  ) {
    this.statePath = join(mkdtempSync(join(tmpdir(), 'chainloom-anvil-')), 'state.json');
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  static async start(options: { chainId: number; blockTimeSeconds?: number }): Promise<TestAnvil> {
    const anvil = new TestAnvil(await freePort(), options.chainId, options.blockTimeSeconds ?? 1);
    await anvil.start();
    return anvil;
  }

  async start(): Promise<void> {
    const binary = join(dirname(require.resolve('@foundry-rs/anvil-linux-amd64/package.json')), 'bin', 'anvil');
    const args = ['--port', String(this.port), '--host', '127.0.0.1', '--chain-id', String(this.chainId), '--state', this.statePath];
    if (this.blockTimeSeconds > 0) args.push('--block-time', String(this.blockTimeSeconds));
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`anvil did not start in 15 s:\n${output}`)), 15_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (/Listening on/.test(output)) {
          clearTimeout(timer);
          child.stdout?.off('data', onData);
          child.stdout?.resume();
          child.stderr?.resume();
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`anvil exited with ${code}:\n${output}`));
      });
    });
  }

  /** Stops the node (its state is written to disk, as a node's database would be). */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
    this.child = undefined;
  }

  provider(): JsonRpcProvider {
    return createProvider(this.url, { chainId: this.chainId, pollingIntervalMs: 200 });
  }

  /** Funded dev account `index`, connected. Account 0 deploys the registry and anchors. */
  wallet(index = 0): Wallet {
    const hd = HDNodeWallet.fromPhrase(ANVIL_MNEMONIC, undefined, `m/44'/60'/0'/0/${index}`);
    return new Wallet(hd.privateKey, this.provider());
  }

  async deployRegistry(): Promise<string> {
    const factory = new ContractFactory(AnchorRegistryArtifact.abi, AnchorRegistryArtifact.bytecode, this.wallet(0));
    const contract = await factory.deploy();
    await contract.waitForDeployment();
    return contract.getAddress();
  }
}

interface TestNetwork {
  access: NetworkAccess;
  anvil: TestAnvil;
  isNotary: boolean;
  /** One wallet (one provider) per network: the nonce manager keeps its lanes per provider. */
  signer: Wallet;
}

/** ChainGateway over TestAnvil nodes: what the provisioning domain will provide for real. */
export class TestChainGateway implements ChainGateway {
  private readonly networks = new Map<string, TestNetwork>();
  private readonly nonces = new NonceManager();

  /** Deploys a registry on the node and registers it as a network of `tenantId`; returns its id. */
  async addNetwork(anvil: TestAnvil, tenantId: string, options: { confirmations?: number; isNotary?: boolean } = {}): Promise<string> {
    const networkId = newId('net');
    const registryAddress = await anvil.deployRegistry();
    this.networks.set(networkId, {
      anvil,
      signer: anvil.wallet(0),
      isNotary: options.isNotary ?? false,
      access: {
        networkId,
        tenantId,
        chainId: anvil.chainId,
        rpcUrl: anvil.url,
        registryAddress,
        confirmations: options.confirmations ?? 1,
        status: 'RUNNING',
      },
    });
    return networkId;
  }

  async network(networkId: string): Promise<NetworkAccess | null> {
    return this.networks.get(networkId)?.access ?? null;
  }

  async notaryNetwork(): Promise<NetworkAccess | null> {
    return [...this.networks.values()].find((n) => n.isNotary)?.access ?? null;
  }

  /** The registry's deployer, which is authorised to anchor (one platform key, as on the notary). */
  async signer(_tenantId: string, networkId: string): Promise<Wallet> {
    const network = this.networks.get(networkId);
    if (!network) throw new Error(`unknown network ${networkId}`);
    return network.signer;
  }

  async send(signer: Wallet, request: { to?: string; data: string; value?: bigint; gasLimit?: bigint }) {
    const response = await this.nonces.send(signer, request);
    return { hash: response.hash, nonce: response.nonce };
  }
}

@Global()
@Module({})
class TestChainModule {}

/** Provides `gateway` as CHAIN_GATEWAY to the whole app. */
export function testChainModule(gateway: ChainGateway): DynamicModule {
  return { module: TestChainModule, global: true, providers: [{ provide: CHAIN_GATEWAY, useValue: gateway }], exports: [CHAIN_GATEWAY] };
}
