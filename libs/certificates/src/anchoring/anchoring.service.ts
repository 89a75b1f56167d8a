import { Inject, Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { CHAIN_GATEWAY, createProvider, type ChainGateway, type NetworkAccess } from '@chainloom/chain';
import { ROOT_LOGGER } from '@chainloom/core';
import { anchorRegistryAt, parseAnchoredLogs, parseAnchorRegistryError, tenantKey, type AnchoredEvent } from '@chainloom/contracts';
import { PrismaService, type Prisma } from '@chainloom/db';
import { QueueService, ReconcilerService, WorkerHost, type JobContext, type JobOutcome } from '@chainloom/queue';
import type { JsonRpcProvider, TransactionReceipt } from 'ethers';
import type { PoolClient } from 'pg';
import type { Logger } from 'pino';
import { CERTIFICATES_JOBS, type CertificatesJobs } from '../certificates.jobs';
import { CERTIFICATES_OPTIONS, type CertificatesOptions } from '../certificates.options';
import { toHex } from '../certificate-views';
import { FROM_BATCH_CERTIFICATES, OMIT_TREE } from '../certificate-rows';
import { CertificatesPg } from '../ingest/certificates-pg';
import { WebhookEventsService } from '../webhooks/webhook-events.service';

const RPC_TIMEOUT_MS = 15_000;
/** Registry errors that no retry can fix: the batch can never be anchored on that registry. */
const PERMANENT = new Set(['BatchSeqNotIncreasing', 'ZeroRoot', 'EmptyBatch']);

type LaneAnchor = { id: string; tenantId: string; batchId: string; batchSeq: number; networkId: string; root: string; leafCount: number };

/** A failure worth retrying later (node down, registry not deployed yet, signer not authorised yet). */
class TransientAnchorError extends Error {}

const withTimeout = <T>(promise: Promise<T>, what: string): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new TransientAnchorError(`${what}: no answer within ${RPC_TIMEOUT_MS} ms`)), RPC_TIMEOUT_MS);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * Anchors sealed batches: one AnchorRegistry transaction per batch and target network, whatever
 * the batch's size. Per anchor: PENDING → SUBMITTED (sent) → ANCHORED (mined, Anchored event
 * read) → CONFIRMED (the network's `confirmations` blocks deep, its block still canonical), or
 * FAILED with the reason when the registry refuses it for good.
 *
 * Order: a tenant's batches must reach each registry in seq order (batchSeq strictly increases
 * per tenant), so a (tenant, network) lane is sent one batch at a time, oldest first, under an
 * advisory lock; a submit job sends its lane's earlier pending batches before its own. A network
 * that is down fails only its own lane's jobs, which retry with backoff and are re-added by the
 * reconciler, so it catches up in order when it is back while other targets go on.
 *
 * Never twice: before sending, anchorOf(root) is read; a root already there (our earlier
 * transaction whose receipt we lost) is recorded from its Anchored event instead of sent again,
 * and a RootAlreadyAnchored revert is treated the same way. A transaction that vanishes (dropped
 * from the pool, or its block reorganised away) sends the anchor PENDING again.
 *
 * Status of certificates: a batch (and so each of its certificates) is CONFIRMED as soon as ONE
 * of its anchors is confirmed: the receipt then verifies against that chain alone, which is what
 * a notary's customer needs, and a slow or dead extra target must not hold that back. The
 * receipt lists every anchor with its own status for those who want all of them.
 */
@Injectable()
export class AnchoringService implements OnModuleInit {
  private readonly providers = new Map<string, JsonRpcProvider>();
  private readonly logger: Logger;

  constructor(
    private readonly prisma: PrismaService,
    private readonly pg: CertificatesPg,
    private readonly queue: QueueService,
    private readonly workers: WorkerHost,
    private readonly reconciler: ReconcilerService,
    private readonly events: WebhookEventsService,
    @Inject(CERTIFICATES_OPTIONS) private readonly options: CertificatesOptions,
    @Inject(CERTIFICATES_JOBS) private readonly jobs: CertificatesJobs,
    @Inject(ROOT_LOGGER) logger: Logger,
    @Optional() @Inject(CHAIN_GATEWAY) private readonly chains: ChainGateway | null,
  ) {
    this.logger = logger.child({ component: 'anchoring' });
  }

