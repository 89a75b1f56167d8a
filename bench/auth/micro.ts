// Micro-benchmarks of authentication, run inside the benchmark platform process (child side) on
// the app's own CredentialService, RateLimiterService and Reflector: the real singletons, with a
// warm credential cache and the app's Redis connections.
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/internal';
import {
  AuthGuard,
  CredentialService,
  PLATFORM_ADMIN_ONLY,
  RateLimiterService,
  REQUIRED_PERMISSION,
  type AuthenticatedRequest,
} from '@chainloom/auth';
import { PUBLIC_ROUTE } from '@chainloom/core';
import type { RunningService } from '@chainloom/server';
import { BenchController } from '../lib/bench-module';
import { isRecord } from '../lib/child';
import type { BatchedRateLimiter } from './batched-limiter';

export interface MicroRequest {
  apiKey: string;
  sessionToken: string;
  rounds: number;
  /** Time spent in each case per round, ms. */
  budgetMs: number;
  /** In-flight calls for the concurrent cases (like the HTTP benchmark's connections). */
  concurrency: number;
  /** Also time the batched-limiter experiment. */
  sketch: boolean;
}

export interface MicroCase {
  name: string;
  /** Wall time per call, ns, one figure per round. */
  nsPerCall: number[];
  /** CPU time of the process per call, ns, one figure per round (includes ioredis work, not redis-server's). */
  cpuNsPerCall: number[];
}

export function isMicroRequest(value: unknown): value is MicroRequest {
  return (
    isRecord(value) &&
    typeof value.apiKey === 'string' &&
    typeof value.sessionToken === 'string' &&
    typeof value.rounds === 'number' &&
    typeof value.budgetMs === 'number' &&
    typeof value.concurrency === 'number' &&
    typeof value.sketch === 'boolean'
  );
}

/** Calls `op` (which does `callsPerOp` calls) until `budgetMs` has passed; time and CPU per call. */
async function measure(
  op: () => Promise<unknown>,
  callsPerOp: number,
  budgetMs: number,
): Promise<{ ns: number; cpuNs: number }> {
  const chunk = Math.max(1, Math.round(200 / callsPerOp));
  let calls = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let elapsed = 0;
  do {
    for (let i = 0; i < chunk; i++) await op();
    calls += chunk * callsPerOp;
    elapsed = performance.now() - t0;
  } while (elapsed < budgetMs);
  const cpu = process.cpuUsage(cpu0);
  return { ns: (elapsed * 1e6) / calls, cpuNs: ((cpu.user + cpu.system) * 1e3) / calls };
}

/** Runs every case once per round (cases interleaved), after one unmeasured warm-up pass. */
export async function runMicro(
  service: RunningService,
  request: MicroRequest,
  batchedLimiter?: () => BatchedRateLimiter,
): Promise<MicroCase[]> {
  const { app } = service;
  const credentials = app.get(CredentialService);
  const limiter = app.get(RateLimiterService);
  // The service runtime installs AuthGuard as the first global guard; this is the same class over the app's singletons.
  const guard = new AuthGuard(app.get(Reflector), credentials, limiter);
  const reply: { header(): unknown } = { header: () => reply };
  const context = (handler: () => unknown, token: string | null): ExecutionContext => {
    const req: Pick<AuthenticatedRequest, 'headers' | 'principal'> = {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    };
    return new ExecutionContextHost([req, reply], BenchController, handler);
  };
  const authRoute = BenchController.prototype.ping;
  const publicRoute = BenchController.prototype.pingPublic;
  const apiKeyContext = context(authRoute, request.apiKey);
  const sessionContext = context(authRoute, request.sessionToken);
  const publicContext = context(publicRoute, null);
  const expectAllowed = async (ctx: ExecutionContext) => {
    if (!(await guard.canActivate(ctx))) throw new Error('the guard refused a benchmark request');
  };
  // Fail early with a clear message if a credential does not resolve (the cache is now warm).
  await expectAllowed(apiKeyContext);
  await expectAllowed(sessionContext);
  if (!(await credentials.resolve(request.apiKey))) throw new Error('the API key does not resolve');

  const asyncNoop = async () => true;
  // Past a million calls a second the batched limiter refuses the key: the refusal does the same
  // work as an admission, so it counts as a call here (the macro benchmark never gets that fast).
  const apiKeyGuard = () =>
    guard.canActivate(apiKeyContext).catch((error: unknown) => {
      if ((error as { code?: string }).code === 'rate_limited') return false;
      throw error;
    });
  const limiterSubject = `bench-micro-${process.pid}`;
  const concurrent = (op: () => Promise<unknown>) => () =>
    Promise.all(Array.from({ length: request.concurrency }, op));
  const c = request.concurrency;
  const reflector = app.get(Reflector);
  const targets = [authRoute, BenchController];
  const lookups = async () =>
    reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, targets) ??
    reflector.getAllAndOverride<boolean | undefined>(PLATFORM_ADMIN_ONLY, targets) ??
    reflector.getAllAndOverride<string | undefined>(REQUIRED_PERMISSION, targets);
  const cases: Array<{ name: string; op: () => Promise<unknown>; calls: number }> = [
    { name: 'await async no-op (floor)', op: asyncNoop, calls: 1 },
    {
      name: 'CredentialService.resolve(API key, cached)',
      op: () => credentials.resolve(request.apiKey),
      calls: 1,
    },
    { name: "Reflector.getAllAndOverride x3 (the guard's lookups)", op: lookups, calls: 1 },
    { name: 'AuthGuard: public route, no token', op: () => guard.canActivate(publicContext), calls: 1 },
    { name: 'AuthGuard: session token (no limiter)', op: () => guard.canActivate(sessionContext), calls: 1 },
    {
      name: 'AuthGuard: API key (+ limiter), sequential',
      op: apiKeyGuard,
      calls: 1,
    },
    {
      name: `AuthGuard: API key (+ limiter), ${c} in flight`,
      op: concurrent(apiKeyGuard),
      calls: c,
    },
    {
      name: 'RateLimiterService.hit, sequential (1 Redis RTT)',
      op: () => limiter.hit(limiterSubject, 1e9),
      calls: 1,
    },
    {
      name: `RateLimiterService.hit, ${c} in flight (auto-pipelined)`,
      op: concurrent(() => limiter.hit(limiterSubject, 1e9)),
      calls: c,
    },
  ];
  if (request.sketch && batchedLimiter) {
    const sketch = batchedLimiter();
    cases.push({
      name: `experiment: batched limiter .hit, ${c} in flight`,
      op: concurrent(() => sketch.hit(limiterSubject, 1e9)),
      calls: c,
    });
  }
  const results: MicroCase[] = cases.map(({ name }) => ({ name, nsPerCall: [], cpuNsPerCall: [] }));
  for (const { op, calls } of cases) await measure(op, calls, Math.min(request.budgetMs, 100));
  for (let round = 0; round < request.rounds; round++) {
    for (let i = 0; i < cases.length; i++) {
      const { ns, cpuNs } = await measure(cases[i].op, cases[i].calls, request.budgetMs);
      results[i].nsPerCall.push(ns);
      results[i].cpuNsPerCall.push(cpuNs);
    }
  }
  return results;
}
