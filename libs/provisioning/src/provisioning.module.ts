import { Module } from '@nestjs/common';
import { APP_CONFIG, ROOT_LOGGER } from '@chainloom/core';
import { AdminNetworksController } from './admin-networks.controller';
import { AdminNetworksService } from './admin-networks.service';
import { ChainAccessModule } from './chain-access.module';
import { ContractsController } from './contracts.controller';
import { ContractsService } from './contracts.service';
import { ExplorerService } from './explorer.service';
import { CHAIN_DRIVERS, chainDriversFactory } from './chain-drivers';
import { NetworkEventsService } from './network-events.service';
import { NetworksController } from './networks.controller';
import { NetworksService } from './networks.service';
import { NodeHealthMonitor } from './node-health.monitor';
import { OperationRunner } from './operation.runner';
import { NotaryController } from './notary.controller';
import { NotaryService } from './notary.service';
import { RpcGatewayController } from './rpc-gateway.controller';
import { RpcGatewayService } from './rpc-gateway.service';
import { SignerVaultService } from './signer-vault.service';

/** Networks, nodes, provisioning operations, signers, contracts and the RPC gateway. */
@Module({
  imports: [ChainAccessModule],
  controllers: [NetworksController, RpcGatewayController, ContractsController, NotaryController, AdminNetworksController],
  providers: [
    { provide: CHAIN_DRIVERS, useFactory: chainDriversFactory, inject: [APP_CONFIG, SignerVaultService, ROOT_LOGGER] },
    NetworkEventsService,
    NetworksService,
    OperationRunner,
    NodeHealthMonitor,
    RpcGatewayService,
    ContractsService,
    ExplorerService,
    NotaryService,
    AdminNetworksService,
  ],
})
export class ProvisioningModule {}
