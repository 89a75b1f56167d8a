import { z } from 'zod';
import { QueueName } from '@chainloom/queue';

// Contract of the platform admin's queue health: the API validates the query with it, and the
// OpenAPI document (hence the SDK and the console) is generated from it.

export const QueuesHealthQuery = z.object({
  failedLimit: z.coerce.number().int().min(1).max(200).default(20).describe('how many of the most recent failed jobs to list'),
});

const Count = z.number().int().nonnegative().nullable();

export const QueuesHealthView = z
  .object({
    redis: z.enum(['up', 'down']).describe('down: Redis did not answer within a second; depths are then null'),
    queues: z.array(
      z.object({
        name: z.enum(Object.values(QueueName) as [QueueName, ...QueueName[]]),
        waiting: Count,
        active: Count,
        delayed: Count,
        failed: Count.describe('failed jobs BullMQ still holds (normally 0: they move to failed_jobs)'),
        failedJobs: z.number().int().nonnegative().describe('jobs of this queue that ran out of attempts (failed_jobs)'),
      }),
    ),
    failedJobs: z.array(
      z.object({
        id: z.string(),
        queue: z.string(),
        name: z.string(),
        jobId: z.string(),
        error: z.string(),
        attempts: z.number().int(),
        createdAt: z.iso.datetime(),
        updatedAt: z.iso.datetime(),
      }),
    ),
    checkedAt: z.iso.datetime(),
  })
  .meta({ id: 'QueuesHealth' });
