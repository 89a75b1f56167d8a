import { Body, Controller, Get, Headers, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CurrentActor, CurrentPrincipal, CurrentTenantId, RequirePermission, type Actor, type Principal } from '@chainloom/auth';
import { Contract } from '@chainloom/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { CertificatePdfService } from './receipts/certificate-pdf.service';
import { CertificateQueryService } from './certificate-query.service';
import {
  CertificateBatchResult,
  CertificateIdParam,
  CertificatePage,
  CertificateSummary,
  CertificateView,
  CreateCertificateBody,
  CreateCertificatesBatchBody,
  FileUploadQuery,
  IdempotencyHeaders,
  ListCertificatesQuery,
  MAX_BATCH_ITEMS,
  Receipt,
} from './certificates.schemas';
import { CertificateIngestService, type IngestAnswer, type IngestContext } from './ingest/certificate-ingest.service';

const tags = ['Certificates'];
const security = ['apiKey', 'session'];

const context = (tenantId: string, principal: Principal, actor: Actor, idempotencyKey?: string): IngestContext => ({
  tenantId,
  actor,
  limits: principal.limits,
  idempotencyKey,
});

function answer<T>(reply: FastifyReply, result: IngestAnswer<T>): T {
  void reply.status(result.statusCode);
  if (result.replayed) void reply.header('idempotent-replayed', 'true');
  return result.body;
}

@Controller('v1/certificates')
export class CertificatesController {
  constructor(
    private readonly ingest: CertificateIngestService,
    private readonly queries: CertificateQueryService,
    private readonly pdf: CertificatePdfService,
  ) {}

  @Post()
  @RequirePermission('certificates:write')
  @Contract({
    summary: 'Certify a hash (answers after the certificate is durably stored)',
    tags,
    security,
    body: CreateCertificateBody,
    headers: IdempotencyHeaders,
    responses: { 201: { description: 'stored; PENDING until its batch is anchored', schema: CertificateSummary } },
  })
  async create(
    @CurrentTenantId() tenantId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Body() body: z.infer<typeof CreateCertificateBody>,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return answer(reply, await this.ingest.createOne(context(tenantId, principal, actor, idempotencyKey), body));
  }

  @Post('batch')
  @RequirePermission('certificates:write')
  @Contract({
    summary: `Certify up to ${MAX_BATCH_ITEMS} hashes in one request`,
    tags,
    security,
    body: CreateCertificatesBatchBody,
    headers: IdempotencyHeaders,
    responses: { 201: { description: 'all stored, in request order', schema: CertificateBatchResult } },
  })
  async createBatch(
    @CurrentTenantId() tenantId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Body() body: z.infer<typeof CreateCertificatesBatchBody>,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return answer(reply, await this.ingest.createBatch(context(tenantId, principal, actor, idempotencyKey), body.items));
  }

  @Post('file')
  @RequirePermission('certificates:write')
  @Contract({
    summary: 'Certify a file: the body is hashed with sha256 as it streams in and is not kept',
    tags,
    security,
    bodyContentType: 'application/octet-stream',
    query: FileUploadQuery,
    headers: IdempotencyHeaders,
    responses: { 201: { description: 'stored', schema: CertificateSummary } },
  })
  async createFromFile(
    @CurrentTenantId() tenantId: string,
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
    @Query() query: z.infer<typeof FileUploadQuery>,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return answer(reply, await this.ingest.createFromFile(context(tenantId, principal, actor, idempotencyKey), request.body, query));
  }

  @Get()
  @RequirePermission('certificates:read')
  @Contract({ summary: 'List certificates, newest first', tags, security, query: ListCertificatesQuery, responses: { 200: { description: 'a page', schema: CertificatePage } } })
  list(@CurrentTenantId() tenantId: string, @Query() query: z.infer<typeof ListCertificatesQuery>) {
    return this.queries.list(tenantId, query);
  }

  @Get(':id')
  @RequirePermission('certificates:read')
  @Contract({ summary: 'Get a certificate with its batch and anchors', tags, security, params: CertificateIdParam, responses: { 200: { description: 'the certificate', schema: CertificateView } } })
  get(@CurrentTenantId() tenantId: string, @Param('id') id: string) {
    return this.queries.get(tenantId, id);
  }

  @Get(':id/proof')
  @RequirePermission('certificates:read')
  @Contract({
    summary: 'The receipt: a self-contained proof that `chainloom verify` checks against the chain alone',
    tags,
    security,
    params: CertificateIdParam,
    responses: { 200: { description: 'the receipt (fetch again later for more confirmed anchors)', schema: Receipt } },
  })
  proof(@CurrentTenantId() tenantId: string, @Param('id') id: string) {
    return this.queries.receipt(tenantId, id);
  }

  @Get(':id/certificate.pdf')
  @RequirePermission('certificates:read')
  @Contract({
    summary: 'A printable certificate with a QR code to the public verify page',
    tags,
    security,
    params: CertificateIdParam,
    responses: { 200: { description: 'PDF', contentType: 'application/pdf' } },
  })
  async certificatePdf(@CurrentTenantId() tenantId: string, @Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const pdf = await this.pdf.render(tenantId, id);
    void reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${id}.pdf"`);
    return pdf;
  }
}
