import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { CurrentTenantId, RateLimiterService, RequirePermission } from '@chainloom/auth';
import { Contract, Public } from '@chainloom/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { CertificatesException } from '../certificates.exception';
import { CERTIFICATES_OPTIONS, type CertificatesOptions } from '../certificates.options';
import { PublicVerifyBody, PublicVerifyResult, VerifyHashBody, VerifyResult } from '../certificates.schemas';
import { sha256OfStream } from '../ingest/stream-hash';
import { VerificationService } from './verification.service';

const tags = ['Verification'];

@Controller('v1')
export class VerificationController {
  constructor(
    private readonly verification: VerificationService,
    private readonly limiter: RateLimiterService,
    @Inject(CERTIFICATES_OPTIONS) private readonly options: CertificatesOptions,
  ) {}

  @Post('verify')
  @HttpCode(200)
  @RequirePermission('certificates:read')
  @Contract({ summary: 'Your certificates of a hash, with their anchors', tags, security: ['apiKey', 'session'], body: VerifyHashBody, responses: { 200: { description: 'matches', schema: VerifyResult } } })
  verifyHash(@CurrentTenantId() tenantId: string, @Body() body: z.infer<typeof VerifyHashBody>) {
    return this.verification.forTenant(tenantId, body.contentHash);
  }

  @Post('verify/file')
  @HttpCode(200)
  @RequirePermission('certificates:read')
  @Contract({
    summary: 'Your certificates of a file (sha256, hashed as it streams in, not kept)',
    tags,
    security: ['apiKey', 'session'],
    bodyContentType: 'application/octet-stream',
    responses: { 200: { description: 'matches', schema: VerifyResult } },
  })
  async verifyFile(@CurrentTenantId() tenantId: string, @Req() request: FastifyRequest) {
    return this.verification.forTenant(tenantId, await sha256OfStream(request.body, this.options.fileMaxBytes));
  }

  @Public()
  @Post('public/verify')
  @HttpCode(200)
  @Contract({
    summary: 'Anyone: check a receipt against the chain, or whether a hash is certified (no metadata or tenant revealed)',
    tags,
    body: PublicVerifyBody,
    responses: { 200: { description: 'the verdict and each check', schema: PublicVerifyResult } },
  })
  async publicVerify(@Body() body: z.infer<typeof PublicVerifyBody>, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    // Unauthenticated, and a receipt costs a JSON-RPC call per anchor: limited per client address.
    if (!(await this.limiter.hit(`public-verify:${request.ip}`, this.options.publicVerifyPerSecond))) {
      reply.header('retry-after', '1');
      throw CertificatesException.publicVerifyRateLimited(this.options.publicVerifyPerSecond);
    }
    return 'receipt' in body ? this.verification.publicReceipt(body.receipt) : this.verification.publicHash(body.contentHash);
  }
}
