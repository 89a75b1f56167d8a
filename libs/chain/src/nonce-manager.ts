import type { Provider, Signer, TransactionRequest, TransactionResponse } from 'ethers';

export interface NonceManagerOptions {
  /** Sends per transaction before a nonce error is given up on (default 4). */
  readonly maxAttempts?: number;
  /**
   * Re-read the pending nonce from the node whenever a signer's queue was empty (default true).
   * Costs one RPC per burst, and repairs gaps nothing else reports: a transaction the node
   * dropped from its pool, or one sent with this key by another program, which would otherwise
   * leave every later transaction queued behind a missing nonce forever.
   */
  readonly resyncWhenIdle?: boolean;
}

interface Lane {
  tail: Promise<unknown>;
  /** Next nonce to use; null = ask the node. */
  next: number | null;
  /** Sends queued or running. */
  queued: number;
}

export type NonceErrorKind = 'used' | 'occupied' | 'ahead';

/**
 * Classifies an error from a send as a nonce conflict, from its message (ethers maps only some
 * of them to codes, and nodes word them differently):
 * - `used`: the nonce is already mined ("nonce too low"; Besu "Nonce too low").
 * - `occupied`: the pool holds another transaction with this nonce ("replacement transaction
 *   underpriced"; "already known" / "transaction already imported" for the very same one).
 * - `ahead`: the nonce is too far ahead of the chain ("nonce too high"; Besu "nonce too distant").
 * anvil answers the first two with JSON-RPC error -32003, and queues a nonce that is ahead.
 */
export function nonceErrorKind(error: unknown): NonceErrorKind | null {
  const text = errorText(error);
  if (/nonce too low|nonce has already been used|NONCE_EXPIRED/i.test(text)) return 'used';
  if (/replacement (transaction |fee )?underpriced|REPLACEMENT_UNDERPRICED|already known|already imported|known transaction/i.test(text)) {
    return 'occupied';
  }
  if (/nonce too high|nonce too (far|distant)|NONCE_TOO_FAR|invalid nonce/i.test(text)) return 'ahead';
  return null;
}

/**
 * Serialises each signer's transactions and hands out nonces locally, so that many concurrent
 * sends from one key neither collide nor wait for each other to be mined; only their broadcasts
 * are ordered. On a nonce error it re-reads `eth_getTransactionCount(address, 'pending')` and
 * sends again with the node's number.
 *
 * State is per provider and address: use one provider per chain (the same object), and point it
 * at one node, because a node that has not yet seen a transaction reports a stale pending count.
 */
export class NonceManager {
  private readonly lanes = new WeakMap<Provider, Map<string, Lane>>();
  private readonly maxAttempts: number;
  private readonly resyncWhenIdle: boolean;

  constructor(options: NonceManagerOptions = {}) {
    this.maxAttempts = options.maxAttempts ?? 4;
    this.resyncWhenIdle = options.resyncWhenIdle ?? true;
  }

  /** Sends `tx` from `signer` (which must have a provider) with the next nonce; resolves once broadcast. */
  async send(signer: Signer, tx: TransactionRequest): Promise<TransactionResponse> {
    const provider = signer.provider;
    if (!provider) throw new Error('NonceManager.send needs a signer connected to a provider');
    const address = (await signer.getAddress()).toLowerCase();
    const lane = this.lane(provider, address);
    const idle = lane.queued === 0;
    lane.queued++;
    const result = lane.tail.then(() => this.sendInLane(lane, provider, signer, address, tx, idle));
    lane.tail = result.then(
      () => undefined,
      () => undefined,
    );
    try {
      return await result;
    } finally {
      lane.queued--;
    }
  }

  /** Forgets the local nonce of `address` (all addresses if omitted) on `provider`. */
  reset(provider: Provider, address?: string): void {
    const lanes = this.lanes.get(provider);
    if (!lanes) return;
    for (const [key, lane] of lanes) if (!address || key === address.toLowerCase()) lane.next = null;
  }

  private async sendInLane(
    lane: Lane,
    provider: Provider,
    signer: Signer,
    address: string,
    tx: TransactionRequest,
    idle: boolean,
  ): Promise<TransactionResponse> {
    if (lane.next === null || (idle && this.resyncWhenIdle)) lane.next = await provider.getTransactionCount(address, 'pending');
    for (let attempt = 1; ; attempt++) {
      const nonce: number = lane.next;
      try {
        const response = await signer.sendTransaction({ ...tx, nonce });
        lane.next = nonce + 1;
        return response;
      } catch (error) {
        const kind = nonceErrorKind(error);
        if (kind === null || attempt >= this.maxAttempts) {
          // Whether it reached the pool is unknown (a timeout after broadcast, say): ask next time.
          lane.next = null;
          throw error;
        }
        const pending = await provider.getTransactionCount(address, 'pending');
        // An occupied nonce whose holder the pending count does not show (it sits behind a gap)
        // would be chosen again: step over it instead.
        lane.next = kind === 'occupied' ? Math.max(pending, nonce + 1) : pending;
      }
    }
  }

  private lane(provider: Provider, address: string): Lane {
    let lanes = this.lanes.get(provider);
    if (!lanes) {
      lanes = new Map();
      this.lanes.set(provider, lanes);
    }
    let lane = lanes.get(address);
    if (!lane) {
      lane = { tail: Promise.resolve(), next: null, queued: 0 };
      lanes.set(address, lane);
    }
    return lane;
  }
}

/** The messages of an ethers error and the node error inside it, without `instanceof`. */
function errorText(error: unknown, depth = 0): string {
  if (depth > 3 || typeof error !== 'object' || error === null) return typeof error === 'string' ? error : '';
  const record = error as Record<string, unknown>;
  const own = ['code', 'message', 'shortMessage'].map((key) => (typeof record[key] === 'string' ? record[key] : '')).join(' ');
  const info = record['info'];
  const nested = [record['error'], typeof info === 'object' && info !== null ? (info as Record<string, unknown>)['error'] : undefined];
  return [own, ...nested.map((inner) => errorText(inner, depth + 1))].join(' ');
}
