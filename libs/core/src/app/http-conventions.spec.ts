import { Body, Controller, Get, Module, Param, Post, Query } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { z } from 'zod';
import { loadConfig } from '../config/env.schema';
import { AppException } from '../errors/app.exception';
import { Contract } from '../http/contract';
import { createLogger } from '../logging/logger';
import { createHttpApp } from './bootstrap';
import { CoreModule } from './core.module';

const Widget = z.object({ name: z.string().min(1).max(20), size: z.number().int().positive() });

@Controller('v1/widgets')
class WidgetController {
  @Post()
  @Contract({
    summary: 'Create a widget',
    body: Widget,
    responses: { 201: { description: 'created', schema: Widget } },
  })
  create(@Body() body: z.infer<typeof Widget>) {
    return body;
  }

  @Get(':id')
  @Contract({
    summary: 'Get a widget',
    params: z.object({ id: z.string().regex(/^wid_\w+$/) }),
    query: z.object({ verbose: z.coerce.boolean().default(false) }),
  })
  get(@Param('id') id: string, @Query() query: { verbose: boolean }) {
    if (id === 'wid_boom') throw new Error('database password=hunter2 leaked in a stack');
    if (id === 'wid_gone') throw AppException.notFound('Widget');
    return { id, verbose: query.verbose };
  }
}

@Module({ controllers: [WidgetController] })
class WidgetModule {}

describe('HTTP conventions', () => {
  let app: NestFastifyApplication;
  const config = loadConfig({ LOG_LEVEL: 'silent', BODY_LIMIT_BYTES: '2048' });

  beforeAll(async () => {
    const logger = createLogger(config, 'test');
    app = await createHttpApp(
      { module: class Root {}, imports: [CoreModule.forRoot(config, logger), WidgetModule] },
      config,
      logger,
    );
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(() => app.close());

  const inject = (opts: { method: 'GET' | 'POST'; url: string; payload?: string | object; headers?: Record<string, string> }) =>
    app.inject(opts);

  it('answers malformed JSON with 400 problem+json', async () => {
    const res = await inject({ method: 'POST', url: '/v1/widgets', payload: '{"name": ', headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 400, code: 'malformed_json', title: 'Bad Request' });
  });

  it('answers a schema violation with one entry per bad field', async () => {
    const res = await inject({ method: 'POST', url: '/v1/widgets', payload: { name: '', size: 'big' } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = res.json();
    expect(body.code).toBe('validation_failed');
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.name', 'body.size']);
  });

  it('validates path and query parameters too', async () => {
    const res = await inject({ method: 'GET', url: '/v1/widgets/nope' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('params.id');
    const ok = await inject({ method: 'GET', url: '/v1/widgets/wid_1?verbose=true' });
    expect(ok.json()).toEqual({ id: 'wid_1', verbose: true });
  });

  it('answers an oversized body with 413 problem+json', async () => {
    const res = await inject({ method: 'POST', url: '/v1/widgets', payload: { name: 'x'.repeat(5000), size: 1 } });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('payload_too_large');
  });

  it('hides unknown errors behind an errorId, never a stack or message', async () => {
    const res = await inject({ method: 'GET', url: '/v1/widgets/wid_boom' });
    expect(res.statusCode).toBe(500);
    const body = res.json();
    expect(body.code).toBe('internal_error');
    expect(body.errorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body).not.toMatch(/hunter2|at .*\.ts/);
  });

  it('keeps domain error codes and answers unknown routes with 404 problem+json', async () => {
    expect((await inject({ method: 'GET', url: '/v1/widgets/wid_gone' })).json()).toMatchObject({ status: 404, code: 'not_found' });
    const res = await inject({ method: 'GET', url: '/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('echoes a request id, or makes one', async () => {
    const given = await inject({ method: 'GET', url: '/health/live', headers: { 'x-request-id': 'abc-123' } });
    expect(given.headers['x-request-id']).toBe('abc-123');
    const made = await inject({ method: 'GET', url: '/health/live' });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('publishes the OpenAPI 3.1 document from the route contracts, and a docs page', async () => {
    const doc = (await inject({ method: 'GET', url: '/v1/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/v1/widgets'].post.requestBody.content['application/json'].schema.properties.size.type).toBe('integer');
    expect(doc.paths['/v1/widgets/{id}'].get.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['id', 'verbose']);
    const page = await inject({ method: 'GET', url: '/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('/docs/assets/swagger-ui-bundle.js');
    expect((await inject({ method: 'GET', url: '/docs/assets/swagger-ui-bundle.js' })).statusCode).toBe(200);
  });

  it('sends security headers and no CORS grant by default', async () => {
    const res = await inject({ method: 'GET', url: '/health/live', headers: { origin: 'https://evil.example' } });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('exports Prometheus metrics with request counts and latency histograms', async () => {
    await inject({ method: 'GET', url: '/health/live' });
    const res = await inject({ method: 'GET', url: '/metrics' });
    expect(res.body).toMatch(/http_requests_total\{method="GET",route="\/health\/live",status="200"\} \d+/);
    expect(res.body).toContain('http_request_duration_seconds_bucket');
  });
});
