import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CurrentActor, CurrentPrincipal, CurrentTenantId, RequirePermission, type Actor, type Principal } from '@chainloom/auth';
import { APP_CONFIG, Contract, idPattern, pageSchema, securityHeadersFor, type AppConfig } from '@chainloom/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NetworkEventsService } from './network-events.service';
import { NetworksService } from './networks.service';
import { AddNodeBody, CreateNetworkBody, CreatedNetworkView, NetworkIdParam, NetworkListQuery, NetworkView, NodeParams, OperationView } from './provisioning.schemas';

const tags = ['Networks'];
const security = ['session', 'apiKey'];
const HEARTBEAT_MS = 15_000;

@Controller('v1')
export class NetworksController {
  constructor(
    private readonly networks: NetworksService,
    private readonly events: NetworkEventsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('networks')
  @RequirePermission('networks:write')
  @Contract({ summary: 'Create a network (dev on the local driver, besu-qbft on the kubernetes driver, or register an external EVM chain)', tags, security, body: CreateNetworkBody, responses: { 201: { description: 'created; provisioning runs in the background', schema: CreatedNetworkView } } })
  create(@CurrentTenantId() tenantId: string, @Body() body: z.infer<typeof CreateNetworkBody>, @CurrentPrincipal() p: Principal, @CurrentActor() actor: Actor) {
    return this.networks.create(tenantId, body, p.limits, actor);
  }

  @Get('networks')
  @RequirePermission('networks:read')
  @Contract({ summary: 'List your networks', tags, security, query: NetworkListQuery, responses: { 200: { description: 'networks', schema: pageSchema(NetworkView) } } })
  list(@CurrentTenantId() tenantId: string, @Query() query: z.infer<typeof NetworkListQuery>) {
    return this.networks.list(tenantId, query);
  }

  @Get('networks/:id')
  @RequirePermission('networks:read')
  @Contract({ summary: 'A network with its nodes, status and RPC endpoint', tags, security, params: NetworkIdParam, responses: { 200: { description: 'network', schema: NetworkView } } })
  get(@CurrentTenantId() tenantId: string, @Param('id') id: string) {
    return this.networks.get(tenantId, id);
  }

  @Get('networks/:id/operations')
  @RequirePermission('networks:read')
  @Contract({ summary: "A network's operations, newest first", tags, security, params: NetworkIdParam, responses: { 200: { description: 'operations', schema: pageSchema(OperationView) } } })
  operations(@CurrentTenantId() tenantId: string, @Param('id') id: string) {
    return this.networks.operations(tenantId, id);
  }

  @Get('operations/:id')
  @RequirePermission('networks:read')
  @Contract({ summary: 'An operation with its steps', tags, security, params: z.object({ id: z.string().regex(idPattern('op')) }), responses: { 200: { description: 'operation', schema: OperationView } } })
  operation(@CurrentTenantId() tenantId: string, @Param('id') id: string) {
    return this.networks.operation(tenantId, id);
  }

  @Post('networks/:id/stop')
  @HttpCode(202)
  @RequirePermission('networks:write')
  @Contract({ summary: 'Stop the network (its chain state is kept)', tags, security, params: NetworkIdParam, responses: { 202: { description: 'queued', schema: OperationView } } })
  stop(@CurrentTenantId() tenantId: string, @Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.networks.request(tenantId, id, 'STOP', actor);
  }

  @Post('networks/:id/start')
  @HttpCode(202)
  @RequirePermission('networks:write')
  @Contract({ summary: 'Start a stopped network with its blocks and balances', tags, security, params: NetworkIdParam, responses: { 202: { description: 'queued', schema: OperationView } } })
  start(@CurrentTenantId() tenantId: string, @Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.networks.request(tenantId, id, 'START', actor);
  }

  @Post('networks/:id/delete')
  @HttpCode(202)
  @RequirePermission('networks:write')
  @Contract({ summary: 'Delete the network: stop its nodes and remove their data', tags, security, params: NetworkIdParam, responses: { 202: { description: 'queued', schema: OperationView } } })
  remove(@CurrentTenantId() tenantId: string, @Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.networks.request(tenantId, id, 'DELETE', actor);
  }

  @Post('networks/:id/nodes')
  @HttpCode(202)
  @RequirePermission('networks:write')
  @Contract({ summary: 'Add a node (besu-qbft: a validator is started, voted in by the others, and signs blocks)', tags, security, params: NetworkIdParam, body: AddNodeBody, responses: { 202: { description: 'queued', schema: OperationView } } })
  addNode(@CurrentTenantId() tenantId: string, @Param('id') id: string, @Body() body: z.infer<typeof AddNodeBody>, @CurrentPrincipal() p: Principal, @CurrentActor() actor: Actor) {
    return this.networks.request(tenantId, id, 'ADD_NODE', actor, { role: body.role, limits: p.limits });
  }

  @Post('networks/:id/nodes/:nodeId/remove')
  @HttpCode(202)
  @RequirePermission('networks:write')
  @Contract({ summary: 'Remove a node (besu-qbft: a validator is voted out first; refused when QBFT would lose the validators it needs)', tags, security, params: NodeParams, responses: { 202: { description: 'queued', schema: OperationView } } })
  removeNode(@CurrentTenantId() tenantId: string, @Param('id') id: string, @Param('nodeId') nodeId: string, @CurrentActor() actor: Actor) {
    return this.networks.request(tenantId, id, 'REMOVE_NODE', actor, { nodeId });
  }

  @Post('networks/:id/restart')
  @HttpCode(202)
  @RequirePermission('networks:write')
  @Contract({ summary: 'Restart the nodes one at a time, each back and following the chain before the next (besu-qbft)', tags, security, params: NetworkIdParam, responses: { 202: { description: 'queued', schema: OperationView } } })
  restart(@CurrentTenantId() tenantId: string, @Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.networks.request(tenantId, id, 'RESTART', actor);
  }

  /**
   * Server-sent events: a snapshot first, then every status, node and operation-step change as
   * it happens. EventSource cannot set headers, so the console authenticates with its cookie.
   */
  @Get('networks/:id/events')
  @RequirePermission('networks:read')
  @Contract({ summary: 'Stream status and operation changes (text/event-stream)', tags, security, params: NetworkIdParam, responses: { 200: { description: 'event stream', contentType: 'text/event-stream', schema: z.string() } } })
  async stream(@CurrentTenantId() tenantId: string, @Param('id') id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const network = await this.networks.get(tenantId, id);
    const ops = await this.networks.operations(tenantId, id);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      ...securityHeadersFor(this.config),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-request-id': String(req.id),
    });
    const send = (event: string, data: unknown) => raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    send('snapshot', { network, operation: ops.items[0] ?? null });
    const unsubscribe = this.events.subscribe(id, (event) => send(event.type, event.data));
    const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
    req.raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  }
}
