import type { JsonFragment } from 'ethers';

/** A compiled contract as committed under src/artifacts (written by tools/contracts/compile.ts). */
export interface ContractArtifact {
  contractName: string;
  abi: JsonFragment[];
  /** Creation code, 0x-prefixed: what a deployment sends, before the ABI-encoded constructor args. */
  bytecode: string;
  /** Runtime code, 0x-prefixed: what eth_getCode returns once deployed (to recognise a deployment). */
  deployedBytecode: string;
  /** sha256 of the .sol file the contract was compiled from, 0x-prefixed. */
  sourceHash: string;
  compiler: { version: string; settings: CompilerSettings };
}

/** The solc settings that change the bytecode (standard JSON `settings`, less outputSelection). */
export interface CompilerSettings {
  evmVersion: string;
  optimizer: { enabled: boolean; runs: number };
}
