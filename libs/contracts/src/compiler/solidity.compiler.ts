// Compiles libs/contracts/solidity/*.sol with the npm solc (the Emscripten build, so no native
// toolchain and no download) into ContractArtifacts. Shared by tools/contracts/compile.ts, which
// writes the committed artifacts, and by artifacts.spec.ts, which checks that they are current.
// Not exported from the library's index: solc is a dev dependency, needed only at build time.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import solc from 'solc';
import type { JsonFragment } from 'ethers';
import type { CompilerSettings, ContractArtifact } from '../contract-artifact';

export const SOLIDITY_DIR = resolve(__dirname, '../../solidity');
export const ARTIFACTS_DIR = resolve(__dirname, '../artifacts');

/**
 * evmVersion "paris": no PUSH0 (shanghai) and no MCOPY or transient storage (cancun). Paris
 * bytecode runs on anvil's default (latest) hardfork and on any Besu network from London on,
 * whereas shanghai bytecode fails on a Besu QBFT genesis that does not set shanghaiTime, which
 * private networks often leave out. The contracts need nothing newer.
 */
export const COMPILER_SETTINGS: CompilerSettings = {
  evmVersion: 'paris',
  optimizer: { enabled: true, runs: 200 },
};

/** One source file, named by its file name, which the bytecode's metadata hash also covers. */
export interface SoliditySource {
  fileName: string;
  content: string;
}

export interface CompileResult {
  artifacts: ContractArtifact[];
  /** solc warnings, formatted; errors throw instead. */
  warnings: string[];
}

interface SolcMessage {
  severity: 'error' | 'warning' | 'info';
  formattedMessage: string;
}

interface SolcOutput {
  errors?: SolcMessage[];
  contracts?: Record<
    string,
    Record<
      string,
      { abi: JsonFragment[]; evm: { bytecode: { object: string }; deployedBytecode: { object: string } } }
    >
  >;
}

/** Every .sol file of the directory, in file-name order. */
export function readSoliditySources(dir = SOLIDITY_DIR): SoliditySource[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.sol'))
    .sort()
    .map((fileName) => ({ fileName, content: readFileSync(join(dir, fileName), 'utf8') }));
}

/** The solc version string, e.g. 0.8.37+commit.….Emscripten.clang. */
export function solcVersion(): string {
  return (solc.version as () => string)();
}

/** Compiles the sources together; throws with solc's messages if any is an error. */
export function compileContracts(sources: readonly SoliditySource[]): CompileResult {
  const input = {
    language: 'Solidity',
    sources: Object.fromEntries(sources.map((source) => [source.fileName, { content: source.content }])),
    settings: {
      ...COMPILER_SETTINGS,
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
    },
  };
  const output = JSON.parse((solc.compile as (input: string) => string)(JSON.stringify(input))) as SolcOutput;
  const messages = output.errors ?? [];
  const errors = messages.filter((message) => message.severity === 'error');
  if (errors.length > 0) {
    throw new Error(`solc failed:\n${errors.map((error) => error.formattedMessage).join('\n')}`);
  }

  const version = solcVersion();
  const artifacts: ContractArtifact[] = [];
  for (const source of sources) {
    const contracts = output.contracts?.[source.fileName] ?? {};
    for (const contractName of Object.keys(contracts).sort()) {
      const { abi, evm } = contracts[contractName];
      if (artifacts.some((artifact) => artifact.contractName === contractName)) {
        throw new Error(`two contracts are named ${contractName}; artifacts are keyed by contract name`);
      }
      artifacts.push({
        contractName,
        abi,
        bytecode: `0x${evm.bytecode.object}`,
        deployedBytecode: `0x${evm.deployedBytecode.object}`,
        sourceHash: `0x${createHash('sha256').update(source.content, 'utf8').digest('hex')}`,
        compiler: { version, settings: COMPILER_SETTINGS },
      });
    }
  }
  return {
    artifacts,
    warnings: messages.filter((message) => message.severity === 'warning').map((m) => m.formattedMessage),
  };
}

/**
 * The artifact file's text: keys in a fixed order at the top, sorted below it, two-space indent
 * and a trailing newline, so that recompiling unchanged sources changes no byte.
 */
export function serializeArtifact(artifact: ContractArtifact): string {
  const ordered = {
    contractName: artifact.contractName,
    abi: sortKeys(artifact.abi),
    bytecode: artifact.bytecode,
    deployedBytecode: artifact.deployedBytecode,
    sourceHash: artifact.sourceHash,
    compiler: { version: artifact.compiler.version, settings: sortKeys(artifact.compiler.settings) },
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([key, inner]) => [key, sortKeys(inner)]));
  }
  return value;
}
