import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, ROOT_LOGGER, type AppConfig } from '@chainloom/core';
import type { Logger } from 'pino';
import type { Reconciler } from './job-definition';
import { QueueService } from './queue.service';
import { WorkerHost } from './worker.host';

/**
 * Re-creates the jobs that database rows say are due: at start, every RECONCILE_INTERVAL_MS, and
 * on demand. Because job ids derive from the work, re-adding a job that Redis still has is a
 * no-op, so reconciling often is safe. This is what makes a flushed Redis lose nothing.
 */
@Injectable()
export class ReconcilerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly reconcilers: Reconciler[] = [];
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private readonly logger: Logger;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
    private readonly queues: QueueService,
    private readonly workers: WorkerHost,
  ) {
    this.logger = logger.child({ component: 'reconciler' });
  }

  register(reconciler: Reconciler) {
    this.reconcilers.push(reconciler);
  }

  /** Runs every reconciler once; concurrent calls share one run. Returns the jobs (re-)enqueued. */
  runOnce(): Promise<number> {
    this.running ??= this.reconcile().finally(() => (this.running = undefined));
    return this.running;
  }

  private async reconcile(): Promise<number> {
    let enqueued = 0;
    for (const reconciler of this.reconcilers) {
      try {
        const due = await reconciler.findDue();
        for (const { job, payload } of due) {
          if (await this.queues.trigger(job, payload)) enqueued++;
        }
        if (due.length) this.logger.debug({ reconciler: reconciler.name, due: due.length }, 'reconciled');
      } catch (error) {
        this.logger.warn({ reconciler: reconciler.name, err: (error as Error).message }, 'reconciler failed');
      }
    }
    return enqueued;
  }

  onApplicationBootstrap() {
    if (!this.workers.enabled) return;
    void this.runOnce();
    this.timer = setInterval(() => void this.runOnce(), this.config.RECONCILE_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown() {
    clearInterval(this.timer);
  }
}