  onModuleInit() {
    this.workers.register(this.jobs.submitAnchor, ({ anchorId }) => this.submit(anchorId), { concurrency: 16 });
    this.workers.register(this.jobs.confirmAnchor, ({ anchorId }, context) => this.confirm(anchorId, context));
    this.reconciler.register({
      name: 'certificates.anchors',
      findDue: async () => {
        // PENDING anchors need sending; SUBMITTED and ANCHORED ones need following. Jobs still in
        // Redis make these no-ops (their ids derive from the anchor).
        const rows = await this.prisma.certificateAnchor.findMany({
          where: { status: { in: ['PENDING', 'SUBMITTED', 'ANCHORED'] } },
          select: { id: true, status: true },
          orderBy: [{ batchSeq: 'asc' }],
          take: 5_000,
        });
        return rows.map((r) => ({ job: r.status === 'PENDING' ? this.jobs.submitAnchor : this.jobs.confirmAnchor, payload: { anchorId: r.id } }));
      },
    });
  }

  // ─── Submit ──────────────────────────────────────────────────────────────────────────────

  async submit(anchorId: string): Promise<JobOutcome> {
    const anchor = await this.prisma.certificateAnchor.findUnique({ where: { id: anchorId } });
    if (!anchor || anchor.status !== 'PENDING') return { status: 'skipped', detail: anchor?.status ?? 'gone' };
    if (!this.chains) throw new TransientAnchorError('no chain gateway in this process');
    const network = await this.chains.network(anchor.networkId);
    if (!network) {
      await this.fail(anchor.id, `network ${anchor.networkId} no longer exists`);
      return { status: 'done', detail: 'failed: network gone' };
    }
    const sent = await this.withLane(anchor.tenantId, anchor.networkId, async (client) => {
      // Earlier batches of the lane go first: the registry accepts batchSeq only in increasing order.
      const lane = await client.query<{ id: string; tenant_id: string; batch_id: string; batch_seq: number; network_id: string; root: Buffer; leaf_count: number }>(
        `SELECT a.id, a.tenant_id, a.batch_id, a.batch_seq, a.network_id, b.root, b.leaf_count
         FROM certificate_anchors a JOIN certificate_batches b ON b.id = a.batch_id
         WHERE a.tenant_id = $1 AND a.network_id = $2 AND a.status = 'PENDING' AND a.batch_seq <= $3
         ORDER BY a.batch_seq`,
        [anchor.tenantId, anchor.networkId, anchor.batchSeq],
      );
      const submitted: string[] = [];
      for (const row of lane.rows) {
        const item: LaneAnchor = {
          id: row.id,
          tenantId: row.tenant_id,
          batchId: row.batch_id,
          batchSeq: row.batch_seq,
          networkId: row.network_id,
          root: toHex(row.root),
          leafCount: row.leaf_count,
        };
        try {
          if (await this.submitOne(item, network)) submitted.push(item.id);
        } catch (error) {
          await this.noteError(item.id, error);
          throw error;
        }
      }
      return submitted;
    });
    for (const id of sent) await this.queue.trigger(this.jobs.confirmAnchor, { anchorId: id });
    return { status: 'done', detail: `${sent.length} sent or found` };
  }

  /** Sends one anchor (or records it as already on chain). True when it left PENDING. */
  private async submitOne(anchor: LaneAnchor, network: NetworkAccess): Promise<boolean> {
    const chains = this.chains as ChainGateway;
    if (!network.registryAddress) throw new TransientAnchorError('the network has no anchor registry yet');
    const provider = this.provider(network);
    const registry = anchorRegistryAt(network.registryAddress, provider);
    const key = tenantKey(anchor.tenantId);
    const existing = await this.findOnChain(anchor, network, provider);
    if (existing === 'foreign') {
      await this.fail(anchor.id, 'this root is anchored on the registry under another tenant or batch');
      return false;
    }
    if (existing) {
      await this.recordMined(anchor.id, network, existing, null);
      return true;
    }
    const signer = await withTimeout(chains.signer(anchor.tenantId, anchor.networkId), 'signer');
    const data = registry.interface.encodeFunctionData('anchor', [key, anchor.batchSeq, anchor.root, anchor.leafCount]);
    let hash: string;
    try {
      ({ hash } = await withTimeout(chains.send(signer, { to: network.registryAddress, data }), 'send'));
    } catch (error) {
      const decoded = parseAnchorRegistryError(error);
      if (decoded?.name === 'RootAlreadyAnchored') {
        const found = await this.findOnChain(anchor, network, provider);
        if (found && found !== 'foreign') {
          await this.recordMined(anchor.id, network, found, null);
          return true;
        }
      }
      if (decoded?.name === 'BatchSeqNotIncreasing') {
        // A later batch reached this registry first: this anchor's transaction was lost (a node
        // restarted from an older state, a reorg) after the next one was mined. The registry's
        // sequence is per target, so the batch is anchored again under the next number it
        // accepts; its root, checked above, cannot be anchored twice.
        const [, last] = await withTimeout(registry.lastAnchor(key), 'lastAnchor');
        const next = Number(last) + 1;
        await this.prisma.certificateAnchor.updateMany({ where: { id: anchor.id, status: 'PENDING' }, data: { batchSeq: next } });
        throw new TransientAnchorError(`anchoring again under batch sequence ${next} (was ${anchor.batchSeq})`);
      }
      if (decoded && PERMANENT.has(decoded.name)) {
        await this.fail(anchor.id, `the registry refused the batch: ${decoded.name}`);
        return false;
      }
      throw new TransientAnchorError(decoded ? `the registry refused the batch: ${decoded.name}` : (error as Error).message);
    }
    await this.prisma.certificateAnchor.updateMany({
      where: { id: anchor.id, status: 'PENDING' },
      data: {
        status: 'SUBMITTED',
        txHash: hash,
        chainId: network.chainId,
        contract: network.registryAddress,
        submittedAt: new Date(),
        attempts: { increment: 1 },
        error: null,
      },
    });
    return true;
  }

