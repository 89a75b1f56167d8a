import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ROOT_LOGGER } from '@chainloom/core';
import { PrismaService, type Prisma } from '@chainloom/db';
import { AnchorRegistryArtifact } from '@chainloom/contracts';
import { newId } from '@chainloom/core';
import { KubernetesDriver, OrchestratorException, QbftOperations, type ChainDriver, type ChainProtocol, type NodeSpec } from '@chainloom/orchestrator';
import { PermanentJobFailure, QueueService, ReconcilerService, WorkerHost, type JobContext, type JobOutcome } from '@chainloom/queue';
import { ContractFactory, getCreateAddress } from 'ethers';
import type { Logger } from 'pino';
import { besuNetworkOf, besuSettingsOf } from './besu-settings';
import { CHAIN_DRIVERS, type ChainDrivers } from './chain-drivers';
import { keyRetentionUntil } from './node-key-retention';
import { NetworkEventsService } from './network-events.service';
import { OperationJob } from './operation-plan';
import type { OperationStep } from './provisioning.schemas';
import { SignerVaultService } from './signer-vault.service';
import { operationView } from './views';

type OperationRow = Prisma.OperationGetPayload<{ include: { network: { include: { nodes: true } } } }>;
type StepResult = string | null;

/**
 * Executes provisioning operations (the `provisioning` queue). One operation at a time per
 * network: a job for an operation that is not its network's oldest unfinished one does nothing,
 * and the finishing operation triggers the next. Every step converges on a state (the driver's
 * methods are idempotent; the registry deployment is recognised by its deterministic address),
 * so a crash at any point resumes at the step it was in.
 */
@Injectable()
export class OperationRunner implements OnModuleInit {
  private readonly logger: Logger;

