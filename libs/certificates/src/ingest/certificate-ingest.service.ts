import { Inject, Injectable } from '@nestjs/common';
import type { Actor, PlanLimits } from '@chainloom/auth';
import { AppException, ValidationException, newIds, zodIssuesToFieldErrors } from '@chainloom/core';
import { metadataDigest, randomSalt, ZERO_HASH } from '@chainloom/merkle';
import type { z } from 'zod';
import { CertificatesException } from '../certificates.exception';
import { CERTIFICATES_OPTIONS, type CertificatesOptions } from '../certificates.options';
import { Metadata, type FileUploadQuery, type CertificateSummary, type CreateCertificateInput } from '../certificates.schemas';
import { summaryOf } from '../certificate-views';
import { CertificateQuotaService } from './certificate-quota.service';
import { CertificateWriter, type NewCertificate } from './certificate-writer';
import { IdempotencyService } from './idempotency.service';
import { sha256OfStream } from './stream-hash';

/** Who asks, and under which Idempotency-Key, for one creating request. */
export interface IngestContext {
  tenantId: string;
  actor: Actor;
  limits: PlanLimits | null;
  idempotencyKey?: string;
}

/** What the controller sends back: the status, the body, and whether it is a replayed answer. */
export interface IngestAnswer<T> {
  statusCode: number;
  body: T;
  replayed: boolean;
}

const OPERATIONS = {
  one: 'POST /v1/certificates',
  batch: 'POST /v1/certificates/batch',
  file: 'POST /v1/certificates/file',
} as const;

/**
 * The rules of certifying: quota, salts, metadata digests, idempotency. Rows go to the group
 * commit (CertificateWriter) and the answer is sent only after they are committed.
 */
@Injectable()
export class CertificateIngestService {
  constructor(
    private readonly writer: CertificateWriter,
    private readonly quota: CertificateQuotaService,
    private readonly idempotency: IdempotencyService,
    @Inject(CERTIFICATES_OPTIONS) private readonly options: CertificatesOptions,
  ) {}

  async createOne(ctx: IngestContext, input: CreateCertificateInput): Promise<IngestAnswer<CertificateSummary>> {
    return this.ingest(ctx, OPERATIONS.one, input, [input], (summaries) => summaries[0]);
  }

  async createBatch(ctx: IngestContext, items: CreateCertificateInput[]): Promise<IngestAnswer<{ items: CertificateSummary[] }>> {
    return this.ingest(ctx, OPERATIONS.batch, { items }, items, (summaries) => ({ items: summaries }));
  }

  /** Hashes the upload with sha256 as it streams in (the file itself is never kept), then certifies the hash. */
  async createFromFile(ctx: IngestContext, body: unknown, query: z.infer<typeof FileUploadQuery>): Promise<IngestAnswer<CertificateSummary>> {
    let metadata: CreateCertificateInput['metadata'];
    if (query.metadata !== undefined) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(query.metadata);
      } catch {
        throw CertificatesException.badMetadata('must be URL-encoded JSON');
      }
      const checked = Metadata.safeParse(parsed);
      if (!checked.success) throw new ValidationException(zodIssuesToFieldErrors(checked.error.issues, 'query.metadata'));
      metadata = checked.data;
    }
    const contentHash = await sha256OfStream(body, this.options.fileMaxBytes);
    const input: CreateCertificateInput = { contentHash, hashAlgorithm: 'sha256', metadata, externalId: query.externalId, salted: query.salted };
    return this.ingest(ctx, OPERATIONS.file, input, [input], (summaries) => summaries[0]);
  }

  private async ingest<T>(
    ctx: IngestContext,
    operation: string,
    request: unknown,
    inputs: CreateCertificateInput[],
    shape: (summaries: CertificateSummary[]) => T,
  ): Promise<IngestAnswer<T>> {
    const requestHash = ctx.idempotencyKey ? this.idempotency.requestHash(operation, request) : null;
    if (ctx.idempotencyKey && requestHash) {
      const replay = await this.idempotency.find(ctx.tenantId, ctx.idempotencyKey, requestHash);
      if (replay) return { statusCode: replay.statusCode, body: replay.body as T, replayed: true };
    }
    const limit = ctx.limits?.certificatesPerMonth ?? null;
    await this.quota.reserve(ctx.tenantId, limit, inputs.length);
    let committed = 0;
    try {
      const createdAt = new Date();
      const rows: NewCertificate[] = new Array(inputs.length);
      const summaries: CertificateSummary[] = new Array(inputs.length);
      const ids = newIds('cert', inputs.length, createdAt.getTime());
      for (let i = 0; i < inputs.length; i++) {
        const input = inputs[i];
        const salt = input.salted ? randomSalt() : null;
        const digest = input.metadata === undefined ? ZERO_HASH : metadataDigest(input.metadata);
        const id = ids[i];
        rows[i] = {
          id,
          contentHash: input.contentHash,
          hashAlgorithm: input.hashAlgorithm,
          metadataJson: input.metadata === undefined ? null : JSON.stringify(input.metadata),
          metadataDigest: digest,
          salt,
          externalId: input.externalId ?? null,
          createdAt,
        };
        summaries[i] = summaryOf(id, { ...input, metadataDigest: digest, salt, externalId: input.externalId ?? null }, createdAt);
      }
      const body = shape(summaries);
      const answer =
        ctx.idempotencyKey && requestHash
          ? {
              key: ctx.idempotencyKey,
              operation,
              requestHash,
              statusCode: 201,
              response: body,
              expiresAt: new Date(createdAt.getTime() + this.options.idempotencyTtlMs),
            }
          : null;
      let outcome;
      try {
        outcome = await this.writer.write(ctx.tenantId, ctx.actor, rows, answer);
      } catch {
        // Nothing was committed (the transaction rolled back); the client may retry.
        throw new AppException(503, 'storage_unavailable', 'The certificate could not be stored; nothing was recorded. Retry shortly.');
      }
      if (outcome === 'duplicate' && ctx.idempotencyKey && requestHash) {
        const replay = await this.idempotency.find(ctx.tenantId, ctx.idempotencyKey, requestHash);
        if (replay) return { statusCode: replay.statusCode, body: replay.body as T, replayed: true };
        throw new AppException(409, 'idempotency_conflict', 'A request with this Idempotency-Key is being processed; retry shortly.');
      }
      committed = rows.length;
      return { statusCode: 201, body, replayed: false };
    } finally {
      this.quota.settle(ctx.tenantId, inputs.length, committed);
    }
  }
}
