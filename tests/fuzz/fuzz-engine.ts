// Schema-driven fuzzing of every operation in /v1/openapi.json. Used by the CI pass
// (openapi-fuzz.int-spec.ts: fixed seed, short) and the long run (bench/chaos/fuzz-long.ts).
//
// For each operation it generates requests with fast-check from the operation's own schemas
// (path, query and header parameters, JSON or binary bodies): mostly valid, the rest broken in one
// place or hostile, sent as anonymous, with a garbage token, as the tenant that owns the ids used,
// as another tenant and as the platform admin. What must hold for every answer:
//   - no 5xx, and no dropped connection;
//   - every error is application/problem+json with `status` and `code`;
//   - an answer within the per-request timeout (SSE streams count once their headers arrive);
//   - another tenant never gets a 2xx on a path naming the owner's ids.
import fc from 'fast-check';
import { RequestTimeout, problemViolation, send, type RawRequest, type RawResponse } from '../support/http';
import {
  fillPath,
  type JsonSchema,
  type OpenApiDocument,
  type Operation,
  type Parameter,
} from '../support/openapi';
import {
  asParamString,
  invalidObject,
  invalidValue,
  nastyString,
  nastyValue,
  toJson,
  validValue,
  type SchemaContext,
} from './schema-arbitraries';

export const IDENTITIES = [
  'anonymous',
  'garbage-token',
  'right-key',
  'right-session',
  'wrong-key',
  'wrong-session',
  'admin',
] as const;
export type IdentityName = (typeof IDENTITIES)[number];

export interface FuzzTarget {
  baseUrl: string;
  doc: OpenApiDocument;
  /** The Authorization header value of an identity (undefined: none), for one operation. */
  authorization(identity: IdentityName, operation: Operation): Promise<string | undefined>;
  /** Real ids of the right tenant, by prefix: used in paths now and then. */
  ids(prefix: string): string[];
}

export interface FuzzOptions {
  seed: number;
  runsPerOperation: number;
  concurrency: number;
  timeoutMs: number;
  /** Operations to leave out, by key ("POST /v1/networks"), with the reason printed. */
  skip?: Record<string, string>;
}

export interface FuzzCase {
  operation: Operation;
  identity: IdentityName;
  variant: string;
  pathValues: Record<string, string>;
  query: [string, string][];
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
}

export interface FuzzFailure {
  operation: string;
  identity: IdentityName;
  variant: string;
  request: string;
  status: number | null;
  reason: string;
  body: string;
}

export interface OperationStats {
  sent: number;
  byStatus: Record<string, number>;
  maxMs: number;
  undocumented: Set<string>;
}

export interface FuzzReport {
  seed: number;
  requests: number;
  durationMs: number;
  perOperation: Map<string, OperationStats>;
  failures: FuzzFailure[];
  skipped: Record<string, string>;
}

const RAW_SEGMENTS = [
  '%00',
  '%2e%2e%2f%2e%2e%2f',
  '..%2f',
  '%2F',
  '%',
  '%zz',
  '%ff%fe',
  'net_%00',
  '%c0%ae%c0%ae',
  ';x=1',
  '*',
  '%20',
  '%0d%0aX-Injected:%201',
];
const WRONG_CONTENT_TYPES = [
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'application/octet-stream',
  '*/*',
  'application/vnd.api+json',
];

const identityArbitrary = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom<IdentityName>('anonymous', 'garbage-token') },
  { weight: 4, arbitrary: fc.constantFrom<IdentityName>('right-key', 'right-session') },
  { weight: 2, arbitrary: fc.constantFrom<IdentityName>('wrong-key', 'wrong-session') },
  { weight: 1, arbitrary: fc.constant<IdentityName>('admin') },
);

