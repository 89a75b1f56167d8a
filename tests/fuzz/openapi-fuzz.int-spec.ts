// Fuzzes every operation of /v1/openapi.json on the all-in-one platform (tenancy, provisioning,
// certificates) with inputs generated from the operation's own schemas. CI runs a short pass
// with a fixed seed; `bench/chaos/fuzz-long.ts --seconds N` runs long ones with random seeds.
import { problemViolation, send } from '../support/http';
import { operationsOf, type OpenApiDocument, type Operation } from '../support/openapi';
import { sampleMemory, type MemorySample } from '../support/memory';
import { startPlatform, type TestPlatform } from '../support/platform';
import { describeFailure, distinctFailures, formatReport, runFuzz, type FuzzReport } from './fuzz-engine';
import { createFuzzFixture, type FuzzFixture } from './fuzz-fixture';

const SEED = Number(process.env.FUZZ_SEED ?? 20_240_611);
const RUNS_PER_OPERATION = Number(process.env.FUZZ_RUNS ?? 60);
/** Generous: the process holds the platform, Jest and the fuzzer, and RSS rarely shrinks. */
const RSS_GROWTH_LIMIT_MB = 400;
/** The V8 heap after a full GC: what a leak grows, request after request. */
const HEAP_GROWTH_LIMIT_MB = 100;

describe('schema-driven fuzzing of every operation in /v1/openapi.json', () => {
  let platform: TestPlatform;
  let doc: OpenApiDocument;
  let operations: Operation[];
  let fixture: FuzzFixture;
  let report: FuzzReport;

  beforeAll(async () => {
    platform = await startPlatform({ name: 'fuzz' });
    const res = await send(platform.url, { method: 'GET', url: '/v1/openapi.json' });
    doc = res.json as OpenApiDocument;
    operations = operationsOf(doc);
    fixture = await createFuzzFixture(platform.url, platform.api, platform.pg, doc, platform.adminEmail);
  }, 60_000);

  afterAll(async () => {
    await platform?.stop();
  }, 30_000);

  it('finds the document and every operation in it', () => {
    expect(doc.openapi).toMatch(/^3\.1/);
    expect(operations.length).toBeGreaterThan(50);
  });

  it('answers every generated request without a 5xx, a non-problem error, a hang, or a cross-tenant success', async () => {
    const before: MemorySample = sampleMemory();
    report = await runFuzz(
      fixture.target,
      operations,
      { seed: SEED, runsPerOperation: RUNS_PER_OPERATION, concurrency: 4, timeoutMs: 10_000 },
      (line) => console.log(line),
    );
    const after: MemorySample = sampleMemory();
    console.log(formatReport(report, operations));
    console.log(
      `memory: RSS ${before.rssMb.toFixed(0)} → ${after.rssMb.toFixed(0)} MB (limit +${RSS_GROWTH_LIMIT_MB}), ` +
        `heap after GC ${before.heapMb.toFixed(0)} → ${after.heapMb.toFixed(0)} MB (limit +${HEAP_GROWTH_LIMIT_MB})`,
    );
    expect(report.perOperation.size).toBe(operations.length);
    expect(distinctFailures(report.failures).map(describeFailure)).toEqual([]);
    expect(after.rssMb - before.rssMb).toBeLessThan(RSS_GROWTH_LIMIT_MB);
    expect(after.heapMb - before.heapMb).toBeLessThan(HEAP_GROWTH_LIMIT_MB);
  }, 80_000);

  it('is still healthy and serves the owner afterwards', async () => {
    expect((await send(platform.url, { method: 'GET', url: '/health/ready' })).status).toBe(200);
    const me = await platform.api.as(fixture.right.key).get('/v1/me');
    expect(me.status).toBe(200);
  });

  // Inputs the fuzzer found, kept as fixed examples so that they stay fixed.
  it.each([
    ['right-session', '/v1/tenant/usage?from=0000-02-29'],
    ['right-key', '/v1/tenant/usage?to=0000-01-01'],
    ['admin', '/v1/admin/usage?day=0000-01-01'],
    ['right-key', '/v1/certificates?createdAfter=0000-01-01T00:00:00Z'],
    ['right-key', '/v1/certificates?createdBefore=0000-01-01T00:00:00%2B23:59'],
  ] as const)('as %s, GET %s (year 0000) is a 4xx problem, not a 500', async (identity, url) => {
    const authorization = await fixture.target.authorization(identity, operations[0]);
    const res = await send(platform.url, {
      method: 'GET',
      url,
      headers: authorization ? { authorization } : {},
    });
    expect({ url, status: res.status, problem: problemViolation(res) }).toEqual({
      url,
      status: 400,
      problem: null,
    });
  });

  it('answers routes that do not exist and methods that are not allowed with problem+json', async () => {
    for (const [method, url] of [
      ['GET', '/v1/nope'],
      ['DELETE', '/v1/openapi.json'],
      ['PATCH', '/v1/certificates'],
      ['GET', '/v1/certificates/%00'],
      ['GET', `/v1/${'a'.repeat(5_000)}`],
      ['GET', '/v1/networks/..%2f..%2fhealth%2flive'],
      // Errors Fastify's router raises before the platform's error handler sees the request.
      ['GET', '/v1/certificates/%zz'],
      ['GET', `/v1/certificates/${'a'.repeat(200)}`],
      ['GET', `/v1/certificates?externalId=${'a'.repeat(20_000)}`],
    ] as const) {
      const res = await send(platform.url, {
        method,
        url,
        headers: { authorization: `Bearer ${fixture.right.key}` },
      });
      expect({
        method,
        url: url.slice(0, 60),
        status: res.status < 500,
        problem: problemViolation(res),
      }).toEqual({ method, url: url.slice(0, 60), status: true, problem: null });
    }
  });
});
