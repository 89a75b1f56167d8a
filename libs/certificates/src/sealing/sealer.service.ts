import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ROOT_LOGGER, newId } from '@chainloom/core';
import { buildTree, certificateLeaf } from '@chainloom/merkle';
import { QueueService, ReconcilerService, WorkerHost } from '@chainloom/queue';
import type { PoolClient } from 'pg';
import type { Logger } from 'pino';
import { CERTIFICATES_JOBS, type CertificatesJobs } from '../certificates.jobs';
import { CERTIFICATES_OPTIONS, type CertificatesOptions } from '../certificates.options';
import { saltOrZero, toHex } from '../certificate-views';
import { AnchorTargetsService } from '../anchoring/anchor-targets.service';
import { CertificatesPg } from '../ingest/certificates-pg';
import { CertificateWriter } from '../ingest/certificate-writer';
import { IdempotencyService } from '../ingest/idempotency.service';
import { IngestionAuditor } from './ingestion-auditor.service';

/** How often one API process re-triggers a tenant's (deduplicated) seal job. */
const TRIGGER_EVERY_MS = 100;

export interface SealedBatch {
  batchId: string;
  seq: number;
  root: string;
  leafCount: number;
  anchorIds: string[];
}

/**
 * Closes batches: per tenant, every sealIntervalMs (or as soon as maxBatchLeaves are waiting),
 * pending certificates are claimed into a batch, a Merkle tree is built over their leaves, and
 * the batch (root, leaf count, per-tenant seq, the serialized tree) and its anchors are written,
 * all in ONE transaction. The claim takes whole ingestions (group-commit flushes, see
 * CertificateWriter) with `SELECT … FOR UPDATE SKIP LOCKED` under a per-tenant advisory lock and
 * records the batch and leaf offset on them; certificate rows are only read. A crash anywhere
 * rolls the whole batch back (nothing lost), and no ingestion is ever claimed twice (nothing
 * double-sealed); seq is max(seq) + 1 under the same lock, so it strictly increases per tenant
 * as AnchorRegistry requires.
 *
 * Triggers: after each group commit the API process adds the tenant's seal job delayed by
 * sealIntervalMs (deduplicated by job id while it waits: that delay is what gathers a batch);
 * the reconciler re-adds it for any tenant whose certificates wait longer than that.
 */
@Injectable()
export class SealerService implements OnModuleInit {
  private readonly lastTrigger = new Map<string, number>();
  private readonly sinceTrigger = new Map<string, number>();
  private readonly logger: Logger;