/**
 * encodeURIComponent that survives lone surrogates: they are sent as the bytes of an invalid
 * UTF-8 sequence (%ED%A0%80), which is what a hostile client would send.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function encodeParam(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return encodeURIComponent(value.replace(LONE_SURROGATE, '\ufffd')) + '%ED%A0%80';
  }
}

const schemaOf = (p: Parameter): JsonSchema => p.schema ?? { type: 'string' };

function pathParamArbitrary(p: Parameter, ctx: SchemaContext): fc.Arbitrary<{ value: string; bad: boolean }> {
  return fc.oneof(
    {
      weight: 6,
      arbitrary: validValue(schemaOf(p), ctx).map((v) => ({
        value: encodeParam(asParamString(v)),
        bad: false,
      })),
    },
    {
      weight: 2,
      arbitrary: invalidValue(schemaOf(p), ctx).map((v) => ({
        value: encodeParam(asParamString(v).slice(0, 600)) || '%20',
        bad: true,
      })),
    },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_SEGMENTS).map((value) => ({ value, bad: true })) },
  );
}

function queryArbitrary(
  params: Parameter[],
  ctx: SchemaContext,
): fc.Arbitrary<{ pairs: [string, string][]; bad: boolean }> {
  const perParam = params.map((p) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constant<[string, string][]>([]) },
      {
        weight: 4,
        arbitrary: validValue(schemaOf(p), ctx).map((v): [string, string][] => [[p.name, asParamString(v)]]),
      },
      {
        weight: 2,
        arbitrary: invalidValue(schemaOf(p), ctx).map((v): [string, string][] => [
          [p.name, asParamString(v).slice(0, 1_500)],
        ]),
      },
      {
        weight: 1,
        arbitrary: fc.tuple(nastyString, nastyString).map(([a, b]): [string, string][] => [
          [p.name, a.slice(0, 1_000)],
          [p.name, b.slice(0, 1_000)],
        ]),
      },
    ),
  );
  const extra = fc.oneof(
    { weight: 4, arbitrary: fc.constant<[string, string][]>([]) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom(
            'tenantId',
            'id',
            '__proto__[admin]',
            'constructor[prototype][x]',
            'limit[]',
            'a'.repeat(300),
          ),
          nastyString,
        )
        .map(([k, v]): [string, string][] => [[k, v.slice(0, 1_000)]]),
    },
  );
  return fc.tuple(fc.tuple(...perParam), extra).map(([lists, more]) => {
    const pairs = [...lists.flat(), ...more];
    return { pairs, bad: pairs.length > 0 && (more.length > 0 || lists.some((l) => l.length > 1)) };
  });
}

function headerArbitrary(params: Parameter[], ctx: SchemaContext): fc.Arbitrary<Record<string, string>> {
  const perParam = params.map((p) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constant<[string, string] | null>(null) },
      {
        weight: 2,
        arbitrary: validValue(schemaOf(p), ctx).map((v): [string, string] => [p.name, asParamString(v)]),
      },
      // Header values must be ByteStrings for fetch: keep the hostile ones in Latin-1.
      {
        weight: 1,
        arbitrary: fc
          .constantFrom('', ' ', 'x'.repeat(300), "' OR 1=1--", '%00', 'a b', '\u00e9')
          .map((v): [string, string] => [p.name, v]),
      },
    ),
  );
  return fc
    .tuple(...perParam)
    .map((pairs) => Object.fromEntries(pairs.filter((p): p is [string, string] => p !== null)));
}

type BodyChoice = { variant: string; contentType?: string; body?: string | Uint8Array<ArrayBuffer> };

function jsonBodyArbitrary(schema: JsonSchema, ctx: SchemaContext): fc.Arbitrary<BodyChoice> {
  const json =
    (variant: string) =>
    (value: unknown): BodyChoice => ({ variant, contentType: 'application/json', body: toJson(value) });
  return fc.oneof(
    { weight: 6, arbitrary: validValue(schema, ctx).map(json('valid')) },
    { weight: 5, arbitrary: invalidObject(schema, ctx).map(json('invalid-field')) },
    { weight: 2, arbitrary: invalidValue(schema, ctx).map(json('invalid-body')) },
    { weight: 1, arbitrary: nastyValue.map(json('hostile-body')) },
    {
      weight: 1,
      arbitrary: fc.tuple(validValue(schema, ctx), fc.nat()).map(([v, n]): BodyChoice => {
        const text = toJson(v);
        return {
          variant: 'malformed-json',
          contentType: 'application/json',
          body: text.slice(0, n % Math.max(1, text.length)) + (n % 2 ? '}' : ','),
        };
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(validValue(schema, ctx), fc.constantFrom(...WRONG_CONTENT_TYPES))
        .map(([v, contentType]): BodyChoice => ({
          variant: 'wrong-content-type',
          contentType,
          body: toJson(v),
        })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom<BodyChoice>(
        { variant: 'empty-body', contentType: 'application/json', body: '' },
        { variant: 'no-body' },
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          '\ufeff{}',
          '{"a":1}{"b":2}',
          'nul',
          '{"a":"\\ud800"}',
          '{"a":1e99999}',
          '[',
          '"',
          '{"__proto__":{"isAdmin":true}}',
        )
        .map((body): BodyChoice => ({ variant: 'odd-json', contentType: 'application/json', body })),
    },
    {
      weight: 1,
      arbitrary: fc.constant<BodyChoice>({
        variant: 'oversized',
        contentType: 'application/json',
        body: `{"x":"${'a'.repeat(1_100_000)}"}`,
      }),
    },
  );
}

function binaryBodyArbitrary(contentType: string): fc.Arbitrary<BodyChoice> {
  return fc.oneof(
    {
      weight: 5,
      arbitrary: fc
        .uint8Array({ maxLength: 4_096 })
        .map((bytes): BodyChoice => ({ variant: 'valid', contentType, body: bytes })),
    },
    {
      weight: 1,
      arbitrary: fc.constant<BodyChoice>({ variant: 'empty-body', contentType, body: new Uint8Array(0) }),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...WRONG_CONTENT_TYPES, 'application/json')
        .map((ct): BodyChoice => ({ variant: 'wrong-content-type', contentType: ct, body: '{"a":1}' })),
    },
    { weight: 1, arbitrary: fc.constant<BodyChoice>({ variant: 'no-body' }) },
  );
}

function bodyArbitrary(op: Operation, ctx: SchemaContext): fc.Arbitrary<BodyChoice> {
  if (!op.body) {
    // Bodies where none is expected (fetch cannot send one with GET).
    if (op.method === 'GET') return fc.constant({ variant: 'valid' });
    return fc.oneof(
      { weight: 5, arbitrary: fc.constant<BodyChoice>({ variant: 'valid' }) },
      {
        weight: 1,
        arbitrary: nastyValue.map((v): BodyChoice => ({
          variant: 'unexpected-body',
          contentType: 'application/json',
          body: toJson(v),
        })),
      },
      {
        weight: 1,
        arbitrary: fc.constant<BodyChoice>({
          variant: 'malformed-json',
          contentType: 'application/json',
          body: '{"a":',
        }),
      },
    );
  }
  const [contentType, schema] = Object.entries(op.body)[0];
  return contentType === 'application/json'
    ? jsonBodyArbitrary(schema, ctx)
    : binaryBodyArbitrary(contentType);
}

export function caseArbitrary(op: Operation, ctx: SchemaContext): fc.Arbitrary<FuzzCase> {
  const pathParams = fc.tuple(...op.pathParams.map((p) => pathParamArbitrary(p, ctx)));
  return fc
    .record({
      identity: identityArbitrary,
      path: pathParams,
      query: queryArbitrary(op.queryParams, ctx),
      headers: headerArbitrary(op.headerParams, ctx),
      body: bodyArbitrary(op, ctx),
    })
    .map(({ identity, path, query, headers, body }) => {
      const pathValues = Object.fromEntries(op.pathParams.map((p, i) => [p.name, path[i].value]));
      const variants = [body.variant];
      if (path.some((p) => p.bad)) variants.push('bad-path');
      if (query.bad) variants.push('bad-query');
      return {
        operation: op,
        identity,
        variant: variants.join('+'),
        pathValues,
        query: query.pairs,
        headers: { ...headers, ...(body.contentType ? { 'content-type': body.contentType } : {}) },
        body: body.body,
      };
    });
}

export function toRequest(c: FuzzCase): RawRequest {
  const qs = c.query.map(([k, v]) => `${encodeParam(k)}=${encodeParam(v)}`).join('&');
  return {
    method: c.operation.method,
    url: fillPath(c.operation.path, c.pathValues) + (qs ? `?${qs}` : ''),
    headers: c.headers,
    body: c.body,
  };
}

const describeRequest = (request: RawRequest): string => {
  const body =
    request.body === undefined
      ? ''
      : typeof request.body === 'string'
        ? request.body
        : `<${request.body.length} bytes>`;
  const shown = body.length > 300 ? `${body.slice(0, 300)}… (${body.length} chars)` : body;
  const url =
    request.url.length > 300 ? `${request.url.slice(0, 300)}… (${request.url.length} chars)` : request.url;
  return `${request.method} ${url}${request.headers?.['content-type'] ? ` [${request.headers['content-type']}]` : ''}${shown ? ` ${shown}` : ''}`;
};

/** The answer's problems, if any. */
function check(c: FuzzCase, res: RawResponse, rightIds: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  if (res.status >= 500) problems.push(`answered ${res.status}`);
  const problem = problemViolation(res);
  if (problem) problems.push(`error answer is not problem+json: ${problem}`);
  const usesOwnersIds = Object.values(c.pathValues).some((v) => rightIds.has(v));
  if ((c.identity === 'wrong-key' || c.identity === 'wrong-session') && usesOwnersIds && res.status < 300) {
    problems.push(`another tenant got ${res.status} on the owner's ids`);
  }
  return problems;
}

