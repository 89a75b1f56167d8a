import type { Wallet } from 'ethers';

/** What another domain may know about a network it sends transactions to. */
export interface NetworkAccess {
  networkId: string;
  tenantId: string;
  chainId: number;
  /** JSON-RPC URL the platform reaches a node of the network at (loopback for local nodes). */
  rpcUrl: string;
  /** The AnchorRegistry deployed on the network, once it is up. */
  registryAddress: string | null;
  /** Blocks to wait before a transaction on this network counts as confirmed. */
  confirmations: number;
  /** RUNNING, DEGRADED, STOPPED… (the provisioning status). */
  status: string;
}

/**
 * The chain-service's public interface for other domains (certificates, traceability, relay):
 * find a network, get a tenant's signer on it, and send transactions through the per-signer
 * nonce manager. Implemented by the provisioning domain and provided under CHAIN_GATEWAY, so
 * feature libraries depend on this interface, never on each other.
 */
export interface ChainGateway {
  /** A network that is not deleted, or null. Not tenant-scoped: callers check ownership. */
  network(networkId: string): Promise<NetworkAccess | null>;
  /** The platform's shared notary network, if one is configured. */
  notaryNetwork(): Promise<NetworkAccess | null>;
  /** The signer that sends `tenantId`'s transactions on the network (the platform's on the notary). */
  signer(tenantId: string, networkId: string): Promise<Wallet>;
  /** Sends a transaction from a signer, serialised with its other transactions (nonce manager). */
  send(signer: Wallet, request: { to?: string; data: string; value?: bigint; gasLimit?: bigint }): Promise<{ hash: string; nonce: number }>;
}

export const CHAIN_GATEWAY = Symbol('CHAIN_GATEWAY');
