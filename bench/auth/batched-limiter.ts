// EXPERIMENT, not used by the platform: a sketch of a cheaper RateLimiterService.hit(), measured
// side by side with the real one by `bench/auth/run.ts --limiter-sketch` (the benchmark swaps it
// in at run time in its own process; libs/auth is untouched).
//
// Idea: count requests in-process and reconcile with Redis in batches. Every `flushMs` one
// pipeline sends INCRBY <requests since the last flush> for each active key and second (plus
// EXPIRE), and remembers the global count Redis returns. A request is allowed while
// (last global count + requests counted here since) <= limit. Cost per request: a Map lookup
// and two additions; Redis traffic: one round trip per flush for all keys, instead of one
// command per request. Price: other instances' requests are seen up to `flushMs` late, so a key
// can exceed its limit by what the other instances serve in that time - acceptable for a
// fairness control (see RateLimiterService), and bounded (e.g. 100 ms of a 1 s window).
import type { Redis } from 'ioredis';

interface Window {
  second: number;
  /** Count Redis returned at the last flush (all instances). */
  global: number;
  /** Requests counted here and sent, whose INCRBY has not answered yet. */
  inflight: number;
  /** Requests counted here since the last flush. */
  unsent: number;
}

export class BatchedRateLimiter {
  private readonly windows = new Map<string, Window>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly flushMs = 100,
  ) {}

  /** Same contract as RateLimiterService.hit(). */
  async hit(subject: string, perSecond: number, now = Date.now()): Promise<boolean> {
    const second = Math.floor(now / 1000);
    let window = this.windows.get(subject);
    if (!window || window.second !== second) {
      window = { second, global: 0, inflight: 0, unsent: 0 };
      this.windows.set(subject, window);
    }
    window.unsent++;
    this.timer ??= setTimeout(() => void this.flush(), this.flushMs);
    return window.global + window.inflight + window.unsent <= perSecond;
  }

  async flush(): Promise<void> {
    this.timer = undefined;
    const current = Math.floor(Date.now() / 1000);
    const sent: Array<{ window: Window; count: number }> = [];
    const pipeline = this.redis.pipeline();
    for (const [subject, window] of this.windows) {
      if (!window.unsent) {
        if (window.second < current && !window.inflight) this.windows.delete(subject);
        continue;
      }
      const key = `${this.prefix}:rl:${subject}:${window.second}`;
      pipeline.incrby(key, window.unsent).expire(key, 2);
      sent.push({ window, count: window.unsent });
      window.inflight += window.unsent;
      window.unsent = 0;
    }
    if (!sent.length) return;
    let results: Array<[Error | null, unknown]> = [];
    try {
      results = (await pipeline.exec()) ?? [];
    } catch {
      // Redis unreachable: fail open, like RateLimiterService.
    }
    sent.forEach(({ window, count }, i) => {
      window.inflight -= count;
      const [error, total] = results[i * 2] ?? [null, undefined];
      // INCRBY's answer counts every instance's requests, ours included.
      window.global =
        !error && typeof total === 'number' ? Math.max(window.global, total) : window.global + count;
    });
    if ([...this.windows.values()].some((w) => w.unsent))
      this.timer ??= setTimeout(() => void this.flush(), this.flushMs);
  }

  stop() {
    clearTimeout(this.timer);
  }
}