  /** The Anchored event of this anchor's root on the network, 'foreign' if someone else's, or null. */
  private async findOnChain(anchor: LaneAnchor, network: NetworkAccess, provider: JsonRpcProvider): Promise<AnchoredEvent | 'foreign' | null> {
    const registryAddress = network.registryAddress as string;
    const registry = anchorRegistryAt(registryAddress, provider);
    const [tenant, batchSeq, blockNumber] = await withTimeout(registry.anchorOf(anchor.root), 'anchorOf');
    if (blockNumber === 0n) return null;
    if (tenant !== tenantKey(anchor.tenantId) || Number(batchSeq) !== anchor.batchSeq) return 'foreign';
    const logs = await withTimeout(provider.getLogs({ address: registryAddress, fromBlock: Number(blockNumber), toBlock: Number(blockNumber) }), 'getLogs');
    return parseAnchoredLogs(logs).find((e) => e.root.toLowerCase() === anchor.root) ?? null;
  }

  // ─── Confirm ─────────────────────────────────────────────────────────────────────────────

  async confirm(anchorId: string, context: JobContext): Promise<JobOutcome> {
    if (!this.chains) throw new TransientAnchorError('no chain gateway in this process');
    const deadline = Date.now() + this.options.anchorConfirmWaitMs;
    for (;;) {
      const anchor = await this.prisma.certificateAnchor.findUnique({ where: { id: anchorId }, include: { batch: { omit: OMIT_TREE } } });
      if (!anchor || !anchor.txHash || (anchor.status !== 'SUBMITTED' && anchor.status !== 'ANCHORED')) {
        return { status: 'skipped', detail: anchor?.status ?? 'gone' };
      }
      const network = await this.chains.network(anchor.networkId);
      if (!network) {
        await this.fail(anchor.id, `network ${anchor.networkId} no longer exists`);
        return { status: 'done', detail: 'failed: network gone' };
      }
      try {
        const outcome = await this.checkOnce(anchor, network);
        if (outcome !== 'waiting') return { status: 'done', detail: outcome };
      } catch (error) {
        await this.noteError(anchor.id, error);
        throw error;
      }
      if (Date.now() > deadline || context.signal.aborted) throw new TransientAnchorError('still waiting for confirmations');
      await sleep(this.options.anchorPollMs, context.signal);
    }
  }

