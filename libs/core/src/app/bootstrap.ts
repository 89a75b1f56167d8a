import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { CanActivate, DynamicModule, Type } from '@nestjs/common';
import cors from '@fastify/cors';
import { LogController, type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/env.schema';
import { ProblemFilter } from '../errors/problem.filter';
import { ContractGuard } from '../http/contract.guard';
import { PROBLEM_CONTENT_TYPE, problem } from '../errors/problem';
import { PinoNestLogger } from '../logging/logger';
import { MetricsService } from '../metrics/metrics.service';
import { LifecycleService } from './lifecycle.service';

/**
 * Security headers on every response: helmet's defaults, written once here instead of by the
 * helmet plugin, which measured several µs per request for headers that never change. The CSP
 * allows the bundled console and the local docs assets, and no framing.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-frame-options': 'DENY',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};
const HSTS = { 'strict-transport-security': 'max-age=31536000; includeSubDomains' };

/** The headers every response carries in this configuration (for handlers that write raw). */
export const securityHeadersFor = (config: Pick<AppConfig, 'NODE_ENV'>): Record<string, string> => ({
  ...SECURITY_HEADERS,
  ...(config.NODE_ENV === 'production' ? HSTS : {}),
});

const API_PATHS = /^\/(v1|rpc)\//;

/** Paths a worker-only process still serves, so Kubernetes can probe and scrape it. */
const OPS_PATHS = /^\/(health\/(live|ready)|metrics)(\?|$)/;
const REQUEST_ID = /^[\w.-]{1,128}$/;

/**
 * Creates the NestJS application on Fastify with the platform's HTTP conventions: request ids,
 * problem+json errors (including Fastify's own body-parsing errors), request metrics, body limit.
 */
export async function createHttpApp(
  rootModule: Type | DynamicModule,
  config: AppConfig,
  logger: Logger,
  options: { guardsBeforeValidation?: (app: NestFastifyApplication) => CanActivate[] } = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    // Errors Node's HTTP parser raises (headers or URL over 16 KiB: 431) answer problem+json too.
    clientErrorHandler: (error: Error & { code?: string }, socket: Socket) => {
      if (!socket.writable) return socket.destroy(error);
      const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
      const body = JSON.stringify(problem(status, status === 431 ? 'headers_too_large' : 'bad_request', 'The request could not be parsed.'));
      socket.end(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: ${PROBLEM_CONTENT_TYPE}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
    },
    // Errors Fastify raises before routing (a malformed percent-escape) answer problem+json too.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      void reply
        .status(400)
        .header('content-type', PROBLEM_CONTENT_TYPE)
        .send(problem(400, 'bad_request', `The request URL is not valid: ${error.code ?? 'malformed'}.`, { instance: request.url?.split('?')[0] }));
    },
    loggerInstance: logger,
    // Behind an ingress, request.ip (per-address limits, audit) must be the client's, from
    // X-Forwarded-For, and only as far as the proxies the operator named are trusted.
    ...(config.TRUST_PROXY ? { trustProxy: config.TRUST_PROXY } : {}),
    bodyLimit: config.BODY_LIMIT_BYTES,
    logController: new LogController({
      disableRequestLogging: config.LOG_LEVEL !== 'debug' && config.LOG_LEVEL !== 'trace',
      requestIdLogLabel: 'requestId',
    }),
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, {
    logger: new PinoNestLogger(logger.child({ component: 'nest' })),
  });
  const filter = new ProblemFilter();
  app.useGlobalFilters(filter);
  // Global guards in order: authentication (given by the caller), then request validation.
  app.useGlobalGuards(...(options.guardsBeforeValidation?.(app) ?? []), app.get(ContractGuard));

  const fastify = app.getHttpAdapter().getInstance();
  // Browsers may call the API cross-origin only from the configured origins (the console is
  // same-origin and needs none; without origins the plugin is not even registered).
  const origins = (config.CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  if (origins.length) await app.register(cors as never, { origin: origins, credentials: true });
  const metrics = app.get(MetricsService);
  const lifecycle = app.get(LifecycleService);

  // Errors raised by Fastify itself (bad JSON, body too large) never reach Nest's filters.
  fastify.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const body = filter.toProblem(error, request);
    void reply.status(body.status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
  });
  const securityHeaders = securityHeadersFor(config);
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.headers(securityHeaders).header('x-request-id', request.id);
    // API answers carry tokens, keys and tenant data: no shared or browser cache may keep them.
    if (API_PATHS.test(request.url)) void reply.header('cache-control', 'no-store');
    if (lifecycle.draining && !OPS_PATHS.test(request.url)) {
      return reply
        .status(503)
        .header('connection', 'close')
        .header('content-type', PROBLEM_CONTENT_TYPE)
        .send(problem(503, 'shutting_down', 'This instance is shutting down; retry on another.'));
    }
    if (config.CHAINLOOM_ROLE === 'worker' && !OPS_PATHS.test(request.url)) {
      return reply
        .status(404)
        .header('content-type', PROBLEM_CONTENT_TYPE)
        .send(problem(404, 'not_found', 'This process runs workers only; the API is served by the api role.'));
    }
  });
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.observeRequest(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });
  return app;
}

/** Listens and returns the URL it is reachable at. */
export async function listen(app: NestFastifyApplication, config: AppConfig): Promise<string> {
  await app.listen({ port: config.PORT, host: config.HOST });
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const host = config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST;
  const url = `http://${host}:${port}`;
  app.get(LifecycleService).setListeningAt(url);
  return url;
}
