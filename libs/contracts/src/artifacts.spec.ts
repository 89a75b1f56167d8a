import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ARTIFACTS_DIR,
  COMPILER_SETTINGS,
  compileContracts,
  readSoliditySources,
  serializeArtifact,
} from './compiler/solidity.compiler';
import { AnchorRegistryArtifact, PointsTokenArtifact, type ContractArtifact } from './index';

// The committed artifacts are what the platform deploys; they must be exactly what today's
// sources compile to. If this fails after a contract edit, run:
//   node -r @swc-node/register tools/contracts/compile.ts
describe('committed contract artifacts', () => {
  const { artifacts: fresh, warnings } = compileContracts(readSoliditySources());
  const committed = (name: string) =>
    JSON.parse(readFileSync(join(ARTIFACTS_DIR, `${name}.json`), 'utf8')) as ContractArtifact;

  it('exist for exactly the contracts in the sources', () => {
    const files = readdirSync(ARTIFACTS_DIR).filter((file) => file.endsWith('.json'));
    expect(files.sort()).toEqual(fresh.map((artifact) => `${artifact.contractName}.json`).sort());
    expect(fresh.map((artifact) => artifact.contractName).sort()).toEqual(['AnchorRegistry', 'PointsToken']);
  });

  it('compile without warnings', () => {
    expect(warnings).toEqual([]);
  });

  it.each(['AnchorRegistry', 'PointsToken'])('match a fresh compile of %s.sol, byte for byte', (name) => {
    const artifact = fresh.find((candidate) => candidate.contractName === name);
    if (!artifact) throw new Error(`${name} did not compile`);
    const onDisk = committed(name);
    // Field by field first, for a readable failure; then the whole file, for determinism.
    expect(onDisk.sourceHash).toBe(artifact.sourceHash);
    expect(onDisk.abi).toEqual(JSON.parse(JSON.stringify(artifact.abi)));
    expect(onDisk.bytecode).toBe(artifact.bytecode);
    expect(onDisk.deployedBytecode).toBe(artifact.deployedBytecode);
    expect(readFileSync(join(ARTIFACTS_DIR, `${name}.json`), 'utf8')).toBe(serializeArtifact(artifact));
  });

  it('are the ones the library exports, compiled for paris with the optimizer', () => {
    expect(AnchorRegistryArtifact).toEqual(committed('AnchorRegistry'));
    expect(PointsTokenArtifact).toEqual(committed('PointsToken'));
    for (const artifact of [AnchorRegistryArtifact, PointsTokenArtifact]) {
      expect(artifact.compiler.settings).toEqual(COMPILER_SETTINGS);
      expect(artifact.bytecode).toMatch(/^0x[0-9a-f]+$/);
    }
  });
});
