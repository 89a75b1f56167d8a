// Child entry: the benchmark platform plus IPC requests that need the running app:
//   micro              runs micro.ts in-process
//   limiter <mode>     "redis" (the real RateLimiterService.hit) or "batched" (the experiment in
//                      batched-limiter.ts, swapped in on the app's RateLimiterService instance)
import { RateLimiterService } from '@chainloom/auth';
import { RedisService } from '@chainloom/queue';
import { runChild } from '../lib/child';
import { servePlatform } from '../lib/platform';
import { BatchedRateLimiter } from './batched-limiter';
import { isMicroRequest, runMicro } from './micro';

runChild(async () => {
  await servePlatform((service) => {
    const limiter = service.app.get(RateLimiterService);
    const redis = service.app.get(RedisService);
    const realHit = limiter.hit.bind(limiter);
    let batched: BatchedRateLimiter | undefined;
    const batchedLimiter = () =>
      (batched ??= new BatchedRateLimiter(
        redis.connect('rate-limit-batched', { maxRetriesPerRequest: 0 }),
        redis.prefix,
      ));
    return {
      micro: (payload) => {
        if (!isMicroRequest(payload)) throw new Error('bad micro request');
        return runMicro(service, payload, batchedLimiter);
      },
      limiter: (mode) => {
        if (mode === 'redis') limiter.hit = realHit;
        else if (mode === 'batched') {
          const sketch = batchedLimiter();
          limiter.hit = (subject, perSecond, now) => sketch.hit(subject, perSecond, now);
        } else throw new Error(`limiter mode must be "redis" or "batched", got ${JSON.stringify(mode)}`);
        return mode;
      },
    };
  });
});