  /** One look at the chain. */
  private async checkOnce(
    anchor: Prisma.CertificateAnchorGetPayload<{ include: { batch: { omit: typeof OMIT_TREE } } }>,
    network: NetworkAccess,
  ): Promise<'confirmed' | 'resubmit' | 'failed' | 'waiting'> {
    const provider = this.provider(network);
    const txHash = anchor.txHash as string;
    const lane: LaneAnchor = {
      id: anchor.id,
      tenantId: anchor.tenantId,
      batchId: anchor.batchId,
      batchSeq: anchor.batchSeq,
      networkId: anchor.networkId,
      root: toHex(anchor.batch.root),
      leafCount: anchor.batch.leafCount,
    };
    const receipt = await withTimeout(provider.getTransactionReceipt(txHash), 'getTransactionReceipt');
    if (!receipt) {
      // Mined before and gone now: its block was reorganised away. Never mined, and no node
      // knows it after a while: dropped. Either way the root may still be on chain through
      // another transaction; if not, the anchor is sent again (in lane order).
      const known = anchor.status === 'SUBMITTED' ? await withTimeout(provider.getTransaction(txHash), 'getTransaction') : null;
      const stale = !anchor.submittedAt || Date.now() - anchor.submittedAt.getTime() > this.options.anchorDroppedAfterMs;
      if (anchor.status === 'SUBMITTED' && (known || !stale)) return 'waiting';
      const found = await this.findOnChain(lane, network, provider);
      if (found && found !== 'foreign') {
        await this.recordMined(anchor.id, network, found, null);
        return 'waiting';
      }
      await this.resetToPending(anchor.id, anchor.status === 'ANCHORED' ? 'its block left the canonical chain' : 'the transaction was dropped');
      return 'resubmit';
    }
    if (receipt.status === 0) {
      const found = await this.findOnChain(lane, network, provider);
      if (found && found !== 'foreign') {
        await this.recordMined(anchor.id, network, found, null);
        return 'waiting';
      }
      await this.fail(anchor.id, 'the anchor transaction reverted');
      return 'failed';
    }
    const event = parseAnchoredLogs(receipt.logs.filter((l) => l.address.toLowerCase() === network.registryAddress?.toLowerCase())).find(
      (e) => e.root.toLowerCase() === lane.root,
    );
    if (!event) {
      await this.fail(anchor.id, 'the transaction carries no Anchored event for this root');
      return 'failed';
    }
    if (anchor.status === 'SUBMITTED' || anchor.blockHash !== receipt.blockHash) {
      await this.recordMined(anchor.id, network, event, receipt);
    }
    const head = await withTimeout(provider.getBlockNumber(), 'getBlockNumber');
    const confirmations = head - receipt.blockNumber + 1;
    if (confirmations < Math.max(1, network.confirmations)) return 'waiting';
    // Deep enough: the block at that height must still be the receipt's block.
    const block = await withTimeout(provider.getBlock(receipt.blockNumber), 'getBlock');
    if (!block || block.hash !== receipt.blockHash) return 'waiting';
    await this.markConfirmed(anchor.id, anchor.tenantId, anchor.batchId);
    return 'confirmed';
  }

  // ─── State changes ───────────────────────────────────────────────────────────────────────

  private async recordMined(anchorId: string, network: NetworkAccess, event: AnchoredEvent, receipt: TransactionReceipt | null) {
    await this.prisma.$transaction(async (tx) => {
      const updated = await tx.certificateAnchor.update({
        where: { id: anchorId },
        data: {
          status: 'ANCHORED',
          chainId: network.chainId,
          contract: event.contract,
          txHash: event.transactionHash,
          logIndex: event.logIndex,
          blockNumber: BigInt(event.blockNumber),
          blockHash: event.blockHash,
          blockTime: new Date(Number(event.timestamp) * 1000),
          ...(receipt ? { gasUsed: receipt.gasUsed } : {}),
          error: null,
        },
      });
      await this.refreshBatch(tx, updated.tenantId, updated.batchId);
    });
  }

  private async markConfirmed(anchorId: string, tenantId: string, batchId: string) {
    const deliveries = await this.prisma.$transaction(async (tx) => {
      await tx.certificateAnchor.update({ where: { id: anchorId }, data: { status: 'CONFIRMED', confirmedAt: new Date() } });
      return this.refreshBatch(tx, tenantId, batchId);
    });
    await this.events.dispatch(deliveries);
  }

  private async fail(anchorId: string, reason: string) {
    this.logger.warn({ anchorId, reason }, 'anchor failed');
    const deliveries = await this.prisma.$transaction(async (tx) => {
      const anchor = await tx.certificateAnchor.update({ where: { id: anchorId }, data: { status: 'FAILED', error: reason } });
      const batch = await tx.certificateBatch.findUniqueOrThrow({ where: { id: anchor.batchId }, omit: OMIT_TREE });
      const failed = await this.events.emit(tx, anchor.tenantId, 'anchor.failed', {
        anchorId,
        batchId: batch.id,
        batchSeq: batch.seq,
        root: toHex(batch.root),
        networkId: anchor.networkId,
        reason,
      });
      return [...failed, ...(await this.refreshBatch(tx, anchor.tenantId, anchor.batchId))];
    });
    await this.events.dispatch(deliveries);
  }

