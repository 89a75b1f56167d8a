import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Put, Req, Res } from '@nestjs/common';
import { CurrentActor, CurrentPrincipal, type Actor, type Principal } from '@chainloom/auth';
import { APP_CONFIG, Contract, Public, type AppConfig } from '@chainloom/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AccountService } from './account.service';
import { clearSessionCookie, setSessionCookie } from './session-cookie';
import { AcceptInvitationBody, LoginBody, MeView, SessionView, SignupBody, SwitchTenantBody } from './tenancy.schemas';

const tags = ['Account'];

@Controller('v1')
export class AccountController {
  constructor(
    private readonly accounts: AccountService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('signup')
  @Contract({ summary: 'Sign up: create a tenant and its owner, and log in', tags, body: SignupBody, responses: { 201: { description: 'signed up', schema: SessionView } } })
  async signup(@Body() body: z.infer<typeof SignupBody>, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const session = await this.accounts.signup(body, req.ip);
    setSessionCookie(reply, session.token, session.expiresAt, this.config.NODE_ENV === 'production');
    return session;
  }

  @Public()
  @Post('sessions')
  @Contract({ summary: 'Log in with email and password', tags, body: LoginBody, responses: { 201: { description: 'logged in', schema: SessionView } } })
  async login(@Body() body: z.infer<typeof LoginBody>, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const session = await this.accounts.login(body, req.ip, req.headers['user-agent'] ?? null);
    setSessionCookie(reply, session.token, session.expiresAt, this.config.NODE_ENV === 'production');
    return session;
  }

  @Delete('sessions/current')
  @HttpCode(204)
  @Contract({ summary: 'Log out: revoke the current session everywhere', tags, security: ['session'], responses: { 204: { description: 'logged out' } } })
  async logout(@CurrentPrincipal() principal: Principal, @CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply) {
    await this.accounts.logout(principal, actor);
    clearSessionCookie(reply);
  }

  @Put('sessions/current/tenant')
  @Contract({
    summary: 'Switch the current session to another tenant you are a member of',
    description: 'The session keeps its token and expiry; only its tenant (hence role and permissions) changes. A tenant you are not a member of answers 404.',
    tags,
    security: ['session'],
    body: SwitchTenantBody,
    responses: { 200: { description: 'the caller in the new tenant', schema: MeView } },
  })
  switchTenant(@Body() body: z.infer<typeof SwitchTenantBody>, @CurrentPrincipal() principal: Principal, @CurrentActor() actor: Actor) {
    return this.accounts.switchTenant(principal, body.tenantId, actor);
  }

  @Get('me')
  @Contract({ summary: 'Who am I: user, tenant, role and permissions', tags, security: ['session', 'apiKey'], responses: { 200: { description: 'the caller', schema: MeView } } })
  me(@CurrentPrincipal() principal: Principal) {
    return this.accounts.me(principal);
  }

  @Public()
  @Post('invitations/accept')
  @Contract({ summary: 'Accept an invitation (creates the account if needed) and log in', tags, body: AcceptInvitationBody, responses: { 201: { description: 'joined', schema: SessionView } } })
  async accept(@Body() body: z.infer<typeof AcceptInvitationBody>, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const session = await this.accounts.acceptInvitation(body, req.ip);
    setSessionCookie(reply, session.token, session.expiresAt, this.config.NODE_ENV === 'production');
    return session;
  }
}