  constructor(
    private readonly pg: CertificatesPg,
    private readonly writer: CertificateWriter,
    private readonly queue: QueueService,
    private readonly workers: WorkerHost,
    private readonly reconciler: ReconcilerService,
    private readonly targets: AnchorTargetsService,
    private readonly auditor: IngestionAuditor,
    private readonly idempotency: IdempotencyService,
    @Inject(CERTIFICATES_OPTIONS) private readonly options: CertificatesOptions,
    @Inject(CERTIFICATES_JOBS) private readonly jobs: CertificatesJobs,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'sealer' });
  }

  onModuleInit() {
    this.writer.onCommit((committed) => this.onCommitted(committed));
    const seal = async ({ tenantId }: { tenantId: string }) => {
      await this.auditor.auditTenant(tenantId);
      const batches = await this.sealTenant(tenantId);
      return { status: batches.length ? ('done' as const) : ('skipped' as const), detail: `${batches.length} batch(es)` };
    };
    this.workers.register(this.jobs.seal, seal, { concurrency: 8 });
    this.workers.register(this.jobs.sealNow, seal);
    this.reconciler.register({
      name: 'certificates.seal',
      findDue: async () => {
        const tenants = new Set([...(await this.tenantsWaiting(this.options.sealIntervalMs * 2)), ...(await this.auditor.tenantsBehind(5_000))]);
        // Housekeeping rides along: expired Idempotency-Keys.
        await this.idempotency.purgeExpired().catch(() => undefined);
        return [...tenants].map((tenantId) => ({ job: this.jobs.seal, payload: { tenantId } }));
      },
    });
  }

  /** After a group commit: make sure each tenant's seal job is waiting (a few Redis calls a second at most). */
  private onCommitted(committed: ReadonlyMap<string, number>) {
    const now = Date.now();
    for (const [tenantId, count] of committed) {
      const since = (this.sinceTrigger.get(tenantId) ?? 0) + count;
      if (since >= this.options.maxBatchLeaves) {
        this.sinceTrigger.set(tenantId, 0);
        void this.queue.trigger(this.jobs.sealNow, { tenantId });
        continue;
      }
      this.sinceTrigger.set(tenantId, since);
      if (now - (this.lastTrigger.get(tenantId) ?? 0) < TRIGGER_EVERY_MS) continue;
      this.lastTrigger.set(tenantId, now);
      this.sinceTrigger.set(tenantId, 0);
      void this.queue.trigger(this.jobs.seal, { tenantId }, { delayMs: this.options.sealIntervalMs });
    }
    if (this.lastTrigger.size > 10_000) this.lastTrigger.clear();
  }

  /** Seals all of the tenant's pending certificates, maxBatchLeaves per batch; then queues their anchors. */
  async sealTenant(tenantId: string): Promise<SealedBatch[]> {
    const sealed: SealedBatch[] = [];
    for (;;) {
      const batch = await this.sealOne(tenantId);
      if (!batch) break;
      sealed.push(batch);
      for (const anchorId of batch.anchorIds) await this.queue.trigger(this.jobs.submitAnchor, { anchorId });
      if (batch.leafCount < this.options.maxBatchLeaves) break;
    }
    return sealed;
  }

  private async sealOne(tenantId: string): Promise<SealedBatch | null> {
    const targets = await this.targets.targetsFor(tenantId);
    return this.pg.transaction(async (client): Promise<SealedBatch | null> => {
      await client.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, ['certificates-seal:' + tenantId]);
      const claimed = await this.claimIngestions(client, tenantId);
      if (!claimed.length) return null;
      const leaves = await this.leavesOf(client, tenantId, claimed);
      const tree = buildTree(leaves);
      const { rows: seqRows } = await client.query<{ seq: number }>(
        `SELECT coalesce(max(seq), 0) + 1 AS seq FROM certificate_batches WHERE tenant_id = $1`,
        [tenantId],
      );
      const seq = seqRows[0].seq;
      const batchId = newId('cbat');
      await client.query(
        `INSERT INTO certificate_batches (id, tenant_id, seq, root, leaf_count, tree, status, created_at, updated_at)
         VALUES ($1, $2, $3, decode($4, 'hex'), $5, $6, 'PENDING', now() AT TIME ZONE 'utc', now() AT TIME ZONE 'utc')`,
        [batchId, tenantId, seq, tree.root.slice(2), leaves.length, Buffer.from(tree.serialize())],
      );
      await client.query(
        `UPDATE certificate_ingestions i SET batch_id = $1, leaf_offset = u.leaf_offset, updated_at = now() AT TIME ZONE 'utc'
         FROM unnest($2::text[], $3::int[]) AS u(id, leaf_offset) WHERE i.id = u.id`,
        [batchId, claimed.map((c) => c.id), claimed.map((c) => c.leafOffset)],
      );
      const anchorIds = targets.map(() => newId('anc'));
      if (anchorIds.length) {
        await client.query(
          `INSERT INTO certificate_anchors (id, tenant_id, batch_id, batch_seq, network_id, status, created_at, updated_at)
           SELECT id, $2, $3, $4, network_id, 'PENDING', now() AT TIME ZONE 'utc', now() AT TIME ZONE 'utc'
           FROM unnest($1::text[], $5::text[]) AS u(id, network_id)`,
          [anchorIds, tenantId, batchId, seq, targets],
        );
      }
      this.logger.debug({ tenantId, batchId, seq, leaves: leaves.length, ingestions: claimed.length, targets }, 'sealed a batch');
      return { batchId, seq, root: tree.root, leafCount: leaves.length, anchorIds };
    });
  }

  /**
   * The tenant's oldest unsealed ingestions, whole, up to maxBatchLeaves certificates (at least
   * one ingestion; the writer keeps each within that size). Locked until the transaction ends;
   * a crash rolls the claim back with the batch.
   */
  private async claimIngestions(client: PoolClient, tenantId: string): Promise<ClaimedIngestion[]> {
    const { rows } = await client.query<{ id: string; count: number; first_id: string; last_id: string }>(
      `SELECT id, count, first_id, last_id FROM certificate_ingestions
       WHERE tenant_id = $1 AND batch_id IS NULL AND leaf_offset IS NULL
       ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [tenantId, this.options.maxBatchLeaves],
    );
    const claimed: ClaimedIngestion[] = [];
    let leaves = 0;
    for (const row of rows) {
      if (claimed.length > 0 && leaves + row.count > this.options.maxBatchLeaves) break;
      claimed.push({ id: row.id, count: row.count, firstId: row.first_id, lastId: row.last_id, leafOffset: leaves });
      leaves += row.count;
    }
    return claimed;
  }

  /** The leaves of the claimed ingestions' certificates, in batch order (ingestion, then ingest_index). */
  private async leavesOf(client: PoolClient, tenantId: string, claimed: ClaimedIngestion[]): Promise<string[]> {
    const offsets = new Map(claimed.map((c) => [c.id, c.leafOffset]));
    const total = claimed.reduce((n, c) => n + c.count, 0);
    let from = claimed[0].firstId;
    let to = claimed[0].lastId;
    for (const c of claimed) {
      if (c.firstId < from) from = c.firstId;
      if (c.lastId > to) to = c.lastId;
    }
    // The primary key (tenant_id, id) narrows the read to the ingestions' id range; rows of other
    // ingestions that interleave with it (another process's flush) are filtered out.
    const { rows } = await client.query<{ ingestion_id: string; ingest_index: number; content_hash: Buffer; metadata_digest: Buffer; salt: Buffer | null }>(
      `SELECT ingestion_id, ingest_index, content_hash, metadata_digest, salt FROM certificates
       WHERE tenant_id = $1 AND id BETWEEN $2 AND $3 AND ingestion_id = ANY($4::text[])`,
      [tenantId, from, to, claimed.map((c) => c.id)],
    );
    if (rows.length !== total) {
      throw new Error(`sealing ${tenantId}: ${claimed.length} ingestion(s) announce ${total} certificates, ${rows.length} found`);
    }
    const leaves = new Array<string>(total);
    for (const r of rows) {
      leaves[(offsets.get(r.ingestion_id) as number) + r.ingest_index] = certificateLeaf({
        contentHash: toHex(r.content_hash),
        metadataDigest: toHex(r.metadata_digest),
        salt: saltOrZero(r.salt),
      });
    }
    return leaves;
  }

  /** Tenants with an ingestion unsealed for longer than `olderThanMs` (an index range on (batch_id, created_at)). */
  private async tenantsWaiting(olderThanMs: number): Promise<string[]> {
    const { rows } = await this.pg.query<{ tenant_id: string }>(
      `SELECT DISTINCT tenant_id FROM certificate_ingestions
       WHERE batch_id IS NULL AND leaf_offset IS NULL AND created_at < (now() AT TIME ZONE 'utc') - make_interval(secs => $1)`,
      [olderThanMs / 1000],
    );
    return rows.map((r) => r.tenant_id);
  }
}

interface ClaimedIngestion {
  id: string;
  count: number;
  firstId: string;
  lastId: string;
  /** Leaf index of its first certificate in the batch being sealed. */
  leafOffset: number;
}
