import { Body, Controller, Get, Put } from '@nestjs/common';
import { CurrentActor, CurrentTenantId, RequirePermission, type Actor } from '@chainloom/auth';
import { Contract } from '@chainloom/core';
import type { z } from 'zod';
import { AnchorTargetsView, PutAnchorTargetsBody } from '../certificates.schemas';
import { AnchorTargetsService } from './anchor-targets.service';

const tags = ['Certificates'];
const security = ['apiKey', 'session'];

@Controller('v1/certificates/anchor-targets')
export class AnchorTargetsController {
  constructor(private readonly targets: AnchorTargetsService) {}

  @Get()
  @RequirePermission('certificates:read')
  @Contract({ summary: 'Where your batches are anchored', tags, security, responses: { 200: { description: 'targets', schema: AnchorTargetsView } } })
  get(@CurrentTenantId() tenantId: string) {
    return this.targets.get(tenantId);
  }

  @Put()
  @RequirePermission('certificates:write')
  @Contract({
    summary: 'Choose the networks (yours, or the platform notary network) your next batches are anchored to',
    tags,
    security,
    body: PutAnchorTargetsBody,
    responses: { 200: { description: 'the new targets', schema: AnchorTargetsView } },
  })
  put(@CurrentTenantId() tenantId: string, @Body() body: z.infer<typeof PutAnchorTargetsBody>, @CurrentActor() actor: Actor) {
    return this.targets.put(tenantId, body.networkIds, actor);
  }
}
