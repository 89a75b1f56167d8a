import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Prisma } from './generated/client';
import { PrismaService } from './prisma.service';

export const METRICS = ['certificates', 'anchors', 'rpc_calls', 'node_hours', 'api_requests'] as const;
export type UsageMetric = (typeof METRICS)[number];

const utcDay = (at: Date) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));

/**
 * Per tenant, per UTC day, per metric counts. `add` inside a transaction makes the count commit
 * with the work it counts (certificates); `addBuffered` batches high-rate counts (RPC calls) and
 * writes them every few seconds, trading a few seconds of possible loss on a crash for no write
 * per request.
 */
@Injectable()
export class UsageMeter implements BeforeApplicationShutdown {
  private buffer = new Map<string, number>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly prisma: PrismaService) {}

  async add(tenantId: string, metric: UsageMetric, count: number, tx: Prisma.TransactionClient = this.prisma, at = new Date()) {
    if (count <= 0) return;
    await tx.$executeRaw`
      INSERT INTO usage_daily (tenant_id, day, metric, count, updated_at)
      VALUES (${tenantId}, ${utcDay(at)}::date, ${metric}, ${count}, now())
      ON CONFLICT (tenant_id, day, metric) DO UPDATE SET count = usage_daily.count + EXCLUDED.count, updated_at = now()`;
  }

  addBuffered(tenantId: string, metric: UsageMetric, count = 1) {
    const key = `${tenantId}\u0000${metric}`;
    this.buffer.set(key, (this.buffer.get(key) ?? 0) + count);
    if (!this.closing) this.timer ??= setTimeout(() => void this.flush(), 2_000).unref();
  }

  /** Buffered counts are written before connections close, so a clean stop loses none. */
  async beforeApplicationShutdown() {
    this.closing = true;
    await this.flush();
  }
  private closing = false;

  async flush() {
    clearTimeout(this.timer);
    this.timer = undefined;
    const pending = this.buffer;
    this.buffer = new Map();
    for (const [key, count] of pending) {
      const [tenantId, metric] = key.split('\u0000') as [string, UsageMetric];
      await this.add(tenantId, metric, count).catch(() => this.addBuffered(tenantId, metric, count));
    }
  }

  /** Sum of one metric since a time (e.g. this month's certificates, for a quota). */
  async total(tenantId: string, metric: UsageMetric, since: Date): Promise<number> {
    const rows = await this.prisma.$queryRaw<{ total: bigint | null }[]>`
      SELECT sum(count) AS total FROM usage_daily WHERE tenant_id = ${tenantId} AND metric = ${metric} AND day >= ${utcDay(since)}::date`;
    return Number(rows[0]?.total ?? 0);
  }
}
