import { Inject, Injectable } from '@nestjs/common';
import { UsageMeter } from '@chainloom/db';
import { CertificatesException } from '../certificates.exception';
import { CERTIFICATES_OPTIONS, type CertificatesOptions } from '../certificates.options';

interface MonthCount {
  /** 'YYYY-MM' (UTC) the count is for. */
  month: string;
  /** Committed this month, as last read from usage_daily plus what this process committed since. */
  committed: number;
  /** Accepted by this process and not yet committed (or refused). */
  reserved: number;
  readAt: number;
  refreshing?: Promise<void>;
}

const monthOf = (now: Date) => now.toISOString().slice(0, 7);
const monthStart = (now: Date) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));

/**
 * certificatesPerMonth without a query per request: this month's count per tenant is cached in
 * memory, re-read from usage_daily every `quotaRefreshMs` in the background, and moved by this
 * process's own reservations and commits in between. Only a tenant's first request in a process
 * (and the first in a new month) waits for the read.
 *
 * The price is bounded overshoot: other instances' certificates become visible here only at the
 * next refresh, so a tenant hammering N instances at its limit can exceed it by about
 * (N - 1) × its rate × quotaRefreshMs. A quota is a billing control, not a security boundary.
 */
@Injectable()
export class CertificateQuotaService {
  private readonly counts = new Map<string, MonthCount>();

  constructor(
    private readonly usage: UsageMeter,
    @Inject(CERTIFICATES_OPTIONS) private readonly options: CertificatesOptions,
  ) {}

  /** Reserves `n` certificates for the tenant or throws quota_exceeded. Undo with settle(). */
  async reserve(tenantId: string, limit: number | null, n: number): Promise<void> {
    if (limit === null) return;
    const now = new Date();
    let entry = this.counts.get(tenantId);
    if (!entry || entry.month !== monthOf(now)) {
      entry = { month: monthOf(now), committed: 0, reserved: 0, readAt: 0 };
      this.counts.set(tenantId, entry);
      try {
        await this.refresh(tenantId, entry);
      } catch (error) {
        this.counts.delete(tenantId);
        throw error;
      }
    } else if (Date.now() - entry.readAt > this.options.quotaRefreshMs) {
      void this.refresh(tenantId, entry);
    }
    const used = entry.committed + entry.reserved;
    if (used + n > limit) throw CertificatesException.quotaExceeded(limit, entry.committed);
    entry.reserved += n;
  }

  /** Ends a reservation: `committed` of the `reserved` certificates were written. */
  settle(tenantId: string, reserved: number, committed: number) {
    const entry = this.counts.get(tenantId);
    if (!entry) return;
    entry.reserved = Math.max(0, entry.reserved - reserved);
    entry.committed += committed;
  }

  private refresh(tenantId: string, entry: MonthCount): Promise<void> {
    entry.refreshing ??= (async () => {
      try {
        const since = monthStart(new Date());
        // Committed before the read started stays counted; what this process commits while the
        // read runs is added back, so a refresh never forgets our own recent commits.
        const before = entry.committed;
        const total = await this.usage.total(tenantId, 'certificates', since);
        entry.committed = Math.max(total, total + (entry.committed - before));
        entry.readAt = Date.now();
      } finally {
        entry.refreshing = undefined;
      }
    })();
    return entry.refreshing;
  }
}
