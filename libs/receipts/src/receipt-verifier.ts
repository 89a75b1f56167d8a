// Checks a receipt against the chain alone: the code behind `chainloom verify` and the public
// verify endpoint. It trusts nothing Chainloom says; every fact it accepts comes from the receipt's
// own arithmetic or from a node of the anchoring chain. No NestJS, no database.
import { parseAnchoredLogs } from '@chainloom/contracts';
import { certificateLeaf, metadataDigest as digestOf, processProof } from '@chainloom/merkle';
import type { Provider } from 'ethers';
import { createHash } from 'node:crypto';
import { keccak256 } from 'ethers';
import { Receipt, type ReceiptAnchor, type VerificationCheck } from './receipt.schema';

export interface VerifyReceiptOptions {
  /** A provider for the anchor's chain, or null when none is at hand (the anchor is then skipped). */
  providerFor: (anchor: ReceiptAnchor, index: number) => Promise<Provider | null> | Provider | null;
  /** Blocks an anchor needs on top of it (itself included) to count as confirmed. Default 1. */
  minConfirmations?: number;
  /** The evidence itself: its hash must be the receipt's contentHash. */
  content?: Uint8Array;
  /** The certificate's metadata: its digest must be the receipt's metadataDigest. */
  metadata?: unknown;
}

export interface ReceiptVerification {
  valid: boolean;
  checks: VerificationCheck[];
  /** Anchors actually checked on a chain (others had no provider). */
  anchorsVerified: number;
}

const same = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && a.toLowerCase() === b.toLowerCase();

const hashWith = (algorithm: 'sha256' | 'keccak256', content: Uint8Array) =>
  algorithm === 'sha256' ? '0x' + createHash('sha256').update(content).digest('hex') : keccak256(content);

/**
 * The proof length a leaf at `index` has in a tree of `count` leaves built by libs/merkle (an odd
 * node out moves up without a sibling), so that a leafIndex inconsistent with its path shows.
 */
export function expectedProofLength(index: number, count: number): number {
  let length = 0;
  let position = index;
  let width = count;
  while (width > 1) {
    if ((position ^ 1) < width) length++;
    position >>= 1;
    width = Math.ceil(width / 2);
  }
  return length;
}

/**
 * Verifies `input` (parsed JSON of a receipt). Every check names the receipt field it is about,
 * so a tampered receipt fails naming what was changed. `valid` needs every check to pass and at
 * least one anchor to be checked on its chain.
 */
