import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CurrentTenantId, RequirePermission } from '@chainloom/auth';
import { Contract } from '@chainloom/core';
import { z } from 'zod';
import { RpcParams } from './provisioning.schemas';
import { RpcGatewayService } from './rpc-gateway.service';

@Controller('rpc')
export class RpcGatewayController {
  constructor(private readonly gateway: RpcGatewayService) {}

  @Post(':networkId')
  @HttpCode(200)
  @RequirePermission('rpc')
  @Contract({
    summary: "JSON-RPC to the network's nodes (single or batch); point ethers, Hardhat or Foundry here with your API key",
    tags: ['RPC'],
    security: ['apiKey'],
    params: RpcParams,
    body: z.unknown().describe('a JSON-RPC 2.0 request or a batch (array) of them'),
    responses: { 200: { description: 'JSON-RPC reply (errors for refused or malformed calls are JSON-RPC errors)', schema: z.unknown() } },
  })
  rpc(@CurrentTenantId() tenantId: string, @Param('networkId') networkId: string, @Body() body: unknown) {
    return this.gateway.handle(tenantId, networkId, body);
  }
}
