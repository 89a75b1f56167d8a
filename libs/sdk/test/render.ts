// Renders the SDK's generated files from the platform's OpenAPI document. Used by generate.ts
// (which writes them) and by the drift test (which fails when the committed files differ).
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export const GENERATED_FILES = ['openapi.d.ts', 'request-schemas.gen.ts'] as const;
export type GeneratedFiles = Record<(typeof GENERATED_FILES)[number], string>;

const HEADER = (what: string) =>
  `// ${what}\n// Generated from /v1/openapi.json by libs/sdk/test/generate.ts (npx nx run sdk:generate). Do not edit:\n// libs/sdk/src/openapi-drift.int-spec.ts fails when this file differs from what the API produces.\n`;

const isObject = (value: Json | undefined): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Inlines `#/components/schemas/*` references so each request schema stands alone. A recursive
 * reference (the JSON value of certificate metadata) becomes `{}` (any JSON): the server still
 * checks it, the form does not need to.
 */
function inline(node: Json, components: JsonObject, stack: string[] = []): Json {
  if (Array.isArray(node)) return node.map((item) => inline(item, components, stack));
  if (!isObject(node)) return node;
  const ref = node['$ref'];
  if (typeof ref === 'string') {
    const name = ref.replace('#/components/schemas/', '');
    const target = components[name];
    if (stack.includes(name) || !isObject(target)) return {};
    return inline(target, components, [...stack, name]);
  }
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    // Descriptions and ids are documentation: they would only add weight to the browser bundle.
    if (key === 'description' || key === 'id' || key === 'examples') continue;
    out[key] = inline(value, components, stack);
  }
  return out;
}

/** The JSON schema of every JSON request body, keyed by "METHOD /path". */
export function requestSchemas(doc: JsonObject): Record<string, Json> {
  const components = isObject(doc['components']) && isObject(doc['components']['schemas']) ? doc['components']['schemas'] : {};
  const paths = isObject(doc['paths']) ? doc['paths'] : {};
  const out: Record<string, Json> = {};
  for (const path of Object.keys(paths).sort()) {
    const item = paths[path];
    if (!isObject(item)) continue;
    for (const method of Object.keys(item).sort()) {
      const operation = item[method];
      const content = isObject(operation) && isObject(operation['requestBody']) ? operation['requestBody']['content'] : undefined;
      const json = isObject(content) ? content['application/json'] : undefined;
      if (!isObject(json) || !isObject(json['schema']) || Object.keys(json['schema']).length === 0) continue;
      out[`${method.toUpperCase()} ${path}`] = inline(json['schema'], components);
    }
  }
  return out;
}

export async function renderSdkFiles(doc: JsonObject): Promise<GeneratedFiles> {
  // defaultNonNullable: false keeps fields with a server-side default optional in request bodies
  // (hashAlgorithm, salted, args…), which is what a caller may actually send.
  const ast = await openapiTS(doc as unknown as OpenAPI3, { defaultNonNullable: false, alphabetize: false });
  const types = HEADER('Types of the Chainloom REST API.') + '\n' + astToString(ast);

  const schemas = requestSchemas(doc);
  const keys = Object.keys(schemas);
  const schemaFile =
    HEADER('JSON schemas of the request bodies, as the API validates them (zod → JSON schema).') +
    `\nexport type RequestSchemaKey =\n${keys.map((k) => `  | ${JSON.stringify(k)}`).join('\n')};\n\n` +
    `export const requestSchemas: Record<RequestSchemaKey, object> = ${JSON.stringify(schemas, null, 2)};\n`;
  return { 'openapi.d.ts': types, 'request-schemas.gen.ts': schemaFile };
}
