import { Injectable } from '@nestjs/common';

/** A dependency the process needs to serve traffic (PostgreSQL, Redis…). */
export interface HealthIndicator {
  readonly name: string;
  /** Resolves when healthy; rejects (or times out) when not. */
  check(): Promise<void>;
}

export type HealthReport = { ready: boolean; checks: Record<string, { status: 'up' | 'down'; error?: string }> };

const CHECK_TIMEOUT_MS = 2_000;

/** Modules register their indicators here at init; /health/ready runs them all in parallel. */
@Injectable()
export class HealthRegistry {
  private readonly indicators = new Map<string, HealthIndicator>();

  register(indicator: HealthIndicator) {
    this.indicators.set(indicator.name, indicator);
  }

  async report(): Promise<HealthReport> {
    const entries = await Promise.all(
      [...this.indicators.values()].map(async (indicator) => {
        let timer: NodeJS.Timeout | undefined;
        try {
          await Promise.race([
            indicator.check(),
            new Promise((_, reject) => {
              timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
            }),
          ]);
          return [indicator.name, { status: 'up' as const }] as const;
        } catch (error) {
          return [indicator.name, { status: 'down' as const, error: (error as Error).message }] as const;
        } finally {
          clearTimeout(timer);
        }
      }),
    );
    const checks = Object.fromEntries(entries);
    return { ready: entries.every(([, c]) => c.status === 'up'), checks };
  }
}