  private async resetToPending(anchorId: string, reason: string) {
    this.logger.warn({ anchorId, reason }, 'anchor sent again');
    await this.prisma.$transaction(async (tx) => {
      const anchor = await tx.certificateAnchor.update({
        where: { id: anchorId },
        data: { status: 'PENDING', txHash: null, logIndex: null, blockNumber: null, blockHash: null, blockTime: null, error: reason },
      });
      await this.refreshBatch(tx, anchor.tenantId, anchor.batchId);
    });
    await this.queue.trigger(this.jobs.submitAnchor, { anchorId });
  }

  private async noteError(anchorId: string, error: unknown) {
    const message = (error as Error).message?.slice(0, 500) ?? String(error);
    await this.prisma.certificateAnchor.update({ where: { id: anchorId }, data: { error: message, attempts: { increment: 1 } } }).catch(() => undefined);
  }

  /**
   * Recomputes the batch's status from its anchors: CONFIRMED once any anchor is (and for good:
   * the confirmation was announced), else ANCHORED if any is mined, FAILED if all failed, else
   * PENDING. Emits certificate.confirmed the first time; returns deliveries to dispatch.
   */
  private async refreshBatch(tx: Prisma.TransactionClient, tenantId: string, batchId: string): Promise<string[]> {
    // The row lock orders concurrent anchors of one batch, so only one of them announces it.
    await tx.$queryRaw`SELECT id FROM certificate_batches WHERE id = ${batchId} FOR UPDATE`;
    const batch = await tx.certificateBatch.findUniqueOrThrow({ where: { id: batchId }, omit: OMIT_TREE, include: { anchors: true } });
    if (batch.status === 'CONFIRMED') return [];
    const statuses = batch.anchors.map((a) => a.status);
    const next = statuses.includes('CONFIRMED')
      ? 'CONFIRMED'
      : statuses.includes('ANCHORED')
        ? 'ANCHORED'
        : statuses.length > 0 && statuses.every((s) => s === 'FAILED')
          ? 'FAILED'
          : 'PENDING';
    if (next === batch.status) return [];
    const now = new Date();
    await tx.certificateBatch.update({ where: { id: batchId }, data: { status: next, ...(next === 'CONFIRMED' ? { confirmedAt: now } : {}) }, select: { id: true } });
    if (next !== 'CONFIRMED') return [];
    const confirmed = batch.anchors.find((a) => a.status === 'CONFIRMED');
    const certificates = await tx.$queryRawUnsafe<{ id: string }[]>(`SELECT c.id ${FROM_BATCH_CERTIFICATES} ORDER BY c.id`, batchId);
    return this.events.emit(tx, tenantId, 'certificate.confirmed', {
      batchId,
      batchSeq: batch.seq,
      root: toHex(batch.root),
      confirmedAt: now.toISOString(),
      anchor: confirmed
        ? { networkId: confirmed.networkId, chainId: confirmed.chainId, txHash: confirmed.txHash, blockNumber: Number(confirmed.blockNumber), blockHash: confirmed.blockHash }
        : null,
      certificateIds: certificates.map((c) => c.id),
    });
  }

  // ─── Plumbing ────────────────────────────────────────────────────────────────────────────

  private provider(network: NetworkAccess): JsonRpcProvider {
    const key = `${network.networkId}|${network.rpcUrl}`;
    let provider = this.providers.get(key);
    if (!provider) {
      provider = createProvider(network.rpcUrl, { chainId: network.chainId, pollingIntervalMs: 250 });
      this.providers.set(key, provider);
    }
    return provider;
  }

  /**
   * Runs `work` holding the lane's session-level advisory lock on one pooled connection (a
   * crashed holder's lock goes with its connection). Waits briefly for a busy lane, whose holder
   * is then sending this job's anchor as well.
   */
  private async withLane<T>(tenantId: string, networkId: string, work: (client: PoolClient) => Promise<T>): Promise<T> {
    const key = `certificates-anchor-lane:${tenantId}:${networkId}`;
    const client = await this.pg.connectWork();
    try {
      for (let attempt = 0; ; attempt++) {
        const { rows } = await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked`, [key]);
        if (rows[0].locked) break;
        if (attempt >= 100) throw new TransientAnchorError('the anchoring lane is busy');
        await new Promise((r) => setTimeout(r, 50));
      }
      try {
        return await work(client);
      } finally {
        await client.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [key]);
      }
    } finally {
      client.release();
    }
  }
}
