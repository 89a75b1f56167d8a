import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Validates Kubernetes objects against the official OpenAPI schemas, through the models the
 * `kubernetes-models` package generates from them (types, required fields, enums, formats such
 * as int32 and quantities). Test-only: kubernetes-models is a devDependency.
 *
 * Two limits, said where they bite: the upstream schemas do not forbid unknown fields (a typo'd
 * field passes; the API server's strict field validation would reject it), which is why the
 * driver's manifests are also typed with kubernetes-models' interfaces so the TypeScript compiler
 * rejects unknown fields; and no schema knows cluster policy (quota, admission).
 *
 * The package is ESM-only with an `exports` map that only has `import` conditions, which Jest's
 * CommonJS resolver does not match; the model files are therefore loaded by absolute path.
 */

interface Model {
  validate(): void;
}
type ModelClass = new (data: unknown) => Model;

let root: string | undefined;

function modelsRoot(): string {
  if (root) return root;
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', 'kubernetes-models');
    if (existsSync(join(candidate, 'package.json'))) return (root = candidate);
  }
  throw new Error('kubernetes-models is not installed (npm install).');
}

/** The model class of an apiVersion/kind, e.g. ("apps/v1", "StatefulSet"). */
export function modelFor(apiVersion: string, kind: string): ModelClass {
  const file = join(modelsRoot(), ...apiVersion.split('/'), `${kind}.js`);
  if (!existsSync(file)) throw new Error(`No schema for ${apiVersion} ${kind} in kubernetes-models.`);
  const exported = require(file) as Record<string, ModelClass>;
  const model = exported[kind];
  if (!model) throw new Error(`kubernetes-models has no ${kind} in ${file}.`);
  return model;
}

/**
 * Throws with the schema's message (naming the object and the path) when `object` does not
 * validate. The object is round-tripped through JSON first: that is what goes on the wire.
 */
export function validateAgainstSchema(object: { apiVersion?: string; kind?: string; metadata?: { name?: string } }): void {
  if (!object.apiVersion || !object.kind) throw new Error(`An object without apiVersion/kind: ${JSON.stringify(object).slice(0, 200)}`);
  const Model = modelFor(object.apiVersion, object.kind);
  try {
    new Model(JSON.parse(JSON.stringify(object))).validate();
  } catch (error) {
    throw new Error(`${object.kind} ${object.metadata?.name ?? ''} does not validate: ${(error as Error).message}`);
  }
}
