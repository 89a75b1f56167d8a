import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { MetricsService, ROOT_LOGGER } from '@chainloom/core';
import { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { Gauge } from 'prom-client';
import type { z } from 'zod';
import type { JobDefinition } from './job-definition';
import { QueueName } from './queue-names';
import { RedisService } from './redis.service';

const DEPTH_STATES = ['waiting', 'active', 'delayed', 'failed', 'prioritized'] as const;

/**
 * Puts jobs on queues. Enqueueing is a trigger, not the record of the work: callers write the row
 * first, so if Redis is down the reconciler enqueues the job later and nothing is lost.
 */
@Injectable()
export class QueueService implements OnModuleInit, OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();
  private readonly logger: Logger;

  constructor(
    private readonly redis: RedisService,
    private readonly metrics: MetricsService,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'queue' });
  }

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: this.redis.connect(`queue:${name}`, { maxRetriesPerRequest: 1 }),
        prefix: this.redis.prefix,
      });
      queue.on('error', () => undefined); // connection errors are logged once by RedisService
      this.queues.set(name, queue);
    }
    return queue;
  }

  /**
   * Adds a job whose id derives from its payload; adding the same work again while it is still
   * known to Redis is a no-op. Throws on a payload that breaks the job's schema or if Redis fails.
   */
  async enqueue<S extends z.ZodType>(job: JobDefinition<S>, payload: z.infer<S>, options: { delayMs?: number } = {}) {
    const data = job.payload.parse(payload);
    const jobId = job.jobId(data);
    await this.queue(job.queue).add(job.name, data, {
      jobId,
      attempts: job.retry.attempts,
      backoff: job.retry.backoff,
      delay: options.delayMs,
      // Finished jobs leave Redis: the row records the outcome, failures go to failed_jobs.
      removeOnComplete: true,
      removeOnFail: true,
    });
    return jobId;
  }

  /** Like enqueue, but a Redis failure is only logged: the reconciler will enqueue it later. */
  async trigger<S extends z.ZodType>(job: JobDefinition<S>, payload: z.infer<S>, options?: { delayMs?: number }) {
    try {
      return await this.enqueue(job, payload, options);
    } catch (error) {
      if ((error as Error).name === 'ZodError') throw error;
      this.logger.warn({ job: job.name, err: (error as Error).message }, 'enqueue failed; the reconciler will retry');
      return null;
    }
  }

  onModuleInit() {
    const queueOf = (name: QueueName) => this.queue(name);
    new Gauge({
      name: 'queue_jobs',
      help: 'Jobs per queue and state',
      labelNames: ['queue', 'state'] as const,
      registers: [this.metrics.registry],
      async collect() {
        await Promise.all(
          Object.values(QueueName).map(async (name) => {
            const counts = await Promise.race([
              queueOf(name).getJobCounts(...DEPTH_STATES),
              new Promise<null>((resolve) => setTimeout(() => resolve(null), 500)),
            ]).catch(() => null);
            for (const state of DEPTH_STATES) if (counts) this.set({ queue: name, state }, counts[state] ?? 0);
          }),
        );
      },
    });
  }

  async onApplicationShutdown() {
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
  }
}
