import { Controller, Get, Res } from '@nestjs/common';
import { Public } from '../http/contract';
import type { FastifyReply } from 'fastify';
import { MetricsService } from './metrics.service';

@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  async scrape(@Res() reply: FastifyReply) {
    return reply.type(this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }
}
