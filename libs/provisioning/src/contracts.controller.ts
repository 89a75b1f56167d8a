import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CurrentActor, CurrentTenantId, RequirePermission, type Actor } from '@chainloom/auth';
import { Contract, pageSchema } from '@chainloom/core';
import { z } from 'zod';
import { CallBody, CallResultView, ContractView, DeployContractBody, TemplateView, TransactionView, BlockParams, BlocksQuery, TxHashParams } from './contracts.schemas';
import { ContractsService } from './contracts.service';
import { ExplorerService } from './explorer.service';
import { ContractIdParam, NetworkIdParam, TransactionIdParam } from './provisioning.schemas';

const security = ['session', 'apiKey'];

@Controller('v1')
export class ContractsController {
  constructor(
    private readonly contracts: ContractsService,
    private readonly explorer: ExplorerService,
  ) {}

  @Get('contract-templates')
  @RequirePermission('contracts:read')
  @Contract({ summary: 'Contract templates you can deploy', tags: ['Contracts'], security, responses: { 200: { description: 'templates', schema: z.array(TemplateView) } } })
  templates() {
    return this.contracts.templates();
  }

  @Post('networks/:id/contracts')
  @RequirePermission('contracts:write')
  @Contract({ summary: 'Deploy a contract from a template or from your ABI and bytecode (signed by your signer)', tags: ['Contracts'], security, params: NetworkIdParam, body: DeployContractBody, responses: { 201: { description: 'deployed', schema: ContractView } } })
  deploy(@CurrentTenantId() tenantId: string, @Param('id') id: string, @Body() body: z.infer<typeof DeployContractBody>, @CurrentActor() actor: Actor) {
    return this.contracts.deploy(tenantId, id, body, actor);
  }

  @Get('networks/:id/contracts')
  @RequirePermission('contracts:read')
  @Contract({ summary: "A network's contracts (yours and the system's)", tags: ['Contracts'], security, params: NetworkIdParam, responses: { 200: { description: 'contracts', schema: pageSchema(ContractView) } } })
  list(@CurrentTenantId() tenantId: string, @Param('id') id: string) {
    return this.contracts.list(tenantId, id);
  }

  @Get('contracts/:id')
  @RequirePermission('contracts:read')
  @Contract({ summary: 'A contract with its ABI', tags: ['Contracts'], security, params: ContractIdParam, responses: { 200: { description: 'contract', schema: ContractView } } })
  get(@CurrentTenantId() tenantId: string, @Param('id') id: string) {
    return this.contracts.get(tenantId, id);
  }

  @Post('contracts/:id/call')
  @RequirePermission('contracts:read')
  @Contract({ summary: 'Call a read function', tags: ['Contracts'], security, params: ContractIdParam, body: CallBody, responses: { 201: { description: 'result', schema: CallResultView } } })
  call(@CurrentTenantId() tenantId: string, @Param('id') id: string, @Body() body: z.infer<typeof CallBody>) {
    return this.contracts.call(tenantId, id, body);
  }

  @Post('contracts/:id/send')
  @RequirePermission('contracts:write')
  @Contract({ summary: 'Send a write function from your signer', tags: ['Contracts'], security, params: ContractIdParam, body: CallBody, responses: { 201: { description: 'sent', schema: TransactionView } } })
  send(@CurrentTenantId() tenantId: string, @Param('id') id: string, @Body() body: z.infer<typeof CallBody>, @CurrentActor() actor: Actor) {
    return this.contracts.send(tenantId, id, body, actor);
  }

  @Get('transactions/:id')
  @RequirePermission('contracts:read')
  @Contract({ summary: 'Status and receipt of a transaction sent through the gateway', tags: ['Contracts'], security, params: TransactionIdParam, responses: { 200: { description: 'transaction', schema: TransactionView } } })
  transaction(@CurrentTenantId() tenantId: string, @Param('id') id: string) {
    return this.contracts.transaction(tenantId, id);
  }

  @Get('networks/:id/blocks')
  @RequirePermission('networks:read')
  @Contract({ summary: 'Latest blocks', tags: ['Explorer'], security, params: NetworkIdParam, query: BlocksQuery })
  blocks(@CurrentTenantId() tenantId: string, @Param('id') id: string, @Query() query: z.infer<typeof BlocksQuery>) {
    return this.explorer.latestBlocks(tenantId, id, query.limit);
  }

  @Get('networks/:id/blocks/:number')
  @RequirePermission('networks:read')
  @Contract({ summary: 'A block', tags: ['Explorer'], security, params: BlockParams })
  block(@CurrentTenantId() tenantId: string, @Param('id') id: string, @Param('number') number: number) {
    return this.explorer.block(tenantId, id, Number(number));
  }

  @Get('networks/:id/transactions/:hash')
  @RequirePermission('networks:read')
  @Contract({ summary: 'A transaction with its receipt and decoded events', tags: ['Explorer'], security, params: TxHashParams })
  tx(@CurrentTenantId() tenantId: string, @Param('id') id: string, @Param('hash') hash: string) {
    return this.explorer.transaction(tenantId, id, hash);
  }
}
