import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { CurrentActor, PlatformAdminOnly, type Actor } from '@chainloom/auth';
import { Contract } from '@chainloom/core';
import type { z } from 'zod';
import { AdminService } from './admin.service';
import {
  AdminTenantsQuery,
  AdminUpdateTenantBody,
  AdminUsageQuery,
  ApproveBody,
  DecisionBody,
  IdParam,
  SuspendBody,
  TenantView,
  VerificationQueueQuery,
  VerificationView,
  page,
} from './tenancy.schemas';

const tags = ['Platform admin'];
const security = ['session'];

@PlatformAdminOnly()
@Controller('v1/admin')
export class AdminController {
  constructor(private readonly admin: AdminService) {}

  @Get('tenants')
  @Contract({ summary: 'Search tenants', tags, security, query: AdminTenantsQuery, responses: { 200: { description: 'tenants', schema: page(TenantView) } } })
  tenants(@Query() query: z.infer<typeof AdminTenantsQuery>) {
    return this.admin.listTenants(query);
  }

  @Get('tenants/:id')
  @Contract({ summary: 'A tenant', tags, security, params: IdParam('ten'), responses: { 200: { description: 'tenant', schema: TenantView } } })
  tenant(@Param('id') id: string) {
    return this.admin.getTenant(id);
  }

  @Patch('tenants/:id')
  @Contract({ summary: "Set a tenant's plan and quota overrides", tags, security, params: IdParam('ten'), body: AdminUpdateTenantBody, responses: { 200: { description: 'updated', schema: TenantView } } })
  update(@Param('id') id: string, @Body() body: z.infer<typeof AdminUpdateTenantBody>, @CurrentActor() actor: Actor) {
    return this.admin.updateTenant(id, body, actor);
  }

  @Post('tenants/:id/suspend')
  @Contract({ summary: 'Suspend a tenant (keys, sessions and RPC stop at once; no data deleted)', tags, security, params: IdParam('ten'), body: SuspendBody, responses: { 201: { description: 'suspended', schema: TenantView } } })
  suspend(@Param('id') id: string, @Body() body: z.infer<typeof SuspendBody>, @CurrentActor() actor: Actor) {
    return this.admin.setSuspended(id, true, body.reason, actor);
  }

  @Post('tenants/:id/reactivate')
  @Contract({ summary: 'Reactivate a suspended tenant', tags, security, params: IdParam('ten'), responses: { 201: { description: 'reactivated', schema: TenantView } } })
  reactivate(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.admin.setSuspended(id, false, null, actor);
  }

  @Get('verifications')
  @Contract({ summary: 'The verification queue', tags, security, query: VerificationQueueQuery, responses: { 200: { description: 'requests', schema: page(VerificationView) } } })
  verifications(@Query() query: z.infer<typeof VerificationQueueQuery>) {
    return this.admin.verificationQueue(query.status, query.limit);
  }

  @Post('verifications/:id/approve')
  @Contract({ summary: 'Approve a verification request', tags, security, params: IdParam('kyb'), body: ApproveBody, responses: { 201: { description: 'approved', schema: VerificationView } } })
  approve(@Param('id') id: string, @Body() body: z.infer<typeof ApproveBody>, @CurrentActor() actor: Actor) {
    return this.admin.decide(id, true, body.reason ?? null, actor);
  }

  @Post('verifications/:id/reject')
  @Contract({ summary: 'Reject a verification request with a reason', tags, security, params: IdParam('kyb'), body: DecisionBody, responses: { 201: { description: 'rejected', schema: VerificationView } } })
  reject(@Param('id') id: string, @Body() body: z.infer<typeof DecisionBody>, @CurrentActor() actor: Actor) {
    return this.admin.decide(id, false, body.reason, actor);
  }

  @Get('usage')
  @Contract({ summary: 'Usage across tenants for a day (default today, UTC)', tags, security, query: AdminUsageQuery })
  usage(@Query() query: z.infer<typeof AdminUsageQuery>) {
    return this.admin.usage(query.day);
  }
}
