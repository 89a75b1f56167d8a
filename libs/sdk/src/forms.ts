import { z } from 'zod';
import type { paths } from './openapi';
import { requestSchemas, type RequestSchemaKey } from './request-schemas.gen';

type Method<K extends string> = K extends `${infer M} ${string}` ? Lowercase<M> : never;
type PathOf<K extends string> = K extends `${string} ${infer P}` ? P : never;

/** The JSON body type of an operation, e.g. RequestBody<'POST /v1/signup'>. */
export type RequestBody<K extends RequestSchemaKey> =
  PathOf<K> extends keyof paths
    ? Method<K> extends keyof paths[PathOf<K>]
      ? NonNullable<paths[PathOf<K>][Method<K>]> extends { requestBody?: { content: { 'application/json': infer B } } }
        ? B
        : never
      : never
    : never;

const cache = new Map<RequestSchemaKey, z.ZodType>();

/**
 * The zod schema the API validates this request body with, rebuilt from the JSON schema the API
 * publishes (so a form checks exactly what the server will: lengths, patterns, enums, ranges).
 * Cross-field rules the server adds in code (refinements) do not travel through JSON schema; the
 * server's 400 answer reports those, per field.
 */
export function requestSchema<K extends RequestSchemaKey>(key: K): z.ZodType<RequestBody<K>> {
  let schema = cache.get(key);
  if (!schema) {
    schema = z.fromJSONSchema(requestSchemas[key] as Parameters<typeof z.fromJSONSchema>[0]);
    cache.set(key, schema);
  }
  // Sound by construction: both the type and the JSON schema come from the same document, and
  // the drift test keeps them equal to what the API serves.
  return schema as unknown as z.ZodType<RequestBody<K>>;
}

/** What a form shows under a field: the issue's code and its numbers, for translation. */
export interface FieldIssue {
  code: string;
  /** e.g. 'email', 'regex', 'url' for invalid_format; 'string', 'number', 'array' for sizes */
  kind?: string;
  minimum?: number;
  maximum?: number;
  values?: string[];
  message: string;
}

/** First issue per field path ("email", "nodeCount", "scopes"). */
export function fieldIssues(error: z.ZodError): Record<string, FieldIssue> {
  const out: Record<string, FieldIssue> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '_';
    if (out[path]) continue;
    const raw = issue as unknown as Record<string, unknown>;
    const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : undefined);
    out[path] = {
      code: issue.code,
      kind: typeof raw['format'] === 'string' ? raw['format'] : typeof raw['origin'] === 'string' ? raw['origin'] : undefined,
      minimum: num(raw['minimum']),
      maximum: num(raw['maximum']),
      values: Array.isArray(raw['values']) ? raw['values'].map(String) : undefined,
      message: issue.message,
    };
  }
  return out;
}

export type { RequestSchemaKey };
