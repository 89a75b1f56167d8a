import { Inject, Injectable } from '@nestjs/common';
import type { Actor, PlanLimits } from '@chainloom/auth';
import { APP_CONFIG, AppException, LifecycleService, newId, pointsAtPrivateAddress, type AppConfig } from '@chainloom/core';
import { AuditLog, PrismaService, tenantScoped, type Prisma } from '@chainloom/db';
import {
  PLAN_NETWORK_RESOURCES,
  PROTOCOL_CAPABILITIES,
  checkNetworkShape,
  checkOperation,
  checkQbftValidatorCount,
  checkValidatorChange,
  planBesuNetwork,
  type BesuNodeRole,
  type ChainProtocol,
  type NetworkOperation,
  type PlannedBesuNode,
} from '@chainloom/orchestrator';
import { QueueService } from '@chainloom/queue';
import type { z } from 'zod';
import { besuSettingsOf, type BesuSettingsRow } from './besu-settings';
import { driverEnabled } from './chain-drivers';
import { NetworkEventsService } from './network-events.service';
import { OperationJob, newSteps, planSteps, type OperationKind } from './operation-plan';
import { ProvisioningException } from './provisioning.exception';
import type { AddNodeBody, CreateNetworkBody } from './provisioning.schemas';
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
  RESTART: 'restart',
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
    const warnings: string[] = [];
    let besuShape: ReturnType<NetworksService['besuShape']> | null = null;
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
      if (input.protocol === 'besu-qbft') {
        besuShape = this.besuShape(input);
        nodeCount = besuShape.validators + besuShape.rpcNodes;
        warnings.push(...besuShape.warnings);
      } else {
        for (const field of ['validators', 'rpcNodes', 'allowSmallValidatorSet'] as const) {
          if (input[field] !== undefined) throw ProvisioningException.fieldNotForProtocol(field, input.protocol);
        }
        nodeCount = input.nodeCount ?? caps.recommendedMinNodes;
      }
      blockTimeSeconds = input.blockTimeSeconds ?? (caps.instantBlocks ? 0 : 2);
      const shape = checkNetworkShape(input.protocol, { nodeCount, blockTimeSeconds, driver: driver as 'local' | 'kubernetes' });
      if (!shape.allowed) throw ProvisioningException.unsupported(shape.code, shape.reason);
      if (!driverEnabled(this.config, driver)) throw ProvisioningException.driverNotConfigured(driver);
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
    const roles: { nodeId: string; role: BesuNodeRole }[] = besuShape
      ? [
          ...Array.from({ length: besuShape.validators }, () => ({ nodeId: newId('nod'), role: 'validator' as const })),
          ...Array.from({ length: besuShape.rpcNodes }, () => ({ nodeId: newId('nod'), role: 'rpc' as const })),
        ]
      : Array.from({ length: nodeCount }, () => ({ nodeId: newId('nod'), role: 'validator' as const }));
    // Every validator's address is in the genesis block, so all keys exist before any node starts.
    const planned = besuShape ? planBesuNetwork(this.signers.secretBox, roles, { allowUnsafeValidatorCount: besuShape.allowSmall }) : null;
    const besuSettings: BesuSettingsRow | null = planned
      ? {
          genesisValidators: [...planned.genesisValidators],
          allowSmallValidatorSet: besuShape?.allowSmall ?? false,
          resources: await this.networkResources(tenantId, limits, nodeCount),
        }
      : null;
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
            ...(besuSettings ? { besuSettings: besuSettings as unknown as Prisma.InputJsonValue } : {}),
            nodes: {
              create: roles.map((node, i) => ({
                id: node.nodeId,
                tenantId,
                name: input.protocol === 'dev' ? 'node-0' : nodeName(node.role, roles.slice(0, i).filter((r) => r.role === node.role).length),
                role: node.role,
                ...besuKeyColumns(planned?.nodes[i]),
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
      return { network: networkView(network, signer.address, this.publicUrl), operation: operationView(operation), warnings };
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

  /**
   * Queues an operation; refused at once (400/409, nothing queued) when the protocol, the plan or
   * the chain's safety forbids it. For besu-qbft an added node gets its key here, in the same
   * transaction as its operation, and a removal or restart that would leave QBFT without the
   * validators it needs is refused before anything is queued (the operation checks again on the
   * chain itself, which is the truth, before it votes).
   */
  async request(
    tenantId: string,
    networkId: string,
    kind: Exclude<OperationKind, 'CREATE'>,
    actor: Actor,
    options: { readonly nodeId?: string; readonly role?: z.infer<typeof AddNodeBody>['role']; readonly limits?: PlanLimits | null } = {},
  ) {
    const network = await this.find(tenantId, networkId);
    if (network.status === 'DELETED') throw ProvisioningException.deleted();
    const live = network.nodes.filter((n) => n.status !== 'REMOVED');
    const target = options.nodeId === undefined ? undefined : live.find((n) => n.id === options.nodeId);
    if (kind === 'REMOVE_NODE' && !target) throw AppException.notFound('Node');
    if (network.protocol !== 'external') {
      const check = checkOperation(network.protocol as ChainProtocol, OPERATION_NAMES[kind], { nodeCount: live.length });
      if (!check.allowed) throw ProvisioningException.unsupported(check.code, check.reason);
    } else if (kind === 'ADD_NODE' || kind === 'REMOVE_NODE' || kind === 'RESTART') {
      throw ProvisioningException.unsupported('operation_unsupported', 'Chainloom runs no nodes for an external network.');
    }
    if (kind === 'ADD_NODE' && options.limits && live.length + 1 > options.limits.nodesPerNetwork) {
      throw ProvisioningException.quota('nodesPerNetwork', options.limits.nodesPerNetwork);
    }
    const besu = network.protocol === 'besu-qbft' ? besuSettingsOf(network) : null;
    if (besu && (kind === 'ADD_NODE' || kind === 'REMOVE_NODE' || kind === 'RESTART')) {
      if (!['RUNNING', 'DEGRADED'].includes(network.status)) throw ProvisioningException.notRunning(network.status);
      this.checkValidatorSafety(kind, live, options.role ?? 'validator', target, besu.allowSmallValidatorSet);
    }
    const added =
      besu && kind === 'ADD_NODE'
        ? (() => {
            const role = options.role ?? 'validator';
            const nodeId = newId('nod');
            const [planned] = planBesuNetwork(this.signers.secretBox, [{ nodeId, role }], { allowUnsafeValidatorCount: true }).nodes;
            const taken = new Set(network.nodes.map((n) => n.name));
            let index = 0;
            while (taken.has(nodeName(role, index))) index++;
            return { id: nodeId, tenantId, networkId, name: nodeName(role, index), role, ...besuKeyColumns(planned) };
          })()
        : null;
    const params: Record<string, string> = added ? { nodeId: added.id } : target ? { nodeId: target.id } : {};
    const operationId = newId('op');
    const operation = await this.prisma.$transaction(async (tx) => {
      if (added) await tx.node.create({ data: added });
      const op = await tx.operation.create({
        data: { id: operationId, tenantId, networkId, kind, params, steps: newSteps(planSteps(kind, network.protocol)) },
      });
      await this.audit.append(tx, { tenantId, actor, action: `network.${kind.toLowerCase()}`, target: { type: 'network', id: networkId }, details: { operationId, ...params } });
      return op;
    });
    this.events.publish({ networkId, type: 'operation', data: operationView(operation) });
    await this.queues.trigger(OperationJob, { operationId });
    return operationView(operation);
  }

  /**
   * The quorum rules of QBFT (src/besu/qbft-quorum.ts) applied to what the platform last saw of
   * the nodes (the health monitor keeps their status): a 400 that names the rule, before any vote.
   */
  private checkValidatorSafety(
    kind: 'ADD_NODE' | 'REMOVE_NODE' | 'RESTART',
    live: readonly { id: string; role: string; status: string }[],
    role: BesuNodeRole,
    target: { id: string; role: string; status: string } | undefined,
    allowSmall: boolean,
  ) {
    // A node still PENDING was never voted in: it is not part of the validator set yet.
    const validators = live.filter((n) => n.role === 'validator' && n.status !== 'PENDING');
    const online = validators.filter((n) => n.status === 'UP').length;
    let check;
    if (kind === 'ADD_NODE') {
      if (role !== 'validator') return;
      check = checkValidatorChange({ kind: 'add', validators: validators.length, online });
    } else if (kind === 'REMOVE_NODE') {
      if (target?.role !== 'validator') return;
      check = checkValidatorChange({ kind: 'remove', validators: validators.length, online, targetOnline: target.status === 'UP', allowUnsafe: allowSmall });
    } else {
      // Each validator in turn is down while it restarts; the worst case is one that is up now.
      check = checkValidatorChange({ kind: 'restart', validators: validators.length, online, targetOnline: true });
    }
    if (!check.allowed) throw ProvisioningException.unsupported('validator_change_unsafe', check.reason);
  }

  /** The besu-qbft shape of a create request: validator and RPC node counts, and the small-set flag. */
  private besuShape(input: z.infer<typeof CreateNetworkBody>) {
    const rpcNodes = input.rpcNodes ?? 0;
    const validators = input.validators ?? (input.nodeCount !== undefined ? input.nodeCount - rpcNodes : PROTOCOL_CAPABILITIES['besu-qbft'].recommendedMinNodes);
    if (input.nodeCount !== undefined && input.nodeCount !== validators + rpcNodes) {
      throw AppException.badRequest('node_count_mismatch', `nodeCount ${input.nodeCount} is not validators (${validators}) plus rpcNodes (${rpcNodes}); give validators and rpcNodes only.`);
    }
    const allowSmall = input.allowSmallValidatorSet ?? false;
    const check = checkQbftValidatorCount(validators, { allowUnsafeValidatorCount: allowSmall });
    if (!check.allowed) {
      throw ProvisioningException.unsupported('validator_count_unsafe', check.reason.replace('Pass allowUnsafeValidatorCount', 'Set allowSmallValidatorSet: true'));
    }
    return { validators, rpcNodes, allowSmall, warnings: check.warnings };
  }

  /**
   * What the network may use in the cluster, from the tenant's plan (PLAN_NETWORK_RESOURCES),
   * fixed at creation: a node volume's size cannot change once its StatefulSet exists.
   */
  private async networkResources(tenantId: string, limits: PlanLimits | null, nodeCount: number) {
    const tenant = await this.prisma.tenant.findUnique({ where: { id: tenantId }, select: { plan: true } });
    const preset = PLAN_NETWORK_RESOURCES[tenant?.plan ?? 'FREE'];
    const maxNodes = Math.min(PROTOCOL_CAPABILITIES['besu-qbft'].maxNodes, Math.max(nodeCount, limits?.nodesPerNetwork ?? preset.maxNodes));
    return { ...preset, maxNodes, ...(this.config.KUBERNETES_STORAGE_CLASS ? { storageClassName: this.config.KUBERNETES_STORAGE_CLASS } : {}) };
  }
}

const nodeName = (role: string, index: number) => `${role === 'rpc' ? 'rpc' : 'validator'}-${index}`;

/** A planned Besu node's key columns: public facts in the clear, the private key sealed. */
const besuKeyColumns = (node: PlannedBesuNode | undefined) =>
  node ? { publicKey: node.publicKey, address: node.address, sealedKey: node.sealedNodeKey } : {};
