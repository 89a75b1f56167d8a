// fast-check arbitraries from the JSON Schemas of the OpenAPI document: values that satisfy a
// schema ("valid-ish": small, sometimes carrying real ids), values that break it in one place,
// and the hostile inputs every endpoint must survive (injections, unicode, huge, deeply nested).
import fc from 'fast-check';
import { resolveSchema, type JsonSchema, type OpenApiDocument } from '../support/openapi';

/** JSON text inserted verbatim by toJson(): deep nesting that JSON.stringify would not survive. */
export class RawJson {
  constructor(readonly text: string) {}
}

export interface SchemaContext {
  doc: OpenApiDocument;
  /** Real ids of one type (prefix) to use now and then instead of random well-formed ones. */
  ids(prefix: string): string[];
}

/** Strings that have broken web services before: SQL and NoSQL, paths, templates, control bytes. */
export const INJECTIONS = [
  "' OR 1=1--",
  "' OR '1'='1",
  '" OR ""="',
  "'; DROP TABLE tenants;--",
  '1; SELECT pg_sleep(10)--',
  "') UNION SELECT id, secret_hash FROM api_keys--",
  '../../../../etc/passwd',
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '..\\..\\windows\\win.ini',
  '%00',
  'net_%00',
  '\u0000',
  'a\u0000b',
  '%',
  '%%',
  '%zz',
  '_',
  '*',
  '\\',
  '${7*7}',
  '{{7*7}}',
  '#{7*7}',
  '<script>alert(1)</script>',
  '{"$gt": ""}',
  '$where',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0',
  '1e309',
  '0x',
  '9'.repeat(80),
  '\u202eevil',
  '\ud800',
  '\udfff\ud800',
  'é',
  'ｎｅｔ＿',
  '🔥🔥🔥',
  'Ω≈ç√∫',
  '\r\nX-Injected: 1',
  '\t \n',
  '',
  ' ',
  '?a=b&c=d',
  '#fragment',
  '//evil.example/',
  'http://169.254.169.254/latest/meta-data/',
  'file:///etc/passwd',
  'javascript:alert(1)',
];

/** URLs for `format: uri` fields: loopback (refused at once), private and odd ones; never the Internet. */
export const URIS = [
  'http://127.0.0.1:1/',
  'http://127.0.0.1:1/rpc',
  'http://localhost:1/',
  'http://[::1]:1/',
  'http://0x7f000001:1/',
  'http://2130706433:1/',
  'http://10.0.0.1:1/',
  'http://169.254.169.254/latest/meta-data/',
  'https://hooks.example.com/chainloom',
  'https://user:pass@hooks.example.com/x',
  'file:///etc/passwd',
  'gopher://127.0.0.1:6379/_PING',
  'javascript:alert(1)',
  'data:text/plain,hello',
  'ftp://example.com/',
  'http://',
  'http:///path',
  'not a url',
  'http://exa mple.com/',
  'http://%00.example.com/',
];

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...INJECTIONS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 300_000 }).map((n) => 'x'.repeat(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 20_000 }).map((n) => '🔥'.repeat(n)) },
);

const deepArray = fc
  .integer({ min: 100, max: 20_000 })
  .map((n) => new RawJson('['.repeat(n) + ']'.repeat(n)));
const deepObject = fc
  .integer({ min: 100, max: 10_000 })
  .map((n) => new RawJson('{"a":'.repeat(n) + '1' + '}'.repeat(n)));

