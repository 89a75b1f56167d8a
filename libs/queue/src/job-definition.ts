import type { z } from 'zod';
import type { QueueName, RetryPolicy } from './queue-names';

/**
 * A kind of job: its queue, name, payload schema, retry policy, and how its job id derives from
 * the work it names, so that enqueueing the same work twice is a no-op.
 */
export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  readonly queue: QueueName;
  readonly name: string;
  readonly payload: S;
  /** Derived from the work, e.g. `anchor.<batchId>.<networkId>`. BullMQ forbids ':' in ids. */
  readonly jobId: (payload: z.infer<S>) => string;
  readonly retry: RetryPolicy;
}

export const defineJob = <S extends z.ZodType>(definition: JobDefinition<S>): JobDefinition<S> => definition;

/** What a handler reports; `skipped` means the row said the work was already done (a duplicate). */
export type JobOutcome = { status: 'done' | 'skipped'; detail?: string };

export interface JobContext {
  jobId: string;
  attempt: number;
  /** Set when the process is shutting down; long handlers should stop at a safe point. */
  signal: AbortSignal;
}

export type JobHandler<S extends z.ZodType> = (payload: z.infer<S>, context: JobContext) => Promise<JobOutcome>;

/** Finds the rows whose state says work is due, for jobs lost with Redis or a crash. */
export interface Reconciler {
  readonly name: string;
  findDue(): Promise<Array<{ job: JobDefinition; payload: unknown }>>;
}

/**
 * Thrown by a handler for a failure no retry can fix (a refused RBAC, an unsafe change): the job
 * fails now instead of after every attempt. BullMQ recognises it by its name.
 */
export class PermanentJobFailure extends Error {
  override name = 'UnrecoverableError';
}
