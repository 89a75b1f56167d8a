import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { CurrentActor, CurrentPrincipal, CurrentTenantId, RequirePermission, type Actor, type Principal } from '@chainloom/auth';
import { Contract } from '@chainloom/core';
import type { z } from 'zod';
import { MembersService } from './members.service';
import { IdParam, InvitationView, InviteBody, MemberView, UpdateMemberBody, page } from './tenancy.schemas';

const tags = ['Members'];
const security = ['session'];

@Controller('v1')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get('members')
  @RequirePermission('members:read')
  @Contract({ summary: 'List the members of your tenant', tags, security, responses: { 200: { description: 'members', schema: page(MemberView) } } })
  list(@CurrentTenantId() tenantId: string) {
    return this.members.list(tenantId);
  }

  @Patch('members/:id')
  @RequirePermission('members:manage')
  @Contract({ summary: "Change a member's role", tags, security, params: IdParam('mem'), body: UpdateMemberBody, responses: { 200: { description: 'updated', schema: MemberView } } })
  changeRole(@CurrentTenantId() tenantId: string, @Param('id') id: string, @Body() body: z.infer<typeof UpdateMemberBody>, @CurrentPrincipal() p: Principal, @CurrentActor() actor: Actor) {
    return this.members.changeRole(tenantId, id, body.role, p.role, actor);
  }

  @Delete('members/:id')
  @HttpCode(204)
  @RequirePermission('members:manage')
  @Contract({ summary: 'Remove a member from your tenant', tags, security, params: IdParam('mem'), responses: { 204: { description: 'removed' } } })
  async remove(@CurrentTenantId() tenantId: string, @Param('id') id: string, @CurrentPrincipal() p: Principal, @CurrentActor() actor: Actor) {
    await this.members.remove(tenantId, id, p.role, actor);
  }

  @Post('invitations')
  @RequirePermission('members:manage')
  @Contract({ summary: 'Invite someone by email (single-use link, expires)', tags, security, body: InviteBody, responses: { 201: { description: 'invited', schema: InvitationView } } })
  invite(@CurrentTenantId() tenantId: string, @Body() body: z.infer<typeof InviteBody>, @CurrentPrincipal() p: Principal, @CurrentActor() actor: Actor) {
    return this.members.invite(tenantId, body.email, body.role, p.role, actor);
  }

  @Get('invitations')
  @RequirePermission('members:read')
  @Contract({ summary: 'List invitations', tags, security, responses: { 200: { description: 'invitations', schema: page(InvitationView) } } })
  invitations(@CurrentTenantId() tenantId: string) {
    return this.members.listInvitations(tenantId);
  }

  @Delete('invitations/:id')
  @HttpCode(204)
  @RequirePermission('members:manage')
  @Contract({ summary: 'Revoke an invitation', tags, security, params: IdParam('inv'), responses: { 204: { description: 'revoked' } } })
  async revoke(@CurrentTenantId() tenantId: string, @Param('id') id: string, @CurrentActor() actor: Actor) {
    await this.members.revokeInvitation(tenantId, id, actor);
  }
}