/** Hostile JSON values of any type. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: nastyString },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(
      null,
      true,
      false,
      0,
      -1,
      1.5,
      -0,
      1e308,
      -1e308,
      2 ** 53 + 2,
      Number.MAX_SAFE_INTEGER,
      [],
      {},
    ),
  },
  { weight: 1, arbitrary: deepArray },
  { weight: 1, arbitrary: deepObject },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 1_000, max: 60_000 })
      .map((n) => new RawJson(`[${Array.from({ length: n }, (_, i) => i).join(',')}]`)),
  },
  {
    weight: 1,
    arbitrary: fc.constant(
      new RawJson('{"__proto__":{"admin":true,"platformAdmin":true},"constructor":{"prototype":{"x":1}}}'),
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

const typesOf = (schema: JsonSchema): string[] =>
  Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];

/** A value of the schema: small (arrays ≤ 3 items, strings ≤ 40 unless the schema needs more). */
export function validValue(schema: JsonSchema, ctx: SchemaContext, depth = 0): fc.Arbitrary<unknown> {
  const s = resolveSchema(ctx.doc, schema);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives?.length) {
    // Recursive schemas (JSON metadata) are cut off by preferring their scalar branches when deep.
    const usable =
      depth > 2 ? alternatives.filter((a) => !isContainer(resolveSchema(ctx.doc, a))) : alternatives;
    return fc.oneof(...(usable.length ? usable : alternatives).map((a) => validValue(a, ctx, depth + 1)));
  }
  if (s.allOf?.length) return validValue(s.allOf[0], ctx, depth + 1);
  const types = typesOf(s);
  if (types.length > 1) return fc.oneof(...types.map((type) => validValue({ ...s, type }, ctx, depth)));
  switch (types[0]) {
    case 'string':
      return validString(s, ctx);
    case 'integer':
      return fc.integer({
        min: Math.max(s.minimum ?? -1_000_000, Number.MIN_SAFE_INTEGER),
        max: Math.min(s.maximum ?? 1_000_000, Number.MAX_SAFE_INTEGER),
      });
    case 'number':
      return fc.double({
        min: s.minimum ?? -1e6,
        max: s.maximum ?? 1e6,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const min = s.minItems ?? 0;
      return fc.array(s.items ? validValue(s.items, ctx, depth + 1) : fc.jsonValue({ maxDepth: 1 }), {
        minLength: min,
        maxLength: Math.max(min, Math.min(s.maxItems ?? 3, 3)),
      });
    }
    case 'object':
      return validObject(s, ctx, depth);
    default:
      // {}: any JSON value.
      return fc.jsonValue({ maxDepth: 2 });
  }
}

const isContainer = (s: JsonSchema) => typesOf(s).some((t) => t === 'array' || t === 'object');

function validString(s: JsonSchema, ctx: SchemaContext): fc.Arbitrary<string> {
  const maxLength = s.maxLength ?? (s.pattern ? Number.MAX_SAFE_INTEGER : 40);
  const minLength = s.minLength ?? 0;
  if (s.pattern) {
    const prefix = /^\^([a-z]+)_/.exec(s.pattern)?.[1];
    const matching = fc
      .stringMatching(new RegExp(s.pattern), { size: 'xsmall' })
      .filter((v) => v.length >= minLength && v.length <= maxLength);
    const known = prefix ? ctx.ids(prefix) : [];
    return known.length ? fc.oneof(fc.constantFrom(...known), matching) : matching;
  }
  if (s.format === 'uri') return fc.constantFrom(...URIS);
  return fc.string({ minLength, maxLength: Math.max(minLength, Math.min(maxLength, 40)), unit: 'grapheme' });
}

function validObject(
  s: JsonSchema,
  ctx: SchemaContext,
  depth: number,
): fc.Arbitrary<Record<string, unknown>> {
  const properties = s.properties ?? {};
  const required = s.required ?? [];
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, prop] of Object.entries(properties)) model[name] = validValue(prop, ctx, depth + 1);
  const known = fc.record(model, { requiredKeys: required.filter((r) => r in model) });
  if (typeof s.additionalProperties === 'object' && depth < 4) {
    const keys = s.propertyNames?.pattern
      ? fc.stringMatching(new RegExp(s.propertyNames.pattern))
      : fc.string({ minLength: 1, maxLength: 12 });
    const extra = fc.dictionary(keys, validValue(s.additionalProperties, ctx, depth + 1), { maxKeys: 3 });
    return fc.tuple(known, extra).map(([a, b]) => ({ ...b, ...a }));
  }
  return known;
}

