import { Controller, Get, Module } from '@nestjs/common';
import { RequirePermission } from '@chainloom/auth';
import { Contract, Public } from '@chainloom/core';
import { z } from 'zod';
import { PING_BODY } from './routes';

const Ping = z.object({ ok: z.literal(true) });
const tags = ['Benchmark'];

/**
 * Trivial routes for benchmarks, declared like every real route (a @Contract, the global
 * AuthGuard, the ContractInterceptor), so a benchmark measures the platform's full request path
 * with no domain work in it. Only benchmark processes import this module.
 */
@Controller('v1/bench')
export class BenchController {
  /** Authenticated: an API key with the usage:read scope (or a session whose role has it). */
  @Get('ping')
  @RequirePermission('usage:read')
  @Contract({
    summary: 'Benchmark: trivial authenticated route',
    tags,
    security: ['apiKey', 'session'],
    responses: { 200: { description: 'pong', schema: Ping } },
  })
  ping() {
    return PING_BODY;
  }

  /** The same route without authentication. */
  @Public()
  @Get('ping-public')
  @Contract({
    summary: 'Benchmark: trivial public route',
    tags,
    responses: { 200: { description: 'pong', schema: Ping } },
  })
  pingPublic() {
    return PING_BODY;
  }
}

@Module({ controllers: [BenchController] })
export class BenchModule {}
