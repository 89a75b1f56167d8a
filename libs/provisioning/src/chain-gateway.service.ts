import { Injectable } from '@nestjs/common';
import { NonceManager, type ChainGateway, type NetworkAccess } from '@chainloom/chain';
import { PrismaService, type Prisma } from '@chainloom/db';
import type { Wallet } from 'ethers';
import { SignerVaultService } from './signer-vault.service';

type NetworkRow = Prisma.NetworkGetPayload<{ include: { nodes: true } }>;

/**
 * The chain-service's public interface for other domains (see ChainGateway in libs/chain):
 * network lookup, signers and serialised sending. On the notary network every tenant's anchors
 * are sent by the platform's signer, the registry's authorised account there.
 */
@Injectable()
export class ChainGatewayService implements ChainGateway {
  private readonly nonces = new NonceManager();

  constructor(
    private readonly prisma: PrismaService,
    private readonly signers: SignerVaultService,
  ) {}

  private access(network: NetworkRow): NetworkAccess | null {
    const rpcUrl = network.externalRpc
      ? this.signers.openRpcUrl(network.id, network.externalRpc)
      : network.nodes.find((n) => n.rpcUrl && n.status !== 'REMOVED')?.rpcUrl;
    if (!rpcUrl) return null;
    return {
      networkId: network.id,
      tenantId: network.tenantId,
      chainId: network.chainId,
      rpcUrl,
      registryAddress: network.registryAddress,
      confirmations: network.confirmations,
      status: network.status,
    };
  }

  async network(networkId: string) {
    const row = await this.prisma.network.findFirst({ where: { id: networkId, status: { not: 'DELETED' } }, include: { nodes: true } });
    return row ? this.access(row) : null;
  }

  async notaryNetwork() {
    const row = await this.prisma.network.findFirst({ where: { isNotary: true, status: { not: 'DELETED' } }, include: { nodes: true } });
    return row ? this.access(row) : null;
  }

  async signer(tenantId: string, networkId: string): Promise<Wallet> {
    const network = await this.network(networkId);
    if (!network) throw new Error(`network ${networkId} is unknown or has no reachable node`);
    const notary = await this.prisma.network.findUnique({ where: { id: networkId }, select: { isNotary: true, tenantId: true } });
    const owner = notary?.isNotary ? notary.tenantId : tenantId;
    return this.signers.wallet(owner, networkId, network.rpcUrl);
  }

  async send(signer: Wallet, request: { to?: string; data: string; value?: bigint; gasLimit?: bigint }) {
    const response = await this.nonces.send(signer, request);
    return { hash: response.hash, nonce: response.nonce };
  }
}