/** A value that breaks the schema: of the wrong type, out of range, too long, or hostile. */
export function invalidValue(schema: JsonSchema, ctx: SchemaContext, depth = 0): fc.Arbitrary<unknown> {
  const s = resolveSchema(ctx.doc, schema);
  const options: fc.Arbitrary<unknown>[] = [nastyValue];
  const types = typesOf(s);
  if (types.includes('string')) {
    options.push(fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.constant([]), fc.constant({})));
    if (s.maxLength !== undefined) options.push(fc.constant('a'.repeat(s.maxLength + 1)));
    if (s.minLength) options.push(fc.constant(''));
  }
  if (types.includes('integer') || types.includes('number')) {
    options.push(fc.constantFrom<unknown>('1', '', 1.5, true, null, [], {}, 1e308, -1e308, 2 ** 63));
    if (s.maximum !== undefined) options.push(fc.constant(s.maximum + 1));
    if (s.minimum !== undefined) options.push(fc.constant(s.minimum - 1));
  }
  if (types.includes('boolean')) options.push(fc.constantFrom<unknown>('true', 1, 0, 'yes', null));
  if (types.includes('array')) {
    options.push(fc.constantFrom<unknown>('[]', {}, null, 1));
    if (s.maxItems !== undefined && s.maxItems <= 20_000)
      options.push(
        fc.constant(
          new RawJson(
            `[${Array(s.maxItems + 1)
              .fill('1')
              .join(',')}]`,
          ),
        ),
      );
    if (s.items)
      options.push(fc.array(invalidValue(s.items, ctx, depth + 1), { minLength: 1, maxLength: 3 }));
  }
  if (types.includes('object') || s.properties) options.push(invalidObject(s, ctx, depth));
  if (s.enum?.length)
    options.push(
      fc.constantFrom<unknown>(...s.enum.map((e) => (typeof e === 'string' ? e.toLowerCase() + ' ' : e))),
    );
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives?.length && depth < 3)
    options.push(...alternatives.map((a) => invalidValue(a, ctx, depth + 1)));
  return fc.oneof(...options);
}

/** An object that is right but for one thing: a missing required field, an extra one, or one bad field. */
export function invalidObject(s: JsonSchema, ctx: SchemaContext, depth = 0): fc.Arbitrary<unknown> {
  const valid = validObject(s, ctx, depth) as fc.Arbitrary<Record<string, unknown>>;
  const names = Object.keys(s.properties ?? {});
  const required = s.required ?? [];
  const options: fc.Arbitrary<unknown>[] = [
    fc
      .tuple(
        valid,
        fc.constantFrom('surprise', '__proto__', 'constructor', 'tenantId', 'isAdmin', 'role'),
        nastyValue,
      )
      .map(([v, k, x]) => {
        const copy: Record<string, unknown> = { ...v };
        Object.defineProperty(copy, k, { value: x, enumerable: true, configurable: true, writable: true });
        return copy;
      }),
  ];
  if (required.length) {
    options.push(
      fc.tuple(valid, fc.constantFrom(...required)).map(([v, k]) => {
        const copy = { ...v };
        delete copy[k];
        return copy;
      }),
    );
  }
  if (names.length && depth < 3) {
    options.push(
      fc
        .constantFrom(...names)
        .chain((name) =>
          fc.tuple(valid, fc.constant(name), invalidValue((s.properties ?? {})[name], ctx, depth + 1)),
        )
        .map(([v, k, x]) => ({ ...v, [k]: x })),
    );
  }
  return fc.oneof(...options);
}

/** Serializes like JSON.stringify, but writes RawJson fragments verbatim. */
export function toJson(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : toJson(v))).join(',')}]`;
  if (value && typeof value === 'object') {
    const parts: string[] = [];
    for (const key of Object.keys(value)) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) parts.push(`${JSON.stringify(key)}:${toJson(v)}`);
    }
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The string form of a value in a query string or a path segment. */
export function asParamString(value: unknown): string {
  if (value instanceof RawJson) return value.text.slice(0, 2_000);
  if (typeof value === 'string') return value;
  return toJson(value);
}
