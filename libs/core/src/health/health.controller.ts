import { Controller, Get, Res } from '@nestjs/common';
import { Public } from '../http/contract';
import type { FastifyReply } from 'fastify';
import { problem, PROBLEM_CONTENT_TYPE } from '../errors/problem';
import { HealthRegistry } from './health.registry';
import { LifecycleService } from '../app/lifecycle.service';

@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly registry: HealthRegistry,
    private readonly lifecycle: LifecycleService,
  ) {}

  /** The process is alive (event loop turning); says nothing about its dependencies. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /** Ready to serve: every dependency answers. 503 names the ones that do not. */
  @Get('ready')
  async ready(@Res() reply: FastifyReply) {
    if (this.lifecycle.draining) {
      return reply
        .status(503)
        .header('content-type', PROBLEM_CONTENT_TYPE)
        .send(problem(503, 'shutting_down', 'This instance is shutting down.', { down: [] }));
    }
    const report = await this.registry.report();
    if (report.ready) return reply.send({ status: 'ok', checks: report.checks });
    const down = Object.entries(report.checks)
      .filter(([, c]) => c.status === 'down')
      .map(([name]) => name);
    return reply
      .status(503)
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .send(problem(503, 'not_ready', `${down.join(', ')} ${down.length > 1 ? 'are' : 'is'} down`, { down, checks: report.checks }));
  }
}
