import { RateLimiterService } from '@chainloom/auth';
import { startService, type RunningService } from './service-runtime';
import { createTestDatabase, testConfig } from '@chainloom/testing';
import { randomBytes } from 'node:crypto';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const nextSecond = () => sleep(1000 - (Date.now() % 1000) + 5);

describe('rate limiter across two instances (real Redis)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let a: RunningService;
  let b: RunningService;
  let limiters: RateLimiterService[];

  beforeAll(async () => {
    db = await createTestDatabase();
    const shared = { REDIS_PREFIX: `rl-${randomBytes(4).toString('hex')}` };
    a = await startService({ name: 'a', domains: [] }, testConfig(db.url, shared));
    b = await startService({ name: 'b', domains: [] }, testConfig(db.url, shared));
    limiters = [a.app.get(RateLimiterService), b.app.get(RateLimiterService)];
  });
  afterAll(async () => {
    await Promise.all([a.stop(), b.stop()]);
    await db.drop();
  });

  it('counts small limits exactly', async () => {
    await nextSecond();
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => limiters[i % 2].hit('small', 20)));
    expect(results.filter(Boolean)).toHaveLength(20);
  });

  it('batches large limits and holds them across instances within the flush interval', async () => {
    await nextSecond();
    let allowed = 0;
    // 2 requests per millisecond spread over ~750 ms: 1,500 requests against a limit of 1,000.
    for (let ms = 0; ms < 750; ms++) {
      for (const limiter of limiters) if (await limiter.hit('large', 1_000)) allowed++;
      if (ms % 5 === 4) await sleep(5);
    }
    expect(allowed).toBeGreaterThanOrEqual(1_000);
    // Overshoot is bounded by what the other instance admits within one 20 ms flush.
    expect(allowed).toBeLessThanOrEqual(1_150);
  });
});
