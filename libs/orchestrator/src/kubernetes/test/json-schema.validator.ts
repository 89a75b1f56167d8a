/**
 * A JSON Schema (draft-07) validator for the keywords helm/chainloom/values.schema.json uses —
 * type, enum, required, properties, additionalProperties (false or a schema), items, pattern,
 * minLength, maxLength, minimum, maximum, propertyNames, $ref to #/definitions — and nothing else:
 * a keyword it does not know throws, so the schema cannot grow a rule this check ignores. (Helm
 * itself validates values against the same file on install, upgrade, lint and template.)
 */

type Schema = Record<string, unknown>;

const KNOWN = new Set([
  '$schema',
  'title',
  'description',
  'definitions',
  '$ref',
  'type',
  'enum',
  'required',
  'properties',
  'additionalProperties',
  'items',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'propertyNames',
]);

export function validateJsonSchema(schema: Schema, value: unknown): string[] {
  const errors: string[] = [];
  check(schema, schema, value, '', errors);
  return errors;
}

function check(root: Schema, schema: Schema, value: unknown, path: string, errors: string[]): void {
  for (const keyword of Object.keys(schema)) {
    if (!KNOWN.has(keyword)) throw new Error(`values.schema.json uses "${keyword}", which this validator does not implement`);
  }
  if (typeof schema['$ref'] === 'string') {
    const name = /^#\/definitions\/(.+)$/.exec(schema['$ref'])?.[1];
    const target = name ? (root['definitions'] as Record<string, Schema> | undefined)?.[name] : undefined;
    if (!target) throw new Error(`unresolvable $ref ${schema['$ref']}`);
    check(root, target, value, path, errors);
    return;
  }
  const at = path || '(root)';
  if (schema['type'] !== undefined) {
    const types = ([] as unknown[]).concat(schema['type']).map(String);
    if (!types.some((t) => is(t, value))) {
      errors.push(`${at}: must be ${types.join(' or ')}`);
      return;
    }
  }
  if (Array.isArray(schema['enum']) && !schema['enum'].some((e) => e === value)) errors.push(`${at}: must be one of ${JSON.stringify(schema['enum'])}`);
  if (typeof value === 'string') {
    if (typeof schema['pattern'] === 'string' && !new RegExp(schema['pattern'], 'u').test(value)) errors.push(`${at}: "${value}" does not match ${schema['pattern']}`);
    if (typeof schema['minLength'] === 'number' && value.length < schema['minLength']) errors.push(`${at}: shorter than ${schema['minLength']}`);
    if (typeof schema['maxLength'] === 'number' && value.length > schema['maxLength']) errors.push(`${at}: longer than ${schema['maxLength']}`);
  }
  if (typeof value === 'number') {
    if (typeof schema['minimum'] === 'number' && value < schema['minimum']) errors.push(`${at}: below ${schema['minimum']}`);
    if (typeof schema['maximum'] === 'number' && value > schema['maximum']) errors.push(`${at}: above ${schema['maximum']}`);
  }
  if (Array.isArray(value) && schema['items']) value.forEach((item, i) => check(root, schema['items'] as Schema, item, `${path}[${i}]`, errors));
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const object = value as Record<string, unknown>;
    for (const key of (schema['required'] as string[] | undefined) ?? []) if (!(key in object)) errors.push(`${at}: missing "${key}"`);
    const properties = (schema['properties'] as Record<string, Schema> | undefined) ?? {};
    for (const [key, child] of Object.entries(object)) {
      const childPath = path ? `${path}.${key}` : key;
      if (schema['propertyNames']) check(root, schema['propertyNames'] as Schema, key, `${childPath} (name)`, errors);
      if (properties[key]) check(root, properties[key], child, childPath, errors);
      else if (schema['additionalProperties'] === false) errors.push(`${at}: unknown key "${key}"`);
      else if (typeof schema['additionalProperties'] === 'object') check(root, schema['additionalProperties'] as Schema, child, childPath, errors);
    }
  }
}

function is(type: string, value: unknown): boolean {
  switch (type) {
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    default:
      throw new Error(`unknown type ${type}`);
  }
}
