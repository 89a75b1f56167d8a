import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ROOT_LOGGER, newId } from '@chainloom/core';
import { buildTree, certificateLeaf } from '@chainloom/merkle';
import { QueueService, ReconcilerService, WorkerHost } from '@chainloom/queue';
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

class NothingToSeal extends Error {}

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
 * the batch (root, leaf count, per-tenant seq) and its anchors are written, all in ONE
 * transaction. The claim is `UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED LIMIT N)` under
 * a per-tenant advisory lock, so a crash anywhere rolls the whole batch back (nothing lost) and
 * no certificate is ever claimed twice (nothing double-sealed); seq is max(seq) + 1 under the
 * same lock, so it strictly increases per tenant as AnchorRegistry requires.
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
      const { rows: seqRows } = await client.query<{ seq: number }>(
        `SELECT coalesce(max(seq), 0) + 1 AS seq FROM certificate_batches WHERE tenant_id = $1`,
        [tenantId],
      );
      const seq = seqRows[0].seq;
      const batchId = newId('cbat');
      // The row must exist for the certificates' foreign key; its root is set once the tree is built.
      await client.query(
        `INSERT INTO certificate_batches (id, tenant_id, seq, root, leaf_count, status, created_at, updated_at)
         VALUES ($1, $2, $3, '\\x', 0, 'PENDING', now() AT TIME ZONE 'utc', now() AT TIME ZONE 'utc')`,
        [batchId, tenantId, seq],
      );
      const { rows } = await client.query<{ leaf_index: number; content_hash: Buffer; metadata_digest: Buffer; salt: Buffer | null }>(
        `WITH claimed AS (
           SELECT id FROM certificates WHERE tenant_id = $1 AND batch_id IS NULL ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED
         ), numbered AS (
           SELECT id, (row_number() OVER (ORDER BY id) - 1)::int AS leaf_index FROM claimed
         )
         UPDATE certificates c SET batch_id = $3, leaf_index = n.leaf_index, updated_at = now() AT TIME ZONE 'utc'
         FROM numbered n WHERE c.id = n.id
         RETURNING n.leaf_index, c.content_hash, c.metadata_digest, c.salt`,
        [tenantId, this.options.maxBatchLeaves, batchId],
      );
      // Nothing pending: throwing rolls the empty batch (and its seq) back.
      if (rows.length === 0) throw new NothingToSeal();
      const leaves = new Array<string>(rows.length);
      for (const r of rows) {
        leaves[r.leaf_index] = certificateLeaf({ contentHash: toHex(r.content_hash), metadataDigest: toHex(r.metadata_digest), salt: saltOrZero(r.salt) });
      }
      const tree = buildTree(leaves);
      await client.query(`UPDATE certificate_batches SET root = decode($2, 'hex'), leaf_count = $3 WHERE id = $1`, [batchId, tree.root.slice(2), rows.length]);
      const anchorIds = targets.map(() => newId('anc'));
      if (anchorIds.length) {
        await client.query(
          `INSERT INTO certificate_anchors (id, tenant_id, batch_id, batch_seq, network_id, status, created_at, updated_at)
           SELECT id, $2, $3, $4, network_id, 'PENDING', now() AT TIME ZONE 'utc', now() AT TIME ZONE 'utc'
           FROM unnest($1::text[], $5::text[]) AS u(id, network_id)`,
          [anchorIds, tenantId, batchId, seq, targets],
        );
      }
      this.logger.debug({ tenantId, batchId, seq, leaves: rows.length, targets }, 'sealed a batch');
      return { batchId, seq, root: tree.root, leafCount: rows.length, anchorIds };
    }).catch((error: unknown) => {
      if (error instanceof NothingToSeal) return null;
      throw error;
    });
  }

  /**
   * Tenants with certificates pending for longer than `olderThanMs`: a loose index scan over the
   * tenants of the (tenant_id, id) index, probing each tenant's pending entries (which sort first
   * in the (tenant_id, batch_id DESC, id) index), so the cost grows with tenants, not rows.
   */
  private async tenantsWaiting(olderThanMs: number): Promise<string[]> {
    const { rows } = await this.pg.query<{ tenant_id: string }>(
      `WITH RECURSIVE tenants(tenant_id) AS (
         (SELECT tenant_id FROM certificates ORDER BY tenant_id LIMIT 1)
         UNION ALL
         SELECT (SELECT c.tenant_id FROM certificates c WHERE c.tenant_id > t.tenant_id ORDER BY c.tenant_id LIMIT 1)
         FROM tenants t WHERE t.tenant_id IS NOT NULL
       )
       SELECT tenant_id FROM tenants t
       WHERE tenant_id IS NOT NULL AND EXISTS (
         SELECT 1 FROM certificates c WHERE c.tenant_id = t.tenant_id AND c.batch_id IS NULL
           AND c.created_at < (now() AT TIME ZONE 'utc') - make_interval(secs => $1)
       )`,
      [olderThanMs / 1000],
    );
    return rows.map((r) => r.tenant_id);
  }
}
