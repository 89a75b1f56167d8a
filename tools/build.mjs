// Compiles TypeScript projects to CommonJS under dist/ with SWC, rewriting the
// @chainloom/* path aliases into relative imports so the output runs on plain Node
// (tsc cannot rewrite paths, and esbuild emits no decorator metadata for NestJS).
// Usage: node tools/build.mjs <projectRoot>...   (no argument: apps/ and libs/)
import { transformFile } from '@swc/core';
import { readFileSync, mkdirSync, writeFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, dirname, resolve, relative } from 'node:path';

const workspace = resolve(dirname(new URL(import.meta.url).pathname), '..');
const swcrc = JSON.parse(readFileSync(join(workspace, '.swcrc'), 'utf8'));
const tsconfig = JSON.parse(readFileSync(join(workspace, 'tsconfig.base.json'), 'utf8'));
const paths = tsconfig.compilerOptions.paths;

function* sources(dir) {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== 'node_modules' && name !== 'test') yield* sources(full);
    } else if (name.endsWith('.json')) {
      yield full; // data files (compiled contract artifacts) are copied as they are
    } else if (/\.tsx?$/.test(name) && !/\.(spec|int-spec)\.tsx?$/.test(name) && !name.endsWith('.d.ts')) {
      yield full;
    }
  }
}

const roots = process.argv.slice(2);
const projects = roots.length
  ? roots
  : ['apps', 'libs'].flatMap((top) =>
      existsSync(join(workspace, top)) ? readdirSync(join(workspace, top)).map((p) => join(top, p)) : [],
    );

let count = 0;
for (const project of projects) {
  const src = join(workspace, project, 'src');
  if (!existsSync(src)) continue;
  for (const file of sources(src)) {
    if (file.endsWith('.json')) {
      const copy = join(workspace, 'dist', relative(workspace, file));
      mkdirSync(dirname(copy), { recursive: true });
      writeFileSync(copy, readFileSync(file));
      count++;
      continue;
    }
    const out = join(workspace, 'dist', relative(workspace, file)).replace(/\.tsx?$/, '.js');
    const result = await transformFile(file, {
      ...swcrc,
      swcrc: false,
      filename: file,
      outputPath: out,
      jsc: { ...swcrc.jsc, baseUrl: workspace, paths },
    });
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, result.code + `\n//# sourceMappingURL=${out.split('/').pop()}.map\n`);
    if (result.map) writeFileSync(out + '.map', result.map);
    count++;
  }
}
console.log(`built ${count} files from ${projects.length} project(s) into dist/`);
