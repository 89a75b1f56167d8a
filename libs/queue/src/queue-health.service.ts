import { Injectable } from '@nestjs/common';
import { PrismaService } from '@chainloom/db';
import { QueueName } from './queue-names';
import { QueueService } from './queue.service';

const COUNTED_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
/** Redis answers in a millisecond on loopback; a health page must not hang when it is down. */
const REDIS_TIMEOUT_MS = 1_000;

export interface QueueDepth {
  name: QueueName;
  /** False when Redis did not answer in time: the counts are then null, not zero. */
  available: boolean;
  waiting: number | null;
  active: number | null;
  delayed: number | null;
  /** Jobs BullMQ holds as failed (normally 0: a job out of attempts moves to failed_jobs). */
  failed: number | null;
  /** Rows in failed_jobs for this queue: work that ran out of attempts and needs a person. */
  failedJobs: number;
}

export interface FailedJobSummary {
  id: string;
  queue: string;
  name: string;
  jobId: string;
  error: string;
  attempts: number;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * What the platform admin's health page shows about the queues: depths from BullMQ, and the jobs
 * that ran out of attempts from failed_jobs (the database, so they survive a Redis flush).
 * Payloads are left out: they name rows, and an operator opens those rows in their own pages.
 */
@Injectable()
export class QueueHealthService {
  constructor(
    private readonly queues: QueueService,
    private readonly prisma: PrismaService,
  ) {}

  async depths(): Promise<QueueDepth[]> {
    const failedRows = await this.prisma.failedJob.groupBy({ by: ['queue'], _count: { _all: true } });
    const failedByQueue = new Map(failedRows.map((r) => [r.queue, r._count._all]));
    return Promise.all(
      Object.values(QueueName).map(async (name): Promise<QueueDepth> => {
        const counts = await Promise.race([
          this.queues.queue(name).getJobCounts(...COUNTED_STATES),
          new Promise<null>((resolve) => setTimeout(() => resolve(null), REDIS_TIMEOUT_MS).unref()),
        ]).catch(() => null);
        const count = (state: (typeof COUNTED_STATES)[number]) => (counts ? (counts[state] ?? 0) : null);
        return {
          name,
          available: counts !== null,
          waiting: count('waiting'),
          active: count('active'),
          delayed: count('delayed'),
          failed: count('failed'),
          failedJobs: failedByQueue.get(name) ?? 0,
        };
      }),
    );
  }

  /** The most recently failed jobs, newest first. */
  recentFailures(limit: number): Promise<FailedJobSummary[]> {
    return this.prisma.failedJob.findMany({
      orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
      take: limit,
      select: { id: true, queue: true, name: true, jobId: true, error: true, attempts: true, createdAt: true, updatedAt: true },
    });
  }
}