export async function runFuzz(
  target: FuzzTarget,
  operations: Operation[],
  options: FuzzOptions,
  onProgress?: (line: string) => void,
): Promise<FuzzReport> {
  const started = performance.now();
  const ctx: SchemaContext = { doc: target.doc, ids: (prefix) => target.ids(prefix) };
  const rightIds = new Set(
    ['cert', 'whk', 'whd', 'inv', 'key', 'mem', 'net', 'op', 'nod', 'con', 'tx', 'kyb', 'ten'].flatMap((p) =>
      target.ids(p),
    ),
  );
  const skipped: Record<string, string> = {};
  const cases: FuzzCase[] = [];
  operations.forEach((op, index) => {
    const reason = options.skip?.[op.key];
    if (reason) {
      skipped[op.key] = reason;
      return;
    }
    cases.push(
      ...fc.sample(caseArbitrary(op, ctx), { seed: options.seed + index, numRuns: options.runsPerOperation }),
    );
  });
  // Interleave operations so that a slow endpoint does not serialise the run.
  const order = fc.sample(
    fc.shuffledSubarray(
      cases.map((_, i) => i),
      { minLength: cases.length },
    ),
    { seed: options.seed, numRuns: 1 },
  )[0];

  const perOperation = new Map<string, OperationStats>();
  const failures: FuzzFailure[] = [];
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < order.length) {
      const c = cases[order[next++]];
      const request = toRequest(c);
      const authorization = await target.authorization(c.identity, c.operation);
      if (authorization) request.headers = { ...request.headers, authorization };
      const stats = perOperation.get(c.operation.key) ?? {
        sent: 0,
        byStatus: {},
        maxMs: 0,
        undocumented: new Set<string>(),
      };
      perOperation.set(c.operation.key, stats);
      stats.sent++;
      const fail = (status: number | null, reason: string, body: string) =>
        failures.push({
          operation: c.operation.key,
          identity: c.identity,
          variant: c.variant,
          request: describeRequest(request),
          status,
          reason,
          body: body.slice(0, 500),
        });
      try {
        const res = await send(target.baseUrl, request, options.timeoutMs);
        stats.byStatus[res.status] = (stats.byStatus[res.status] ?? 0) + 1;
        stats.maxMs = Math.max(stats.maxMs, res.durationMs);
        if (res.status < 300 && !c.operation.statuses.includes(String(res.status)))
          stats.undocumented.add(String(res.status));
        for (const reason of check(c, res, rightIds)) fail(res.status, reason, res.text);
      } catch (error) {
        stats.byStatus.error = (stats.byStatus.error ?? 0) + 1;
        if (error instanceof RequestTimeout)
          fail(null, `no answer within ${options.timeoutMs} ms (hang)`, '');
        else
          fail(
            null,
            `connection failed: ${(error as Error).message} ${String((error as { cause?: unknown }).cause ?? '')}`,
            '',
          );
      }
      if (++done % 500 === 0) onProgress?.(`  ${done}/${cases.length} requests, ${failures.length} failures`);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return {
    seed: options.seed,
    requests: done,
    durationMs: performance.now() - started,
    perOperation,
    failures,
    skipped,
  };
}

