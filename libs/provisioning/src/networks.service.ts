import { Inject, Injectable } from '@nestjs/common';
import type { Actor, PlanLimits } from '@chainloom/auth';
import { APP_CONFIG, AppException, LifecycleService, newId, pointsAtPrivateAddress, type AppConfig } from '@chainloom/core';
import { AuditLog, PrismaService, tenantScoped, type Prisma } from '@chainloom/db';
import { PROTOCOL_CAPABILITIES, checkNetworkShape, checkOperation, type ChainProtocol, type NetworkOperation } from '@chainloom/orchestrator';
import { QueueService } from '@chainloom/queue';
import type { z } from 'zod';
import { NetworkEventsService } from './network-events.service';
import { OperationJob, newSteps, planSteps, type OperationKind } from './operation-plan';
import { ProvisioningException } from './provisioning.exception';
import type { CreateNetworkBody } from './provisioning.schemas';
import { SignerVaultService } from './signer-vault.service';
import { networkView, operationView } from './views';

/** Dev networks fund the tenant's signer from genesis with this much (1,000,000 ETH). */
const DEV_SIGNER_FUNDS = (10n ** 24n).toString();
/** Allocated chain ids start here, away from public chains' ids. */
const FIRST_CHAIN_ID = 910_001;

const OPERATION_NAMES: Record<OperationKind, NetworkOperation> = {
  CREATE: 'create',
  ADD_NODE: 'add-node',
  REMOVE_NODE: 'remove-node',
  STOP: 'stop',
  START: 'start',
  DELETE: 'delete',
};

/**
 * The API side of networks: validates a request against the protocol's capabilities and the
 * plan's quotas, writes the network and its operation in one transaction, and triggers the
 * provisioning queue. Nothing half-made is left behind by a refused request, because every
 * check happens before the transaction and the transaction is all-or-nothing.
 */
