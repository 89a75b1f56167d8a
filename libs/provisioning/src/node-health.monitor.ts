import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, ROOT_LOGGER, type AppConfig } from '@chainloom/core';
import { PrismaService } from '@chainloom/db';
import type { ChainProtocol } from '@chainloom/orchestrator';
import { RedisService, WorkerHost } from '@chainloom/queue';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { CHAIN_DRIVERS, type ChainDrivers } from './chain-drivers';
import { NetworkEventsService } from './network-events.service';
import { purgeExpiredNodeKeys } from './node-key-retention';

/**
 * Watches the nodes of running networks (worker role): polls each over its driver (process or
 * pod readiness, and JSON-RPC), reports a dead node (node DOWN, network DEGRADED) and, on the
 * local driver, restarts it from its data, then reports the network RUNNING again. On the
 * kubernetes driver the cluster restarts pods itself; the monitor only reports, including a chain
 * whose head stopped advancing. After a platform restart the first poll finds nodes
 * that kept running and adopts them (the local driver reads their pid files) rather than starting
 * second copies; nodes whose network is stopped or deleted are stopped. Networks with an
 * operation in progress are left to the operation. One monitor acts at a time across instances
 * (a lease in Redis).
 */
@Injectable()
export class NodeHealthMonitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private ticking = false;
  private readonly leaseOwner = randomUUID();
  private readonly logger: Logger;
  /** Highest block seen per network and since when, to tell a chain that stands still. */
  private readonly heads = new Map<string, { head: number; since: number }>();
  private lastPurge = 0;

  constructor(
    private readonly prisma: PrismaService,
    private readonly workers: WorkerHost,
    private readonly redis: RedisService,
    private readonly events: NetworkEventsService,
    @Inject(CHAIN_DRIVERS) private readonly drivers: ChainDrivers,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'node-health' });
  }

  onApplicationBootstrap() {
    if (!this.workers.enabled) return;
    this.timer = setInterval(() => void this.tick(), this.config.NODE_HEALTH_INTERVAL_MS);
    this.timer.unref();
    void this.tick();
  }

  onApplicationShutdown() {
    clearInterval(this.timer);
  }

  private async holdLease(): Promise<boolean> {
    const key = `${this.redis.prefix}:node-health-lease`;
    const ttl = this.config.NODE_HEALTH_INTERVAL_MS * 3;
    try {
      const got = await this.redis.command.set(key, this.leaseOwner, 'PX', ttl, 'NX');
      if (got) return true;
      if ((await this.redis.command.get(key)) !== this.leaseOwner) return false;
      await this.redis.command.pexpire(key, ttl);
      return true;
    } catch {
      // Without Redis there is no lease; watching anyway is safe (driver calls are idempotent).
      return true;
    }
  }

  async tick() {
    if (this.ticking) return;
    this.ticking = true;
    try {
      if (await this.holdLease()) await this.check();
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'health check round failed');
    } finally {
      this.ticking = false;
    }
  }

  private async check() {
    const networks = await this.prisma.network.findMany({
      where: { status: { in: ['RUNNING', 'DEGRADED', 'STOPPED', 'DELETED'] }, driver: { not: 'none' } },
      include: { nodes: true, operations: { where: { status: { in: ['QUEUED', 'RUNNING'] } }, select: { id: true } } },
    });
    const wanted = new Set<string>();
    for (const network of networks) {
      const driver = this.drivers.get(network.driver);
      if (!driver || network.operations.length > 0) {
        for (const node of network.nodes) wanted.add(node.id); // an operation owns them now
        this.heads.delete(network.id); // and may restart them: the stall clock starts afresh after it
        continue;
      }
      if (network.status === 'STOPPED' || network.status === 'DELETED') continue;
      let down: string | null = null;
      for (const node of network.nodes.filter((n) => n.status !== 'REMOVED')) {
        wanted.add(node.id);
        const health = await driver.nodeStatus({ networkId: network.id, nodeId: node.id });
        if (health.state === 'up') {
          this.observeHead(network.id, health.blockNumber);
          await this.prisma.node.update({
            where: { id: node.id },
            data: { status: 'UP', blockNumber: health.blockNumber !== undefined ? BigInt(health.blockNumber) : undefined, lastSeenAt: new Date(), ...(health.rpcUrl ? { rpcUrl: health.rpcUrl } : {}) },
          });
          continue;
        }
        // The list was read at the start of the round: the network may have been stopped or
        // deleted since, or an operation may own it now. Only a network still wanted is healed.
        const current = await this.prisma.network.findUnique({
          where: { id: network.id },
          select: { status: true, operations: { where: { status: { in: ['QUEUED', 'RUNNING'] } }, select: { id: true } } },
        });
        if (!current || !['RUNNING', 'DEGRADED'].includes(current.status) || current.operations.length > 0) break;
        down = `${node.name} is down (${health.reason ?? health.state})`;
        if (node.status !== 'DOWN') {
          await this.prisma.node.update({ where: { id: node.id }, data: { status: 'DOWN' } });
          this.events.publish({ networkId: network.id, type: 'node', data: { id: node.id, status: 'DOWN', reason: health.reason ?? health.state } });
        }
        if (network.status !== 'DEGRADED') await this.setStatus(network.id, 'DEGRADED', down);
        if (driver.name === 'kubernetes') {
          // Kubernetes heals its own: the StatefulSet controller restarts a dead pod and the
          // kubelet a failing container. Re-applying from here would race it and, for a QBFT
          // validator, could not fix what the cluster cannot (a full volume, a stalled quorum).
          this.logger.warn({ networkId: network.id, nodeId: node.id, reason: health.reason, detail: health.detail }, 'node down; left to Kubernetes');
          continue;
        }
        this.logger.warn({ networkId: network.id, nodeId: node.id, reason: health.reason }, 'node down; restarting it');
        try {
          const runtime = await driver.ensureNode({
            networkId: network.id,
            nodeId: node.id,
            protocol: network.protocol as ChainProtocol,
            chainId: network.chainId,
            blockTimeSeconds: network.blockTimeSeconds,
            genesisAlloc: network.genesisAlloc as Record<string, string>,
          });
          await this.prisma.node.update({ where: { id: node.id }, data: { status: 'UP', rpcUrl: runtime.rpcUrl, runtime: { handle: runtime.handle, pid: runtime.pid ?? null, startedFrom: runtime.startedFrom }, lastSeenAt: new Date() } });
          this.events.publish({ networkId: network.id, type: 'node', data: { id: node.id, status: 'UP', startedFrom: runtime.startedFrom } });
          down = null;
        } catch (error) {
          this.logger.error({ networkId: network.id, nodeId: node.id, err: (error as Error).message }, 'could not restart node');
        }
      }
      if (!down && driver.name === 'kubernetes') down = this.stalled(network);
      if (down && network.status !== 'DEGRADED') await this.setStatus(network.id, 'DEGRADED', down);
      if (!down && network.status === 'DEGRADED') await this.setStatus(network.id, 'RUNNING', null);
    }
    await this.stopOrphans(wanted);
    await this.purgeKeys();
  }

  /**
   * Every node answering is not enough for QBFT: with too few validators in the quorum the nodes
   * answer while the chain stands still. A network whose head has not moved for three block
   * periods (or three polls, whichever is longer) is reported DEGRADED with the block it stopped at.
   */
  private stalled(network: { id: string; blockTimeSeconds: number }): string | null {
    const heads = this.heads.get(network.id);
    if (!heads) return null;
    const window = Math.max(3 * network.blockTimeSeconds * 1000, 3 * this.config.NODE_HEALTH_INTERVAL_MS);
    return Date.now() - heads.since > window ? `the chain has not advanced past block ${heads.head} for ${Math.round((Date.now() - heads.since) / 1000)} s` : null;
  }

  private observeHead(networkId: string, blockNumber: number | undefined) {
    if (blockNumber === undefined) return;
    const seen = this.heads.get(networkId);
    if (!seen || blockNumber > seen.head) this.heads.set(networkId, { head: blockNumber, since: Date.now() });
  }

  /** At most hourly: node keys past their retention are forgotten (the row stays, for history). */
  private async purgeKeys() {
    if (Date.now() - this.lastPurge < 3_600_000) return;
    this.lastPurge = Date.now();
    const purged = await purgeExpiredNodeKeys(this.prisma);
    if (purged) this.logger.info({ purged }, 'purged node keys past their retention period');
  }

  /** Nodes running with no network that wants them (stopped or deleted while we were down). */
  private async stopOrphans(wanted: Set<string>) {
    for (const [name, driver] of this.drivers) {
      for (const running of await driver.listRunning()) {
        if (wanted.has(running.nodeId)) continue;
        const node = await this.prisma.node.findUnique({ where: { id: running.nodeId }, include: { network: true } });
        if (node && !['STOPPED', 'DELETED'].includes(node.network.status) && node.status !== 'REMOVED') continue;
        this.logger.warn({ driver: name, nodeId: running.nodeId }, 'stopping a node no network wants');
        await driver.stopNode(running);
      }
    }
  }

  /** Only between RUNNING and DEGRADED: a stop or delete that landed meanwhile wins. */
  private async setStatus(networkId: string, status: 'RUNNING' | 'DEGRADED', reason: string | null) {
    const { count } = await this.prisma.network.updateMany({
      where: { id: networkId, status: { in: ['RUNNING', 'DEGRADED'] } },
      data: { status, statusReason: reason },
    });
    if (count) this.events.publish({ networkId, type: 'network', data: { status, statusReason: reason } });
  }
}
