import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { RedisService } from '@chainloom/queue';
import type { Redis } from 'ioredis';

/** At and above this many requests per second, counts are batched (see below). */
export const BATCHED_LIMIT_THRESHOLD = 1_000;
const FLUSH_INTERVAL_MS = 20;

type Window = { second: number; pending: number; globalCount: number };

/**
 * Requests per second per key, counted in Redis so the limit holds across instances: a counter
 * per key and second (fixed window).
 *
 * Small limits (the FREE plan's 20/s) are counted exactly: one INCR per request, auto-pipelined.
 * Large limits are where the traffic is, and where one Redis round trip per request would cost
 * more than the route itself: there each instance counts locally and adds its count to Redis
 * every 20 ms (INCRBY), deciding from the last global total plus its own unflushed requests. An
 * instance can then overshoot by what the others admitted in the last 20 ms, a small fraction of
 * a limit of a thousand or more per second.
 *
 * If Redis is unreachable the request is allowed: an outage of the limiter should not become an
 * outage of the API (the limit is a fairness control, not a security boundary).
 */
@Injectable()
export class RateLimiterService implements OnApplicationShutdown {
  private readonly redis: Redis;
  private readonly windows = new Map<string, Window>();
  private timer?: NodeJS.Timeout;

  constructor(private readonly redisService: RedisService) {
    this.redis = redisService.connect('rate-limit', { enableAutoPipelining: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
  }

  onApplicationShutdown() {
    clearInterval(this.timer);
  }

  private key(subject: string, second: number) {
    return `${this.redisService.prefix}:rl:${subject}:${second}`;
  }

  /** Counts one request; false when the key is over its limit for the current second. */
  async hit(subject: string, perSecond: number, now = Date.now()): Promise<boolean> {
    const second = Math.floor(now / 1000);
    if (perSecond >= BATCHED_LIMIT_THRESHOLD) return this.hitBatched(subject, perSecond, second);
    const key = this.key(subject, second);
    try {
      const count = await this.redis.incr(key);
      if (count === 1) void this.redis.expire(key, 2).catch(() => undefined);
      return count <= perSecond;
    } catch {
      return true;
    }
  }

  private hitBatched(subject: string, perSecond: number, second: number): boolean {
    let window = this.windows.get(subject);
    if (!window || window.second !== second) {
      window = { second, pending: 0, globalCount: 0 };
      this.windows.set(subject, window);
    }
    if (window.globalCount + window.pending >= perSecond) return false;
    window.pending++;
    this.timer ??= setInterval(() => void this.flush(), FLUSH_INTERVAL_MS).unref();
    return true;
  }

  /** Adds each key's unflushed count to Redis and learns the total across instances. */
  private async flush() {
    const current = Math.floor(Date.now() / 1000);
    const batch: [string, Window, number][] = [];
    for (const [subject, window] of this.windows) {
      if (window.second < current - 1) {
        this.windows.delete(subject);
        continue;
      }
      if (window.pending > 0) {
        batch.push([subject, window, window.pending]);
        window.pending = 0;
      }
    }
    if (batch.length === 0) {
      if (this.windows.size === 0) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
      return;
    }
    const pipeline = this.redis.pipeline();
    for (const [subject, window, count] of batch) {
      const key = this.key(subject, window.second);
      pipeline.incrby(key, count).expire(key, 2);
    }
    try {
      const results = (await pipeline.exec()) ?? [];
      batch.forEach(([, window], i) => {
        const [error, total] = results[i * 2] ?? [];
        if (!error && typeof total === 'number') window.globalCount = Math.max(window.globalCount, total);
      });
    } catch {
      // Redis unreachable: keep counting locally (globalCount stays what it was).
    }
  }
}
