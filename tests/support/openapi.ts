// The parts of the platform's OpenAPI 3.1 document that the suites read, and a flat list of its
// operations. Everything a suite does per endpoint starts from this list, so an endpoint added
// to the platform is fuzzed and isolation-checked without anyone touching the suites.

/** The JSON Schema subset zod-openapi emits for Chainloom's contracts. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  default?: unknown;
  description?: string;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}

interface RawOperation {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
  security?: Record<string, string[]>[];
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Operation {
  /** "GET /v1/networks/{id}": how reports name an operation. */
  key: string;
  operationId: string;
  method: HttpMethod;
  path: string;
  pathParams: Parameter[];
  queryParams: Parameter[];
  headerParams: Parameter[];
  /** Content type → schema of the request body, when the operation takes one. */
  body: Record<string, JsonSchema> | null;
  /** Declared response status codes (without "default"). */
  statuses: string[];
  /** Security scheme names accepted; empty = public. */
  security: string[];
}

const METHODS: Record<string, HttpMethod> = {
  get: 'GET',
  post: 'POST',
  put: 'PUT',
  patch: 'PATCH',
  delete: 'DELETE',
};

export function operationsOf(doc: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [lower, raw] of Object.entries(item)) {
      const method = METHODS[lower];
      if (!method) continue;
      const params = raw.parameters ?? [];
      operations.push({
        key: `${method} ${path}`,
        operationId: raw.operationId ?? `${method} ${path}`,
        method,
        path,
        pathParams: params.filter((p) => p.in === 'path'),
        queryParams: params.filter((p) => p.in === 'query'),
        headerParams: params.filter((p) => p.in === 'header'),
        body: raw.requestBody
          ? Object.fromEntries(
              Object.entries(raw.requestBody.content).map(([type, media]) => [type, media.schema ?? {}]),
            )
          : null,
        statuses: Object.keys(raw.responses ?? {}).filter((s) => s !== 'default'),
        security: (raw.security ?? []).flatMap((requirement) => Object.keys(requirement)),
      });
    }
  }
  return operations;
}

/** Follows `#/components/schemas/…` references (one level at a time, as often as needed). */
export function resolveSchema(doc: OpenApiDocument, schema: JsonSchema): JsonSchema {
  let current = schema;
  for (let hops = 0; current.$ref && hops < 20; hops++) {
    const name = current.$ref.replace(/^#\/components\/schemas\//, '');
    const target = doc.components?.schemas?.[name];
    if (!target) throw new Error(`unresolvable $ref ${current.$ref}`);
    current = target;
  }
  return current;
}

/** `net` for a parameter whose pattern is `^net_[…]{26}$`: ids carry their type as a prefix. */
export function idPrefixOf(schema: JsonSchema | undefined): string | null {
  const match = /^\^([a-z]+)_/.exec(schema?.pattern ?? '');
  return match ? match[1] : null;
}

/** Fills `{name}` placeholders of an OpenAPI path with already URL-safe values. */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for path parameter ${name} of ${path}`);
    return value;
  });
}