  constructor(
    private readonly prisma: PrismaService,
    private readonly workers: WorkerHost,
    private readonly reconciler: ReconcilerService,
    private readonly queues: QueueService,
    private readonly signers: SignerVaultService,
    private readonly events: NetworkEventsService,
    @Inject(CHAIN_DRIVERS) private readonly drivers: ChainDrivers,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'provisioning' });
  }

  onModuleInit() {
    this.workers.register(OperationJob, (payload, context) => this.run(payload.operationId, context), { concurrency: 4 });
    this.reconciler.register({
      name: 'provisioning-operations',
      findDue: async () => {
        // The oldest unfinished operation of each network is due; later ones wait their turn.
        const rows = await this.prisma.$queryRaw<{ id: string }[]>`
          SELECT DISTINCT ON (network_id) id FROM operations
          WHERE status IN ('QUEUED', 'RUNNING') ORDER BY network_id, created_at`;
        return rows.map((r) => ({ job: OperationJob, payload: { operationId: r.id } }));
      },
    });
  }

  private load(operationId: string) {
    return this.prisma.operation.findUnique({ where: { id: operationId }, include: { network: { include: { nodes: true } } } });
  }

  async run(operationId: string, context: JobContext): Promise<JobOutcome> {
    let op = await this.load(operationId);
    if (!op || op.status === 'SUCCEEDED' || op.status === 'FAILED') return { status: 'skipped', detail: 'already finished' };
    const first = await this.prisma.operation.findFirst({
      where: { networkId: op.networkId, status: { in: ['QUEUED', 'RUNNING'] } },
      orderBy: { createdAt: 'asc' },
      select: { id: true },
    });
    if (first?.id !== op.id) return { status: 'skipped', detail: 'an earlier operation of this network runs first' };

    op = await this.update(op, { status: 'RUNNING', attempts: { increment: 1 }, startedAt: op.startedAt ?? new Date() });
    if (op.kind === 'CREATE' || op.kind === 'START') await this.setNetworkStatus(op.networkId, 'PROVISIONING', null);
    const steps = op.steps as OperationStep[];
    try {
      for (const step of steps) {
        if (step.status === 'done') continue;
        step.status = 'running';
        step.startedAt ??= new Date().toISOString();
        op = await this.update(op, { steps });
        if (step.name === 'finish') {
          await this.finish(op, steps, step);
          break;
        }
        step.detail = await this.step(step.name, op, step.detail);
        step.status = 'done';
        step.finishedAt = new Date().toISOString();
        op = await this.update(op, { steps, lastError: null });
      }
      await this.triggerNext(op.networkId);
      return { status: 'done' };
    } catch (error) {
      const message = (error as Error).message.slice(0, 2_000);
      // A refused RBAC, an invalid spec or an unsafe validator change fails the same way on every
      // attempt: fail now, with the driver's message, instead of after every retry.
      const permanent = error instanceof OrchestratorException && !error.retryable;
      const final = permanent || context.attempt >= OperationJob.retry.attempts;
      const running = steps.find((s) => s.status === 'running');
      // The step keeps its own detail (e.g. a planned nonce) until it finally fails.
      if (running && final) {
        running.status = 'failed';
        running.detail = message.split('\n')[0];
      }
      await this.update(op, { steps, lastError: message, ...(final ? { status: 'FAILED', finishedAt: new Date() } : {}) });
      if (final) {
        if (op.kind === 'CREATE') await this.setNetworkStatus(op.networkId, 'FAILED', message.split('\n')[0]);
        else await this.setNetworkStatus(op.networkId, op.network.status === 'PROVISIONING' ? 'DEGRADED' : op.network.status, `${op.kind} failed: ${message.split('\n')[0]}`);
        await this.triggerNext(op.networkId);
      }
      this.logger.warn({ operationId, kind: op.kind, attempt: context.attempt, final, err: message }, 'operation step failed');
      throw permanent ? new PermanentJobFailure(message) : error;
    }
  }

  /**
   * The last step: the network's final status and the operation's success are written in one
   * transaction, so no reader (nor a restart after a kill) sees a RUNNING network whose
   * operation is still running.
   */
  private async finish(op: OperationRow, steps: OperationStep[], step: OperationStep) {
    const status = op.kind === 'STOP' ? 'STOPPED' : op.kind === 'DELETE' ? 'DELETED' : 'RUNNING';
    const now = new Date();
    Object.assign(step, { status: 'done', detail: status, finishedAt: now.toISOString() });
    const [updated, network] = await this.prisma.$transaction([
      this.prisma.operation.update({
        where: { id: op.id },
        data: { steps, lastError: null, status: 'SUCCEEDED', finishedAt: now },
        include: { network: { include: { nodes: true } } },
      }),
      this.prisma.network.update({ where: { id: op.networkId }, data: { status, statusReason: null, ...(op.kind === 'DELETE' ? { deletedAt: now } : {}) } }),
    ]);
    this.events.publish({ networkId: op.networkId, type: 'operation', data: operationView(updated) });
    this.events.publish({ networkId: op.networkId, type: 'network', data: { status: network.status, statusReason: network.statusReason, registryAddress: network.registryAddress } });
  }

  private async triggerNext(networkId: string) {
    const next = await this.prisma.operation.findFirst({ where: { networkId, status: 'QUEUED' }, orderBy: { createdAt: 'asc' } });
    if (next) await this.queues.trigger(OperationJob, { operationId: next.id });
  }

  private async update(op: OperationRow, data: Prisma.OperationUpdateInput): Promise<OperationRow> {
    const updated = await this.prisma.operation.update({ where: { id: op.id }, data, include: { network: { include: { nodes: true } } } });
    this.events.publish({ networkId: op.networkId, type: 'operation', data: operationView(updated) });
    return updated;
  }

  private async setNetworkStatus(networkId: string, status: Prisma.NetworkUpdateInput['status'], reason: string | null, extra: Prisma.NetworkUpdateInput = {}) {
    const network = await this.prisma.network.update({ where: { id: networkId }, data: { status, statusReason: reason, ...extra } });
    this.events.publish({ networkId, type: 'network', data: { status: network.status, statusReason: network.statusReason, registryAddress: network.registryAddress } });
  }

  private driver(op: OperationRow): ChainDriver {
    const driver = this.drivers.get(op.network.driver);
    if (!driver) throw new Error(`driver ${op.network.driver} is not configured on this platform`);
    return driver;
  }

  /** The kubernetes driver and QBFT's day-2 operations on it, for the besu-qbft steps. */
  private besu(op: OperationRow): { driver: KubernetesDriver; ops: QbftOperations } {
    const driver = this.driver(op);
    if (!(driver instanceof KubernetesDriver)) throw new Error(`besu-qbft needs the kubernetes driver, not ${driver.name}`);
    return { driver, ops: new QbftOperations(driver) };
  }

  private spec(op: OperationRow, nodeId: string): NodeSpec {
    const n = op.network;
    const spec: NodeSpec = {
      networkId: n.id,
      nodeId,
      protocol: n.protocol as ChainProtocol,
      chainId: n.chainId,
      blockTimeSeconds: n.blockTimeSeconds,
      genesisAlloc: n.genesisAlloc as Record<string, string>,
    };
    if (n.protocol !== 'besu-qbft') return spec;
    const node = n.nodes.find((row) => row.id === nodeId);
    if (!node?.sealedKey) throw new OrchestratorException('invalid_spec', `Node ${nodeId} has no key (it was purged after its retention period).`);
    return { ...spec, besu: { sealedNodeKey: node.sealedKey, network: besuNetworkOf(n, n.nodes) } };
  }

  /** Progress of a long step, as operation events the console shows (no secrets: ids, addresses, blocks). */
  private progress(op: OperationRow) {
    return (message: string) => {
      this.logger.info({ operationId: op.id, networkId: op.networkId }, message);
      this.events.publish({ networkId: op.networkId, type: 'progress', data: { operationId: op.id, message } });
    };
  }

  private async markRemoved(op: OperationRow, nodeIds: readonly string[]) {
    const retainUntil = op.network.protocol === 'besu-qbft' ? await keyRetentionUntil(this.prisma, op.tenantId) : null;
    await this.prisma.node.updateMany({ where: { id: { in: [...nodeIds] } }, data: { status: 'REMOVED', ...(retainUntil ? { keyRetainedUntil: retainUntil } : {}) } });
  }

  /** Runs one named step; returns a detail to record (used by steps that must remember a fact). */
  private async step(name: string, op: OperationRow, detail: string | null): Promise<StepResult> {
    const live = op.network.nodes.filter((node) => node.status !== 'REMOVED');
    switch (name) {
      case 'start-nodes': {
        for (const node of live) {
          const runtime = await this.driver(op).ensureNode(this.spec(op, node.id));
          await this.prisma.node.update({
            where: { id: node.id },
            data: { status: 'UP', rpcUrl: runtime.rpcUrl, runtime: { handle: runtime.handle, pid: runtime.pid ?? null, startedFrom: runtime.startedFrom }, lastSeenAt: new Date() },
          });
          this.events.publish({ networkId: op.networkId, type: 'node', data: { id: node.id, status: 'UP', startedFrom: runtime.startedFrom } });
        }
        return `${live.length} node(s) up`;
      }
      case 'stop-nodes': {
        for (const node of live) {
          await this.driver(op).stopNode({ networkId: op.networkId, nodeId: node.id });
          await this.prisma.node.update({ where: { id: node.id }, data: { status: 'STOPPED' } });
        }
        return `${live.length} node(s) stopped`;
      }
      case 'remove-nodes': {
        const targets = op.kind === 'REMOVE_NODE' ? live.filter((n) => n.id === (op.params as { nodeId?: string }).nodeId) : live;
        for (const node of targets) {
          await this.driver(op).removeNode({ networkId: op.networkId, nodeId: node.id }, { keepData: false });
          await this.prisma.node.update({ where: { id: node.id }, data: { status: 'REMOVED' } });
        }
        return `${targets.length} node(s) removed`;
      }
      case 'add-besu-node': {
        const nodeId = (op.params as { nodeId?: string }).nodeId ?? '';
        const node = live.find((n) => n.id === nodeId);
        if (!node) throw new OrchestratorException('invalid_spec', `node ${nodeId} is not part of network ${op.networkId}`);
        const { driver, ops } = this.besu(op);
        const spec = this.spec(op, nodeId);
        let summary: string;
        if (node.role === 'validator') {
          const added = await ops.addValidator(spec, { timeoutMs: this.besuTimeoutMs(op), onProgress: this.progress(op) });
          summary = `validator ${added.address} voted in at block ${added.addedAtBlock}, proposed block ${added.proposedBlock}`;
        } else {
          await driver.ensureNode(spec);
          summary = `rpc node ${nodeId} following the chain`;
        }
        // Its ensureNode rewrote the network's static-nodes list with the newcomer in it; running
        // nodes read it at their next start, and the newcomer dials all of them meanwhile.
        await this.prisma.node.update({ where: { id: nodeId }, data: { status: 'UP', rpcUrl: driver.rpc.url(spec), lastSeenAt: new Date() } });
        this.events.publish({ networkId: op.networkId, type: 'node', data: { id: nodeId, status: 'UP' } });
        return summary;
      }
      case 'remove-besu-node': {
        const nodeId = (op.params as { nodeId?: string }).nodeId ?? '';
        const node = live.find((n) => n.id === nodeId);
        if (!node) return `node ${nodeId} already removed`;
        const { driver, ops } = this.besu(op);
        let summary: string;
        if (node.role === 'validator') {
          const allowUnsafe = besuSettingsOf(op.network).allowSmallValidatorSet;
          const removed = await ops.removeValidator(
            { networkId: op.networkId, nodeId, network: besuNetworkOf(op.network, op.network.nodes) },
            { timeoutMs: this.besuTimeoutMs(op), allowUnsafe, keepData: false, onProgress: this.progress(op) },
          );
          summary = `validator ${removed.address} voted out at block ${removed.removedAtBlock}`;
        } else {
          await driver.removeNode({ networkId: op.networkId, nodeId }, { keepData: false });
          summary = `rpc node ${nodeId} removed`;
        }
        await this.markRemoved(op, [nodeId]);
        return summary;
      }
      case 'rolling-restart': {
        const { ops } = this.besu(op);
        const network = besuNetworkOf(op.network, op.network.nodes);
        // Resumable: nodes restarted by an earlier attempt of this step are not restarted again.
        const done = new Set((detail ?? '').startsWith('restarted:') ? (detail ?? '').slice(10).split(',').filter(Boolean) : []);
        const steps = op.steps as OperationStep[];
        const step = steps.find((s) => s.name === 'rolling-restart');
        const restarted = await ops.rollingRestart(op.networkId, network, {
          timeoutMs: this.besuTimeoutMs(op),
          onProgress: this.progress(op),
          skip: done,
          onRestarted: async (nodeId) => {
            done.add(nodeId);
            if (step) step.detail = `restarted:${[...done].join(',')}`;
            await this.prisma.operation.update({ where: { id: op.id }, data: { steps } });
          },
        });
        return `${done.size} node(s) restarted one at a time${restarted.length ? `; head at block ${restarted[restarted.length - 1].headAfter}` : ''}`;
      }
      case 'delete-network': {
        const { driver } = this.besu(op);
        // The node keys stay in the database (sealed, re-sealed by master-key rotation) until the
        // plan's retention runs out; no second copy is left in the cluster to escape rotation.
        const result = await driver.deleteNetwork(op.networkId);
        await this.markRemoved(op, live.map((n) => n.id));
        return result.namespaceDeleted ? 'namespace deleted' : 'namespace already gone';
      }
      case 'check-rpc': {
        const chainId = await this.signers.externalChainId(this.rpcUrl(op));
        if (chainId !== op.network.chainId) throw new Error(`the RPC URL now serves chain ${chainId}, not ${op.network.chainId}`);
        return `chain ${chainId} answers`;
      }
      case 'deploy-registry':
        return this.deployRegistry(op, detail);
      default:
        throw new Error(`unknown step ${name}`);
    }
  }

  /** A QBFT operation waits for votes and blocks: allow ten block periods and a slow pod start. */
  private besuTimeoutMs(op: OperationRow): number {
    return 180_000 + op.network.blockTimeSeconds * 10_000;
  }

  rpcUrl(op: OperationRow): string {
    if (op.network.externalRpc) return this.signers.openRpcUrl(op.networkId, op.network.externalRpc);
    const up = op.network.nodes.find((n) => n.rpcUrl && n.status !== 'REMOVED');
    if (!up?.rpcUrl) throw new Error('no node of the network has an RPC URL yet');
    return up.rpcUrl;
  }

  /**
   * Deploys the AnchorRegistry with the tenant's signer. The contract's address follows from the
   * signer and the nonce, so the step records the nonce first; after a crash it finds the contract
   * at that address instead of deploying a second one.
   */
  private async deployRegistry(op: OperationRow, detail: string | null): Promise<StepResult> {
    const network = await this.prisma.network.findUniqueOrThrow({ where: { id: op.networkId }, include: { nodes: true } });
    if (network.registryAddress) return `registry at ${network.registryAddress}`;
    const wallet = await this.signers.wallet(op.tenantId, op.networkId, this.rpcUrl({ ...op, network }));
    const provider = wallet.provider;
    if (!provider) throw new Error('signer has no provider');
    const planned = detail?.startsWith('nonce:') ? Number(detail.slice(6)) : null;
    let nonce = planned ?? (await provider.getTransactionCount(wallet.address, 'pending'));
    let address = getCreateAddress({ from: wallet.address, nonce });
    const steps = op.steps as OperationStep[];
    if (planned === null) {
      const step = steps.find((s) => s.name === 'deploy-registry');
      if (step) step.detail = `nonce:${nonce}`;
      await this.prisma.operation.update({ where: { id: op.id }, data: { steps } });
    }
    if ((await provider.getCode(address)) === '0x') {
      const used = await provider.getTransactionCount(wallet.address, 'latest');
      if (used > nonce) {
        // The planned nonce went to something else (or the deployment reverted): plan again.
        nonce = await provider.getTransactionCount(wallet.address, 'pending');
        address = getCreateAddress({ from: wallet.address, nonce });
      }
      const factory = new ContractFactory(AnchorRegistryArtifact.abi, AnchorRegistryArtifact.bytecode, wallet);
      const tx = await factory.getDeployTransaction();
      const sent = await wallet.sendTransaction({ ...tx, nonce }).catch((error: Error) => {
        // Already in the pool from an earlier attempt: wait for that one below.
        if (!/already known|nonce too low|replacement/i.test(error.message)) throw error;
        return null;
      });
      if (sent) await sent.wait(1, 60_000);
      const deadline = Date.now() + 60_000;
      while ((await provider.getCode(address)) === '0x') {
        if (Date.now() > deadline) throw new Error(`the registry did not appear at ${address}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    await this.prisma.$transaction([
      this.prisma.network.update({ where: { id: op.networkId }, data: { registryAddress: address } }),
      this.prisma.contract.create({
        data: {
          id: newId('con'),
          tenantId: op.tenantId,
          networkId: op.networkId,
          name: 'AnchorRegistry',
          template: 'anchor-registry',
          address,
          abi: AnchorRegistryArtifact.abi as unknown as Prisma.InputJsonValue,
          txHash: '',
          system: true,
        },
      }),
    ]);
    return `registry at ${address}`;
  }
}
