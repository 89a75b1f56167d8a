import { dirname, join } from 'node:path';
import ts from 'typescript';

/**
 * The strict half of the schema check. kubernetes-models validates types, required fields and
 * enums but, like the upstream OpenAPI schemas, accepts unknown fields — so a misspelt field
 * (`readinesProbe:`) would pass and then be dropped or rejected by the API server. Here each
 * object is written as a TypeScript literal typed with kubernetes-models' interface for its kind
 * (generated from the same official schemas) and type-checked: TypeScript's excess-property check
 * rejects every unknown field, at any depth, and any type mismatch.
 */
export function typeCheckManifests(objects: readonly { readonly object: Record<string, unknown>; readonly label: string }[]): string[] {
  // A virtual file inside the repository, so `kubernetes-models/…` resolves from node_modules.
  const fileName = join(__dirname, '__typed_manifests__.ts');
  const imports = new Map<string, string>();
  const lines: string[] = [];
  objects.forEach(({ object, label }, i) => {
    const apiVersion = String(object['apiVersion']);
    const kind = String(object['kind']);
    const alias = `T${imports.size}`;
    const module = `kubernetes-models/${apiVersion}/${kind}`;
    if (!imports.has(module)) imports.set(module, alias);
    lines.push(`// ${label}\nexport const o${i}: ${imports.get(module)} = ${JSON.stringify(object, null, 2)};`);
  });
  const header = [...imports.entries()].map(([module, alias]) => `import type { I${module.split('/').pop()} as ${alias} } from '${module}';`);
  const source = [...header, ...lines].join('\n');

  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: [],
    lib: ['lib.es2022.d.ts'],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => (name === fileName ? source : readFile(name));
  host.fileExists = ((exists) => (name: string) => name === fileName || exists(name))(host.fileExists.bind(host));
  host.getSourceFile = (name, languageVersion, onError, shouldCreate) =>
    name === fileName ? ts.createSourceFile(name, source, languageVersion, true) : getSourceFile(name, languageVersion, onError, shouldCreate);
  host.getCurrentDirectory = () => dirname(fileName);
  const program = ts.createProgram([fileName], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName === fileName || !d.file)
    .map((d) => {
      const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
      if (!d.file || d.start === undefined) return text;
      const { line } = d.file.getLineAndCharacterOfPosition(d.start);
      const label = source.split('\n').slice(0, line + 1).reverse().find((l) => l.startsWith('// '));
      return `${label?.slice(3) ?? '?'}: ${text}`;
    });
}
