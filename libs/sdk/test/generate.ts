// Regenerates libs/sdk/src/openapi.d.ts and request-schemas.gen.ts from the live API document.
// Run: npx nx run sdk:generate   (needs PostgreSQL and Redis, as the integration tests do)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fetchApiDocument } from './api-document';
import { GENERATED_FILES, renderSdkFiles } from './render';

async function main() {
  const files = await renderSdkFiles(await fetchApiDocument());
  for (const name of GENERATED_FILES) {
    writeFileSync(join(__dirname, '..', 'src', name), files[name]);
    process.stdout.write(`wrote libs/sdk/src/${name}\n`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
