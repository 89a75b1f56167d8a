// Recompiles libs/contracts/solidity/*.sol into libs/contracts/src/artifacts/<Name>.json.
// Run after editing a contract:  node -r @swc-node/register tools/contracts/compile.ts
// The artifacts are committed, and libs/contracts/src/artifacts.spec.ts fails until they are
// regenerated, so the deployed bytecode always matches the reviewed source.
import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ARTIFACTS_DIR,
  compileContracts,
  readSoliditySources,
  serializeArtifact,
} from '../../libs/contracts/src/compiler/solidity.compiler';

function main(): void {
  const sources = readSoliditySources();
  const { artifacts, warnings } = compileContracts(sources);
  for (const warning of warnings) console.warn(warning);

  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const written = new Set<string>();
  for (const artifact of artifacts) {
    const file = `${artifact.contractName}.json`;
    const path = join(ARTIFACTS_DIR, file);
    const text = serializeArtifact(artifact);
    const changed = !existsSync(path) || readFileSync(path, 'utf8') !== text;
    if (changed) writeFileSync(path, text);
    written.add(file);
    console.log(
      `${changed ? 'wrote    ' : 'unchanged'} ${file} (${(artifact.deployedBytecode.length - 2) / 2} bytes deployed)`,
    );
  }
  // An artifact whose contract was deleted or renamed would otherwise linger and still import.
  for (const file of readdirSync(ARTIFACTS_DIR)) {
    if (file.endsWith('.json') && !written.has(file)) {
      unlinkSync(join(ARTIFACTS_DIR, file));
      console.log(`removed   ${file}`);
    }
  }
}

main();
