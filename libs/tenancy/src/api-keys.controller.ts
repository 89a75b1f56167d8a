import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CurrentActor, CurrentPrincipal, CurrentTenantId, RequirePermission, type Actor, type Principal } from '@chainloom/auth';
import { Contract } from '@chainloom/core';
import type { z } from 'zod';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyView, CreateApiKeyBody, CreatedApiKeyView, IdParam, page } from './tenancy.schemas';

const tags = ['API keys'];
const security = ['session'];

@Controller('v1/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @RequirePermission('keys:manage')
  @Contract({ summary: 'Create an API key (the secret is shown once)', tags, security, body: CreateApiKeyBody, responses: { 201: { description: 'created', schema: CreatedApiKeyView } } })
  create(@CurrentTenantId() tenantId: string, @Body() body: z.infer<typeof CreateApiKeyBody>, @CurrentPrincipal() p: Principal, @CurrentActor() actor: Actor) {
    return this.keys.create(tenantId, body, p.limits, actor);
  }

  @Get()
  @RequirePermission('keys:manage')
  @Contract({ summary: 'List API keys (prefix, scopes, last use; never the secret)', tags, security, responses: { 200: { description: 'keys', schema: page(ApiKeyView) } } })
  list(@CurrentTenantId() tenantId: string) {
    return this.keys.list(tenantId);
  }

  @Get(':id')
  @RequirePermission('keys:manage')
  @Contract({ summary: 'Get an API key', tags, security, params: IdParam('key'), responses: { 200: { description: 'key', schema: ApiKeyView } } })
  get(@CurrentTenantId() tenantId: string, @Param('id') id: string) {
    return this.keys.get(tenantId, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('keys:manage')
  @Contract({ summary: 'Revoke an API key (takes effect on every instance within a second)', tags, security, params: IdParam('key'), responses: { 204: { description: 'revoked' } } })
  async revoke(@CurrentTenantId() tenantId: string, @Param('id') id: string, @CurrentActor() actor: Actor) {
    await this.keys.revoke(tenantId, id, actor);
  }
}
