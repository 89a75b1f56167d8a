import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, ROOT_LOGGER, newId, type AppConfig } from '@chainloom/core';
import { PrismaService } from '@chainloom/db';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { JobDefinition, JobHandler } from './job-definition';
import type { QueueName } from './queue-names';
import { RedisService } from './redis.service';

type Registered = { job: JobDefinition; handler: JobHandler<z.ZodType> };

/**
 * Runs the handlers that domain modules register, one BullMQ worker per queue, in processes whose
 * role includes `worker`. A job that runs out of attempts is written to failed_jobs. On shutdown
 * it stops taking jobs and lets running ones finish (up to SHUTDOWN_TIMEOUT_MS); a job cut off
 * after that is picked up again by another worker when its lock expires, and handlers are
 * idempotent, so it is neither lost nor applied twice.
 */
@Injectable()
export class WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly handlers = new Map<string, Registered>();
  private readonly workers: Worker[] = [];
  private readonly concurrency = new Map<QueueName, number>();
  private readonly shutdown = new AbortController();
  private readonly logger: Logger;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
    private readonly redis: RedisService,
    private readonly prisma: PrismaService,
  ) {
    this.logger = logger.child({ component: 'worker' });
  }

  get enabled() {
    return this.config.CHAINLOOM_ROLE !== 'api';
  }

  /** Called by domain modules in onModuleInit. */
  register<S extends z.ZodType>(job: JobDefinition<S>, handler: JobHandler<S>, options: { concurrency?: number } = {}) {
    const key = `${job.queue}/${job.name}`;
    if (this.handlers.has(key)) throw new Error(`A handler for ${key} is already registered`);
    this.handlers.set(key, { job, handler: handler as JobHandler<z.ZodType> });
    if (options.concurrency) this.concurrency.set(job.queue, Math.max(this.concurrency.get(job.queue) ?? 1, options.concurrency));
  }

  onApplicationBootstrap() {
    if (!this.enabled) return;
    const queues = new Set([...this.handlers.values()].map((r) => r.job.queue));
    for (const queue of queues) {
      const worker = new Worker(queue, (job) => this.process(queue, job), {
        connection: this.redis.connect(`worker:${queue}`),
        prefix: this.redis.prefix,
        concurrency: this.concurrency.get(queue) ?? 4,
        autorun: true,
        // A job whose process died (kill -9) is retried once its lock lapses: 10 s, checked
        // every 5 s, instead of BullMQ's 30 s + 30 s. Running jobs renew their lock every 5 s.
        lockDuration: 10_000,
        stalledInterval: 5_000,
        maxStalledCount: 5,
      });
      worker.on('failed', (job, error) => void this.onFailed(queue, job, error));
      worker.on('error', () => undefined); // connection errors are logged by RedisService
      this.workers.push(worker);
    }
    if (queues.size) this.logger.info({ queues: [...queues] }, 'workers started');
  }

  private async process(queue: QueueName, job: Job) {
    const registered = this.handlers.get(`${queue}/${job.name}`);
    if (!registered) throw new UnrecoverableError(`No handler for job ${job.name} on ${queue}`);
    const parsed = registered.job.payload.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`Invalid payload: ${parsed.error.message}`);
    const outcome = await registered.handler(parsed.data, {
      jobId: job.id ?? '',
      attempt: job.attemptsMade + 1,
      signal: this.shutdown.signal,
    });
    this.logger.debug({ queue, job: job.name, jobId: job.id, outcome }, 'job finished');
    return outcome;
  }

  private async onFailed(queue: QueueName, job: Job | undefined, error: Error) {
    if (!job) return;
    const attempts = job.opts.attempts ?? 1;
    const final = job.attemptsMade >= attempts || error instanceof UnrecoverableError || error.name === 'UnrecoverableError';
    this.logger.warn({ queue, job: job.name, jobId: job.id, attempt: job.attemptsMade, final, err: error.message }, 'job failed');
    if (!final) return;
    const data = { error: error.message.slice(0, 4000), attempts: job.attemptsMade, payload: job.data as object };
    await this.prisma.failedJob
      .upsert({
        where: { queue_jobId: { queue, jobId: job.id ?? '' } },
        create: { id: newId('fjob'), queue, name: job.name, jobId: job.id ?? '', ...data },
        update: data,
      })
      .catch((e: Error) => this.logger.error({ err: e.message, jobId: job.id }, 'could not record failed job'));
  }

  async beforeApplicationShutdown() {
    if (!this.workers.length) return;
    this.shutdown.abort();
    this.logger.info('stopping workers: waiting for running jobs');
    const graceful = Promise.all(this.workers.map((w) => w.close()));
    const timedOut = await Promise.race([
      graceful.then(() => false),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(true), this.config.SHUTDOWN_TIMEOUT_MS).unref()),
    ]);
    if (timedOut) {
      this.logger.warn('running jobs did not finish in time; they will be retried after their lock expires');
      await Promise.all(this.workers.map((w) => w.close(true)));
    }
  }
}
