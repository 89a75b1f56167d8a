import { Global, Module } from '@nestjs/common';
import { CHAIN_GATEWAY } from '@chainloom/chain';
import { ChainGatewayService } from './chain-gateway.service';
import { SignerVaultService } from './signer-vault.service';

/**
 * The part of the chain-service other domains need in their process: network lookup, signers,
 * sending (CHAIN_GATEWAY). The certificate-service boots it without the rest of provisioning.
 */
@Global()
@Module({
  providers: [SignerVaultService, ChainGatewayService, { provide: CHAIN_GATEWAY, useExisting: ChainGatewayService }],
  exports: [SignerVaultService, ChainGatewayService, CHAIN_GATEWAY],
})
export class ChainAccessModule {}
