import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CurrentActor, CurrentTenantId, RequirePermission, type Actor } from '@chainloom/auth';
import { Contract } from '@chainloom/core';
import type { z } from 'zod';
import { CreateWebhookBody, CreatedWebhookView, DeliveryIdParam, WebhookDeliveryView, WebhookIdParam, WebhookView, page } from '../certificates.schemas';
import { WebhooksService } from './webhooks.service';

const tags = ['Webhooks'];
const security = ['apiKey', 'session'];

@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @RequirePermission('webhooks:manage')
  @Contract({
    summary: 'Register an endpoint; deliveries carry Chainloom-Signature: t=…,v1=HMAC-SHA256(secret, "t.body")',
    tags,
    security,
    body: CreateWebhookBody,
    responses: { 201: { description: 'created; the secret is shown only now', schema: CreatedWebhookView } },
  })
  create(@CurrentTenantId() tenantId: string, @Body() body: z.infer<typeof CreateWebhookBody>, @CurrentActor() actor: Actor) {
    return this.webhooks.create(tenantId, body, actor);
  }

  @Get()
  @RequirePermission('webhooks:manage')
  @Contract({ summary: 'List endpoints', tags, security, responses: { 200: { description: 'endpoints', schema: page(WebhookView) } } })
  list(@CurrentTenantId() tenantId: string) {
    return this.webhooks.list(tenantId);
  }

  @Get('deliveries/:id')
  @RequirePermission('webhooks:manage')
  @Contract({ summary: 'A delivery with every attempt', tags, security, params: DeliveryIdParam, responses: { 200: { description: 'delivery', schema: WebhookDeliveryView } } })
  delivery(@CurrentTenantId() tenantId: string, @Param('id') id: string) {
    return this.webhooks.delivery(tenantId, id);
  }

  @Post('deliveries/:id/redeliver')
  @HttpCode(202)
  @RequirePermission('webhooks:manage')
  @Contract({ summary: 'Send a delivered or dead-lettered event again', tags, security, params: DeliveryIdParam, responses: { 202: { description: 'the new delivery', schema: WebhookDeliveryView } } })
  redeliver(@CurrentTenantId() tenantId: string, @Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.webhooks.redeliver(tenantId, id, actor);
  }

  @Get(':id')
  @RequirePermission('webhooks:manage')
  @Contract({ summary: 'Get an endpoint', tags, security, params: WebhookIdParam, responses: { 200: { description: 'endpoint', schema: WebhookView } } })
  get(@CurrentTenantId() tenantId: string, @Param('id') id: string) {
    return this.webhooks.get(tenantId, id);
  }

  @Get(':id/deliveries')
  @RequirePermission('webhooks:manage')
  @Contract({ summary: "An endpoint's latest deliveries", tags, security, params: WebhookIdParam, responses: { 200: { description: 'deliveries', schema: page(WebhookDeliveryView) } } })
  deliveries(@CurrentTenantId() tenantId: string, @Param('id') id: string) {
    return this.webhooks.deliveries(tenantId, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('webhooks:manage')
  @Contract({ summary: 'Delete an endpoint (its pending deliveries are dropped)', tags, security, params: WebhookIdParam, responses: { 204: { description: 'deleted' } } })
  async remove(@CurrentTenantId() tenantId: string, @Param('id') id: string, @CurrentActor() actor: Actor) {
    await this.webhooks.remove(tenantId, id, actor);
  }
}