export async function verifyReceipt(input: unknown, options: VerifyReceiptOptions): Promise<ReceiptVerification> {
  const checks: VerificationCheck[] = [];
  const check = (field: string, ok: boolean, detail: string) => {
    checks.push({ field, ok, detail });
    return ok;
  };
  const parsed = Receipt.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) check(issue.path.map(String).join('.') || 'receipt', false, issue.message);
    return { valid: false, checks, anchorsVerified: 0 };
  }
  const r = parsed.data;
  const minConfirmations = Math.max(1, options.minConfirmations ?? 1);

  // 1. The evidence, when given.
  let contentKnown = false;
  if (options.content) {
    const actual = hashWith(r.hashAlgorithm, options.content);
    const other = r.hashAlgorithm === 'sha256' ? 'keccak256' : 'sha256';
    if (same(actual, r.contentHash)) contentKnown = check('contentHash', true, `${r.hashAlgorithm} of the file matches`);
    else if (same(hashWith(other, options.content), r.contentHash)) check('hashAlgorithm', false, `the file's ${other} matches contentHash, not its ${r.hashAlgorithm}`);
    else check('contentHash', false, `the file's ${r.hashAlgorithm} is ${actual}, not the receipt's contentHash`);
  }
  let metadataKnown = false;
  if (options.metadata !== undefined) {
    const digest = digestOf(options.metadata);
    metadataKnown = check('metadataDigest', same(digest, r.metadataDigest), same(digest, r.metadataDigest) ? 'the metadata matches' : `the metadata digests to ${digest}`);
  }

  // 2. The leaf and the path, by arithmetic alone.
  const leaf = certificateLeaf({ contentHash: r.contentHash, metadataDigest: r.metadataDigest, salt: r.salt });
  const leafOk = same(leaf, r.leaf);
  if (leafOk) {
    check('leaf', true, 'leaf = keccak256(keccak256(abi.encode(contentHash, metadataDigest, salt)))');
  } else if (same(processProof(r.leaf, r.merklePath), r.root)) {
    // The receipt's leaf is in the tree, so it is the inputs that were changed.
    const suspects = [contentKnown ? null : 'contentHash', metadataKnown ? null : 'metadataDigest', 'salt'].filter(Boolean).join(' or ');
    check(suspects, false, `${suspects} was altered: the leaf they give is not the certified leaf`);
  } else {
    check('leaf', false, `the leaf is not keccak256(keccak256(abi.encode(contentHash, metadataDigest, salt))) = ${leaf}`);
  }
  const pathRoot = processProof(leafOk ? leaf : r.leaf, r.merklePath);
  const pathOk = same(pathRoot, r.root);

  // 3. Each anchor, on its chain.
  let anchorsVerified = 0;
  const eventRoots: string[] = [];
  const skipped: number[] = [];
  const deepButClaimedAnchored: number[] = [];
  let leafCount: number | null = null;
  for (let i = 0; i < r.anchors.length; i++) {
    const a = r.anchors[i];
    const f = (name: string) => `anchors[${i}].${name}`;
    const provider = await options.providerFor(a, i);
    if (!provider) {
      skipped.push(i);
      continue;
    }
    const network = await provider.getNetwork();
    if (!check(f('chainId'), network.chainId === BigInt(a.chainId), `the RPC serves chain ${network.chainId}${network.chainId === BigInt(a.chainId) ? '' : `, not ${a.chainId}`}`)) continue;
    const receipt = await provider.getTransactionReceipt(a.txHash);
    if (!check(f('txHash'), !!receipt && receipt.status === 1, receipt ? (receipt.status === 1 ? 'the transaction is on chain' : 'the transaction reverted') : 'no such transaction on this chain')) continue;
    if (!receipt) continue;
    const events = parseAnchoredLogs(receipt.logs);
    const event = events.find((e) => e.logIndex === a.logIndex);
    if (!check(f('logIndex'), !!event, event ? `log ${a.logIndex} is an Anchored event` : `log ${a.logIndex} of the transaction is not an Anchored event`)) continue;
    if (!event) continue;
    eventRoots.push(event.root.toLowerCase());
    leafCount = event.leafCount;
    check(f('contract'), same(event.contract, a.contract), `emitted by ${event.contract}`);
    check(f('root'), same(event.root, r.root), same(event.root, r.root) ? 'the anchored root is the receipt root' : `the anchored root is ${event.root}`);
    check(f('tenantKey'), same(event.tenant, a.tenantKey), `anchored under tenant key ${event.tenant}`);
    check(f('batchSeq'), BigInt(a.batchSeq) === event.batchSeq, `batch ${event.batchSeq}`);
    check(f('blockNumber'), receipt.blockNumber === a.blockNumber, `mined in block ${receipt.blockNumber}`);
    const blockTimeOk = Date.parse(a.blockTime) === Number(event.timestamp) * 1000;
    check(f('blockTime'), blockTimeOk, `block time ${new Date(Number(event.timestamp) * 1000).toISOString()}`);
    const canonical = await provider.getBlock(receipt.blockNumber);
    const hashOk = same(receipt.blockHash, a.blockHash) && same(canonical?.hash, a.blockHash);
    check(f('blockHash'), hashOk, hashOk ? 'the block is on the canonical chain' : `the canonical block ${receipt.blockNumber} is ${canonical?.hash ?? 'missing'}`);
    const head = await provider.getBlockNumber();
    const confirmations = head - receipt.blockNumber + 1;
    const deep = confirmations >= minConfirmations;
    check(
      f('status'),
      a.status !== 'CONFIRMED' || deep,
      `${confirmations} confirmation(s)${a.status === 'CONFIRMED' && !deep ? `: fewer than ${minConfirmations}, so not CONFIRMED` : ''}`,
    );
    if (a.status === 'ANCHORED' && deep) deepButClaimedAnchored.push(i);
    anchorsVerified++;
  }
  // An anchor on a chain we were given no node of cannot be judged: fine if another anchor was
  // checked, a failure (naming its chainId) if none was.
  for (const i of skipped) {
    const chainId = r.anchors[i].chainId;
    check(`anchors[${i}].chainId`, anchorsVerified > 0, `no RPC for chain ${chainId}${anchorsVerified > 0 ? ': skipped' : ': no anchor could be checked'}`);
  }
  if (r.anchors.length === 0) check('anchors', false, 'the receipt has no anchor yet: fetch it again once its batch is anchored');

  // 4. What can only be judged once the chain has spoken.
  if (pathOk) check('merklePath', true, 'the path leads from the leaf to the root');
  else if (eventRoots.includes(r.root.toLowerCase())) check('merklePath', false, `the path leads to ${pathRoot}, not to the anchored root`);
  else if (eventRoots.includes(pathRoot.toLowerCase())) check('root', false, 'the root is not the one the path leads to and the chain holds');
  else check('merklePath', false, `the path leads to ${pathRoot}, not to the receipt root`);
  if (leafCount !== null) {
    const ok = r.leafIndex < leafCount && expectedProofLength(r.leafIndex, leafCount) === r.merklePath.length;
    check('leafIndex', ok, ok ? `leaf ${r.leafIndex} of ${leafCount}` : `leaf ${r.leafIndex} cannot have a ${r.merklePath.length}-step path in a batch of ${leafCount}`);
  }
  // The certificate is CONFIRMED when one of its anchors is (see libs/certificates/README.md).
  const anchorStatuses = r.anchors.map((a) => a.status);
  const expected = anchorStatuses.includes('CONFIRMED') ? 'CONFIRMED' : anchorStatuses.length ? 'ANCHORED' : r.status;
  if (r.status === expected) check('status', true, r.status);
  else if (r.status === 'CONFIRMED' && deepButClaimedAnchored.length) {
    // The chain shows the anchor confirmed and the certificate says so: the anchor's own status was changed.
    for (const i of deepButClaimedAnchored) check(`anchors[${i}].status`, false, 'the chain shows this anchor confirmed, as the certificate status says');
  } else check('status', false, `the anchors make it ${expected}, not ${r.status}`);

  const valid = checks.every((c) => c.ok) && anchorsVerified > 0;
  return { valid, checks, anchorsVerified };
}
