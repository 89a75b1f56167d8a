import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { CurrentActor, CurrentTenantId, RequirePermission, type Actor } from '@chainloom/auth';
import { Contract } from '@chainloom/core';
import type { z } from 'zod';
import { TenantService } from './tenant.service';
import {
  AuditEntryView,
  AuditQuery,
  AuditVerifyView,
  TenantView,
  UpdateTenantBody,
  UsageQuery,
  UsageView,
  VerificationBody,
  VerificationView,
  page,
} from './tenancy.schemas';

const tags = ['Tenant'];
const security = ['session', 'apiKey'];

@Controller('v1/tenant')
export class TenantController {
  constructor(private readonly tenants: TenantService) {}

  @Get()
  @RequirePermission('tenant:read')
  @Contract({ summary: 'Your tenant: plan, limits, verification and status', tags, security: ['session'], responses: { 200: { description: 'tenant', schema: TenantView } } })
  get(@CurrentTenantId() tenantId: string) {
    return this.tenants.get(tenantId);
  }

  @Patch()
  @RequirePermission('tenant:manage')
  @Contract({ summary: 'Rename your tenant', tags, security: ['session'], body: UpdateTenantBody, responses: { 200: { description: 'updated', schema: TenantView } } })
  update(@CurrentTenantId() tenantId: string, @Body() body: z.infer<typeof UpdateTenantBody>, @CurrentActor() actor: Actor) {
    return this.tenants.rename(tenantId, body.name, actor);
  }

  @Post('verification')
  @RequirePermission('tenant:manage')
  @Contract({ summary: 'Submit company details for verification', tags, security: ['session'], body: VerificationBody, responses: { 201: { description: 'submitted', schema: VerificationView } } })
  submit(@CurrentTenantId() tenantId: string, @Body() body: z.infer<typeof VerificationBody>, @CurrentActor() actor: Actor) {
    return this.tenants.submitVerification(tenantId, body, actor);
  }

  @Get('verification')
  @RequirePermission('tenant:read')
  @Contract({ summary: 'Your latest verification request and its decision', tags, security: ['session'], responses: { 200: { description: 'request', schema: VerificationView } } })
  verification(@CurrentTenantId() tenantId: string) {
    return this.tenants.latestVerification(tenantId);
  }

  @Get('usage')
  @RequirePermission('usage:read')
  @Contract({ summary: 'Metered usage per day (default: the last 30 days)', tags, security, query: UsageQuery, responses: { 200: { description: 'usage', schema: UsageView } } })
  usage(@CurrentTenantId() tenantId: string, @Query() query: z.infer<typeof UsageQuery>) {
    return this.tenants.usage(tenantId, query.from, query.to);
  }

  @Get('audit')
  @RequirePermission('audit:read')
  @Contract({ summary: 'The audit log, newest first', tags, security, query: AuditQuery, responses: { 200: { description: 'entries', schema: page(AuditEntryView) } } })
  audit(@CurrentTenantId() tenantId: string, @Query() query: z.infer<typeof AuditQuery>) {
    return this.tenants.auditLog(tenantId, query);
  }

  @Get('audit/verify')
  @RequirePermission('audit:read')
  @Contract({ summary: "Verify the audit log's hash chain; reports the first broken link", tags, security, responses: { 200: { description: 'result', schema: AuditVerifyView } } })
  verifyAudit(@CurrentTenantId() tenantId: string) {
    return this.tenants.verifyAudit(tenantId);
  }
}