/** The table and failure list a run prints. */
export function formatReport(report: FuzzReport, operations: Operation[]): string {
  const lines: string[] = [];
  const width = Math.max(...operations.map((o) => o.key.length));
  lines.push(
    `fuzz seed ${report.seed}: ${report.requests} requests to ${report.perOperation.size} operations in ${(report.durationMs / 1000).toFixed(1)} s, ${report.failures.length} failures`,
  );
  lines.push(`${'operation'.padEnd(width)}  sent   2xx   4xx   5xx  err  max ms  statuses`);
  for (const op of operations) {
    const s = report.perOperation.get(op.key);
    if (!s) {
      lines.push(`${op.key.padEnd(width)}  skipped: ${report.skipped[op.key] ?? 'no requests'}`);
      continue;
    }
    const count = (test: (status: number) => boolean) =>
      Object.entries(s.byStatus).reduce((n, [k, v]) => n + (test(Number(k)) ? v : 0), 0);
    const statuses = Object.entries(s.byStatus)
      .map(([k, v]) => `${k}×${v}`)
      .join(' ');
    const undocumented = s.undocumented.size
      ? `  (2xx not in the document: ${[...s.undocumented].join(', ')})`
      : '';
    lines.push(
      `${op.key.padEnd(width)} ${String(s.sent).padStart(5)} ${String(count((x) => x < 300)).padStart(5)} ${String(count((x) => x >= 400 && x < 500)).padStart(5)} ${String(count((x) => x >= 500)).padStart(5)} ${String(s.byStatus.error ?? 0).padStart(4)} ${s.maxMs.toFixed(0).padStart(7)}  ${statuses}${undocumented}`,
    );
  }
  if (report.failures.length) {
    lines.push(
      '',
      `failures: ${report.failures.length} requests, ${distinctFailures(report.failures).length} distinct`,
    );
    for (const f of distinctFailures(report.failures)) {
      lines.push(
        `- ${f.reason}: ${f.count} requests to ${f.operations.length} operations (${f.operations.slice(0, 6).join(', ')}${f.operations.length > 6 ? ', …' : ''})`,
        `    e.g. as ${f.identity} (${f.variant}): ${f.request}`,
        `    response: ${f.status ?? '-'} ${f.body}`,
      );
    }
  }
  return lines.join('\n');
}

/** Failures grouped by what went wrong (reason, status, error code), with the operations it hit. */
export function distinctFailures(
  failures: FuzzFailure[],
): (FuzzFailure & { count: number; operations: string[] })[] {
  const groups = new Map<string, FuzzFailure & { count: number; operations: string[] }>();
  for (const f of failures) {
    const code = /"code":"([^"]+)"/.exec(f.body)?.[1] ?? '';
    const key = `${f.reason.replace(/\d+/g, 'N')}|${f.status}|${code}`;
    const group = groups.get(key) ?? { ...f, count: 0, operations: [] };
    group.count++;
    if (!group.operations.includes(f.operation)) group.operations.push(f.operation);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** One line per distinct failure, for the assertion message. */
export const describeFailure = (f: ReturnType<typeof distinctFailures>[number]): string =>
  `${f.reason} (×${f.count}, ${f.operations.length} operations, e.g. ${f.operation} as ${f.identity}, ${f.variant}): ${f.request.slice(0, 160)} → ${f.status ?? '-'} ${f.body.slice(0, 200)}`;
