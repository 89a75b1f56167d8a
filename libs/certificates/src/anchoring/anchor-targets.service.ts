import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Actor } from '@chainloom/auth';
import { CHAIN_GATEWAY, type ChainGateway } from '@chainloom/chain';
import { newId } from '@chainloom/core';
import { AuditLog, PrismaService, tenantScoped } from '@chainloom/db';
import { QueueService } from '@chainloom/queue';
import { CERTIFICATES_JOBS, type CertificatesJobs } from '../certificates.jobs';
import { CertificatesException } from '../certificates.exception';

const NOTARY_CACHE_MS = 10_000;

/**
 * Where a tenant's batches are anchored: the networks it chose (its own, or the platform's
 * notary network), or by default the notary network if the platform has one. Targets apply to
 * batches sealed after the change; a batch sealed while the tenant had no target at all gets
 * anchors when a target is set, so nothing stays unanchored for want of a target.
 */
@Injectable()
export class AnchorTargetsService {
  private notary?: { id: string | null; at: number };

  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditLog,
    private readonly queue: QueueService,
    @Inject(CERTIFICATES_JOBS) private readonly jobs: CertificatesJobs,
    @Optional() @Inject(CHAIN_GATEWAY) private readonly chains: ChainGateway | null,
  ) {}

  /** The networks a batch of the tenant sealed now goes to (possibly none). */
  async targetsFor(tenantId: string): Promise<string[]> {
    const rows = await tenantScoped(this.prisma, tenantId).anchorTarget.findMany({ orderBy: { networkId: 'asc' } });
    if (rows.length) return rows.map((r) => r.networkId);
    const notary = await this.notaryNetworkId();
    return notary ? [notary] : [];
  }

  async get(tenantId: string) {
    const rows = await tenantScoped(this.prisma, tenantId).anchorTarget.findMany({ orderBy: { networkId: 'asc' } });
    if (rows.length) return { networkIds: rows.map((r) => r.networkId), isDefault: false };
    const notary = await this.notaryNetworkId();
    return { networkIds: notary ? [notary] : [], isDefault: true };
  }

  /**
   * Replaces the tenant's targets. Each network must exist and be the tenant's own or the
   * notary network. Batches that had no anchor at all get anchors on the new targets.
   */
  async put(tenantId: string, networkIds: string[], actor: Actor): Promise<{ networkIds: string[]; isDefault: boolean }> {
    if (!this.chains) throw CertificatesException.noChainAccess();
    const notary = await this.notaryNetworkId(true);
    for (const networkId of networkIds) {
      const network = await this.chains.network(networkId);
      // Someone else's network answers like a missing one: no existence leak across tenants.
      if (!network || (network.tenantId !== tenantId && network.networkId !== notary)) throw CertificatesException.unknownNetwork(networkId);
    }
    const sorted = [...networkIds].sort();
    const backfilled = await this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${'certificates-seal:' + tenantId}, 0))`;
      await tx.anchorTarget.deleteMany({ where: { tenantId, networkId: { notIn: sorted } } });
      for (const networkId of sorted) {
        await tx.anchorTarget.upsert({
          where: { tenantId_networkId: { tenantId, networkId } },
          create: { id: newId('atg'), tenantId, networkId },
          update: {},
        });
      }
      // Batches sealed while the tenant had no target: anchor them now, in seq order.
      const orphans = await tx.certificateBatch.findMany({ where: { tenantId, anchors: { none: {} } }, orderBy: { seq: 'asc' }, select: { id: true, seq: true } });
      const created: string[] = [];
      for (const batch of orphans) {
        for (const networkId of sorted) {
          const id = newId('anc');
          await tx.certificateAnchor.create({ data: { id, tenantId, batchId: batch.id, batchSeq: batch.seq, networkId } });
          created.push(id);
        }
      }
      await this.audit.append(tx, { tenantId, actor, action: 'certificates.anchor_targets.update', details: { networkIds: sorted } });
      return created;
    });
    for (const anchorId of backfilled) await this.queue.trigger(this.jobs.submitAnchor, { anchorId });
    return { networkIds: sorted, isDefault: false };
  }

  async notaryNetworkId(fresh = false): Promise<string | null> {
    if (!this.chains) return null;
    if (!fresh && this.notary && Date.now() - this.notary.at < NOTARY_CACHE_MS) return this.notary.id;
    const network = await this.chains.notaryNetwork();
    this.notary = { id: network?.networkId ?? null, at: Date.now() };
    return this.notary.id;
  }
}
