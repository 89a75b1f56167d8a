import { Controller, Get, Query } from '@nestjs/common';
import { PlatformAdminOnly } from '@chainloom/auth';
import { Contract } from '@chainloom/core';
import { QueueHealthService } from '@chainloom/queue';
import type { z } from 'zod';
import { QueuesHealthQuery, QueuesHealthView } from './platform-queues.schemas';

/**
 * Queue depths and failed jobs for platform admins. Every service mounts it (the queues and
 * failed_jobs are shared by all of them), so it answers wherever the ingress sends /v1/admin.
 */
@PlatformAdminOnly()
@Controller('v1/admin/queues')
export class PlatformQueuesController {
  constructor(private readonly health: QueueHealthService) {}

  @Get()
  @Contract({
    summary: 'Queues: depths per state and the jobs that ran out of attempts',
    tags: ['Platform admin'],
    security: ['session'],
    query: QueuesHealthQuery,
    responses: { 200: { description: 'queue health', schema: QueuesHealthView } },
  })
  async get(@Query() query: z.infer<typeof QueuesHealthQuery>): Promise<z.infer<typeof QueuesHealthView>> {
    const [queues, failed] = await Promise.all([this.health.depths(), this.health.recentFailures(query.failedLimit)]);
    return {
      redis: queues.every((q) => q.available) ? 'up' : 'down',
      queues: queues.map(({ available: _available, ...q }) => q),
      failedJobs: failed.map((f) => ({ ...f, createdAt: f.createdAt.toISOString(), updatedAt: f.updatedAt.toISOString() })),
      checkedAt: new Date().toISOString(),
    };
  }
}
