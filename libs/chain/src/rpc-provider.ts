import { JsonRpcProvider, Network } from 'ethers';

export interface ProviderOptions {
  /** The chain id if known: no eth_chainId round trip at all, and a wrong node cannot pass. */
  readonly chainId?: number;
  /** How often `tx.wait()` and event subscriptions poll (default 1000 ms; ethers' is 4000). */
  readonly pollingIntervalMs?: number;
}

/**
 * The JSON-RPC provider every part of the platform uses for a chain.
 *
 * - `cacheTimeout: -1` turns off ethers' result cache: by default an identical request made
 *   within 250 ms of another gets the earlier answer. A send whose pending-nonce read follows
 *   another read of that account (a send, a nonce resync) then reuses a spent nonce and fails
 *   with "nonce too low" (seen against anvil); health polls would read stale block numbers.
 * - `staticNetwork`: the network is fixed (given, or detected once) instead of ethers calling
 *   eth_chainId before requests and retrying forever with console noise while a node is down.
 * - `batchMaxCount: 1` sends each request at once instead of collecting a JSON-RPC batch for
 *   10 ms; a send is several dependent round trips, so batching made one signer's sends ~4x
 *   slower (50 sends: 2.6 s batched, 0.6 s unbatched, against anvil).
 * - A shorter polling interval, because platform chains have blocks every 0–5 s.
 */
export function createProvider(url: string, options: ProviderOptions = {}): JsonRpcProvider {
  const network = options.chainId === undefined ? undefined : Network.from(options.chainId);
  return new JsonRpcProvider(url, network, {
    staticNetwork: network ?? true,
    cacheTimeout: -1,
    batchMaxCount: 1,
    pollingInterval: options.pollingIntervalMs ?? 1_000,
  });
}
