import { createProvider } from '@chainloom/chain';
import { verifyReceipt, type ReceiptVerification } from '@chainloom/receipts';
import type { JsonRpcProvider } from 'ethers';
import { readFile } from 'node:fs/promises';

export interface VerifyCommandOptions {
  rpc: string[];
  file?: string;
  metadata?: string;
  minConfirmations: number;
  json: boolean;
}

/** Where the command writes; a test passes its own to capture the output. */
export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Exit codes: 0 the receipt holds, 1 it does not (the output names the failing fields), 2 could not check. */
export const EXIT = { valid: 0, invalid: 1, error: 2 } as const;

/**
 * `chainloom verify <receipt.json> --rpc <url>`: checks a receipt with nothing but the receipt
 * and a node of the anchoring chain. Every check is printed as ✓ or ✗ with the receipt field it
 * is about; the last line names every failing field.
 */
export async function runVerify(receiptPath: string, options: VerifyCommandOptions, io: Io): Promise<number> {
  if (options.rpc.length === 0) {
    io.err('chainloom verify: give the JSON-RPC URL of a node of the anchoring chain with --rpc <url>');
    return EXIT.error;
  }
  let receipt: unknown;
  let content: Uint8Array | undefined;
  let metadata: unknown;
  try {
    receipt = JSON.parse(await readFile(receiptPath, 'utf8'));
    if (options.file) content = await readFile(options.file);
    if (options.metadata) metadata = JSON.parse(await readFile(options.metadata, 'utf8'));
  } catch (error) {
    io.err(`chainloom verify: ${(error as Error).message}`);
    return EXIT.error;
  }

  // One provider per --rpc, matched to anchors by the chain id the node reports.
  const byChain = new Map<bigint, JsonRpcProvider>();
  for (const url of options.rpc) {
    const provider = createProvider(url);
    try {
      const { chainId } = await provider.getNetwork();
      byChain.set(chainId, provider);
    } catch (error) {
      provider.destroy();
      io.err(`chainloom verify: cannot reach ${url}: ${(error as Error).message}`);
      return EXIT.error;
    }
  }

  let result: ReceiptVerification;
  try {
    result = await verifyReceipt(receipt, {
      providerFor: (anchor) => byChain.get(BigInt(anchor.chainId)) ?? null,
      minConfirmations: options.minConfirmations,
      content,
      metadata,
    });
  } catch (error) {
    io.err(`chainloom verify: could not check the receipt: ${(error as Error).message}`);
    return EXIT.error;
  } finally {
    for (const provider of byChain.values()) provider.destroy();
  }

  const failing = [...new Set(result.checks.filter((c) => !c.ok).map((c) => c.field))];
  if (result.anchorsVerified === 0 && failing.length === 0) failing.push('anchors');
  if (options.json) {
    io.out(JSON.stringify({ valid: result.valid, failing, checks: result.checks }, null, 2));
  } else {
    io.out(`Receipt ${receiptPath}`);
    for (const c of result.checks) io.out(`${c.ok ? '✓' : '✗'} ${c.field}: ${c.detail}`);
    if (!options.file) io.out('· hashAlgorithm, contentHash: not compared with the evidence (pass --file to check them)');
    io.out('· networkId: Chainloom\'s name for the network, informational (not provable on chain)');
    io.out(result.valid ? `VALID: ${result.anchorsVerified} anchor(s) verified on chain` : `INVALID: ${failing.join(', ')}`);
  }
  return result.valid ? EXIT.valid : EXIT.invalid;
}
