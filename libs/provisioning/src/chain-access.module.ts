import { Global, Module } from '@nestjs/common';
import { CHAIN_GATEWAY } from '@chainloom/chain';
import { ChainGatewayService } from './chain-gateway.service';
import { MasterKeyController } from './master-key.controller';
import { SignerVaultService } from './signer-vault.service';

/**
 * The part of the chain-service other domains need in their process: network lookup, signers,
 * sending (CHAIN_GATEWAY), and master-key rotation of the secrets that process stores. The
 * certificate-service boots it without the rest of provisioning.
 */
@Global()
@Module({
  controllers: [MasterKeyController],
  providers: [SignerVaultService, ChainGatewayService, { provide: CHAIN_GATEWAY, useExisting: ChainGatewayService }],
  exports: [SignerVaultService, ChainGatewayService, CHAIN_GATEWAY],
})
export class ChainAccessModule {}
