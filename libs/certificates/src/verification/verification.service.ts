import { Inject, Injectable, Optional } from '@nestjs/common';
import { CHAIN_GATEWAY, createProvider, type ChainGateway } from '@chainloom/chain';
import type { Provider } from 'ethers';
import { CertificateQueryService } from '../certificate-query.service';
import { certificateStatus, toHex } from '../certificate-views';
import type { ReceiptAnchor } from '../certificates.schemas';
import { verifyReceipt } from '@chainloom/receipts';

const MAX_PROVIDERS = 64;

/** Verification for a tenant (its own certificates of a hash) and for anyone (a receipt or a hash). */
@Injectable()
export class VerificationService {
  private readonly providers = new Map<string, Provider>();

  constructor(
    private readonly queries: CertificateQueryService,
    @Optional() @Inject(CHAIN_GATEWAY) private readonly chains: ChainGateway | null,
  ) {}

  async forTenant(tenantId: string, contentHash: string) {
    const certificates = await this.queries.byHash(tenantId, contentHash);
    return { contentHash, found: certificates.length > 0, certificates };
  }

  /**
   * Checks a receipt against the chains it names, reached through the platform's own nodes (the
   * network is looked up by the receipt's networkId; its chain id must match the anchor's).
   * Same code as `chainloom verify`.
   */
  async publicReceipt(receipt: unknown) {
    const result = await verifyReceipt(receipt, {
      providerFor: async (anchor: ReceiptAnchor) => {
        const network = await this.chains?.network(anchor.networkId);
        if (!network) return null;
        return this.provider(network.rpcUrl, network.chainId);
      },
    });
    return { kind: 'receipt' as const, valid: result.valid, checks: result.checks };
  }

  /**
   * Whether a hash is certified, and where it is anchored: no metadata, no tenant, no ids. Salted
   * certificates are left out: their salt exists precisely so that low-entropy evidence cannot
   * be confirmed by guessing, and this endpoint would undo that.
   */
  async publicHash(contentHash: string) {
    const rows = await this.queries.publicByHash(contentHash);
    const certificates = rows.map((row) => ({
      status: certificateStatus(row.batch),
      createdAt: row.createdAt.toISOString(),
      root: row.batch ? toHex(row.batch.root) : null,
      anchors: (row.batch?.anchors ?? [])
        .filter((a) => a.status === 'ANCHORED' || a.status === 'CONFIRMED')
        .map((a) => ({
          chainId: a.chainId,
          contract: a.contract,
          txHash: a.txHash,
          blockNumber: a.blockNumber === null ? null : Number(a.blockNumber),
          blockHash: a.blockHash,
          blockTime: a.blockTime?.toISOString() ?? null,
          status: a.status as 'ANCHORED' | 'CONFIRMED',
        })),
    }));
    return { kind: 'hash' as const, contentHash, valid: certificates.some((c) => c.anchors.length > 0), certificates };
  }

  private provider(rpcUrl: string, chainId: number): Provider {
    const key = `${chainId}|${rpcUrl}`;
    let provider = this.providers.get(key);
    if (!provider) {
      if (this.providers.size >= MAX_PROVIDERS) this.providers.clear();
      provider = createProvider(rpcUrl, { chainId });
      this.providers.set(key, provider);
    }
    return provider;
  }
}