@Injectable()
export class NetworksService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditLog,
    private readonly queues: QueueService,
    private readonly signers: SignerVaultService,
    private readonly events: NetworkEventsService,
    private readonly lifecycle: LifecycleService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get publicUrl() {
    return this.lifecycle.publicUrl;
  }

  async create(tenantId: string, input: z.infer<typeof CreateNetworkBody>, limits: PlanLimits | null, actor: Actor, options: { isNotary?: boolean } = {}) {
    const external = input.protocol === 'external';
    const driver = external ? 'none' : (input.driver ?? (input.protocol === 'dev' ? 'local' : 'kubernetes'));
    let nodeCount = 0;
    let blockTimeSeconds = input.blockTimeSeconds ?? 0;
    if (external) {
      if (!input.rpcUrl) throw ProvisioningException.externalNeedsRpc();
      for (const field of ['driver', 'nodeCount', 'blockTimeSeconds', 'genesisAlloc'] as const) {
        if (input[field] !== undefined) throw ProvisioningException.fieldNotForProtocol(field, 'external');
      }
    } else {
      for (const field of ['rpcUrl', 'signerPrivateKey'] as const) {
        if (input[field] !== undefined) throw ProvisioningException.fieldNotForProtocol(field, input.protocol);
      }
      const caps = PROTOCOL_CAPABILITIES[input.protocol as ChainProtocol];
      nodeCount = input.nodeCount ?? caps.recommendedMinNodes;
      blockTimeSeconds = input.blockTimeSeconds ?? (caps.instantBlocks ? 0 : 2);
      const shape = checkNetworkShape(input.protocol, { nodeCount, blockTimeSeconds, driver: driver as 'local' | 'kubernetes' });
      if (!shape.allowed) throw ProvisioningException.unsupported(shape.code, shape.reason);
      if (driver !== 'local') throw ProvisioningException.driverNotConfigured(driver);
      if (limits && nodeCount > limits.nodesPerNetwork) throw ProvisioningException.quota('nodesPerNetwork', limits.nodesPerNetwork);
    }
    if (external) {
      // Refuse before the platform calls the URL at all.
      if (limits && (await this.prisma.network.count({ where: { tenantId, status: { not: 'DELETED' } } })) >= limits.networks) {
        throw ProvisioningException.quota('networks', limits.networks);
      }
      if (!this.config.EXTERNAL_RPC_ALLOW_PRIVATE && (await pointsAtPrivateAddress(input.rpcUrl ?? ''))) {
        throw ProvisioningException.privateRpcUrl();
      }
    }
    const chainId = external ? await this.signers.externalChainId(input.rpcUrl ?? '') : input.chainId;
    if (external && input.chainId !== undefined && input.chainId !== chainId) {
      throw AppException.badRequest('chain_id_mismatch', `The RPC URL serves chain ${chainId}, not ${input.chainId}.`);
    }

    const networkId = newId('net');
    const operationId = newId('op');
    const signer = await this.signers.prepare(external ? input.signerPrivateKey : undefined);
    {
      const { network, operation } = await this.prisma.$transaction(async (tx) => {
        // Serialise creations per tenant so two concurrent requests cannot both pass the quota.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${'networks:' + tenantId}, 0))`;
        const active = await tx.network.count({ where: { tenantId, status: { not: 'DELETED' } } });
        if (limits && active >= limits.networks) throw ProvisioningException.quota('networks', limits.networks);
        const genesisAlloc = external ? {} : { ...input.genesisAlloc, [signer.address]: DEV_SIGNER_FUNDS };
        const network = await tx.network.create({
          data: {
            id: networkId,
            tenantId,
            name: input.name,
            protocol: input.protocol,
            driver,
            chainId: external ? (chainId as number) : await this.claimChainId(tx, chainId),
            blockTimeSeconds,
            confirmations: input.confirmations ?? (external ? 6 : 1),
            genesisAlloc,
            externalRpc: external ? this.signers.sealRpcUrl(networkId, input.rpcUrl ?? '') : null,
            status: 'PENDING',
            isNotary: options.isNotary ?? false,
            nodes: {
              create: Array.from({ length: nodeCount }, (_, i) => ({
                id: newId('nod'),
                tenantId,
                name: input.protocol === 'dev' ? 'node-0' : `validator-${i}`,
              })),
            },
          },
          include: { nodes: true },
        });
        await this.signers.store(tx, tenantId, networkId, signer);
        const operation = await tx.operation.create({
          data: { id: operationId, tenantId, networkId, kind: 'CREATE', steps: newSteps(planSteps('CREATE', input.protocol)) },
        });
        await this.audit.append(tx, {
          tenantId,
          actor,
          action: 'network.create',
          target: { type: 'network', id: networkId },
          details: { name: input.name, protocol: input.protocol, driver, chainId: network.chainId },
        });
        return { network, operation };
      });
      await this.queues.trigger(OperationJob, { operationId });
      return { network: networkView(network, signer.address, this.publicUrl), operation: operationView(operation) };
    }
  }

  /**
   * The chain id of a network the platform runs: the requested one if no other such network uses
   * it, else the next free one. Under a lock, so two creations cannot claim the same id.
   */
  private async claimChainId(tx: Prisma.TransactionClient, requested: number | undefined) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('chain-id-allocation', 0))`;
    if (requested !== undefined) {
      const taken = await tx.network.count({ where: { chainId: requested, protocol: { not: 'external' }, status: { not: 'DELETED' } } });
      if (taken) throw ProvisioningException.chainIdTaken(requested);
      return requested;
    }
    const [row] = await tx.$queryRaw<{ next: number | null }[]>`
      SELECT max(chain_id) + 1 AS next FROM networks WHERE chain_id >= ${FIRST_CHAIN_ID} AND protocol <> 'external'`;
    return row?.next ?? FIRST_CHAIN_ID;
  }

  async list(tenantId: string, query: { status?: string; includeDeleted: 'true' | 'false' }) {
    const rows = await tenantScoped(this.prisma, tenantId).network.findMany({
      where: {
        ...(query.status ? { status: query.status as never } : {}),
        ...(query.includeDeleted === 'true' || query.status === 'DELETED' ? {} : { status: { not: 'DELETED' } }),
      },
      include: { nodes: true },
      orderBy: { createdAt: 'desc' },
      take: 500,
    });
    const signers = await tenantScoped(this.prisma, tenantId).signer.findMany({ where: { networkId: { in: rows.map((r) => r.id) } } });
    const addressOf = new Map(signers.map((s) => [s.networkId, s.address]));
    return { items: rows.map((n) => networkView(n, addressOf.get(n.id) ?? null, this.publicUrl)), nextCursor: null };
  }

  /** A network of this tenant, or 404 (also for another tenant's id). */
  async find(tenantId: string, networkId: string) {
    const network = await tenantScoped(this.prisma, tenantId).network.findUnique({ where: { id: networkId }, include: { nodes: true } });
    if (!network) throw AppException.notFound('Network');
    return network;
  }

  async get(tenantId: string, networkId: string) {
    const network = await this.find(tenantId, networkId);
    return networkView(network, await this.signers.addressOf(tenantId, networkId), this.publicUrl);
  }

  async operations(tenantId: string, networkId: string) {
    await this.find(tenantId, networkId);
    const rows = await tenantScoped(this.prisma, tenantId).operation.findMany({ where: { networkId }, orderBy: { createdAt: 'desc' }, take: 100 });
    return { items: rows.map(operationView), nextCursor: null };
  }

  async operation(tenantId: string, operationId: string) {
    const row = await tenantScoped(this.prisma, tenantId).operation.findUnique({ where: { id: operationId } });
    if (!row) throw AppException.notFound('Operation');
    return operationView(row);
  }

  /** Queues stop, start or delete; refused at once when the protocol or the state forbids it. */
  async request(tenantId: string, networkId: string, kind: 'STOP' | 'START' | 'DELETE' | 'ADD_NODE' | 'REMOVE_NODE', actor: Actor, params: Record<string, string> = {}) {
    const network = await this.find(tenantId, networkId);
    if (network.status === 'DELETED') throw ProvisioningException.deleted();
    if (network.protocol !== 'external') {
      const check = checkOperation(network.protocol as ChainProtocol, OPERATION_NAMES[kind], { nodeCount: network.nodes.filter((n) => n.status !== 'REMOVED').length });
      if (!check.allowed) throw ProvisioningException.unsupported(check.code, check.reason);
    } else if (kind === 'ADD_NODE' || kind === 'REMOVE_NODE') {
      throw ProvisioningException.unsupported('operation_unsupported', 'Chainloom runs no nodes for an external network.');
    }
    const operationId = newId('op');
    const operation = await this.prisma.$transaction(async (tx) => {
      const op = await tx.operation.create({
        data: { id: operationId, tenantId, networkId, kind, params, steps: newSteps(planSteps(kind, network.protocol)) },
      });
      await this.audit.append(tx, { tenantId, actor, action: `network.${kind.toLowerCase()}`, target: { type: 'network', id: networkId }, details: { operationId } });
      return op;
    });
    this.events.publish({ networkId, type: 'operation', data: operationView(operation) });
    await this.queues.trigger(OperationJob, { operationId });
    return operationView(operation);
  }
}
