import { IsoTimestamp, idPattern } from '@chainloom/core';
import { canonicalJson } from '@chainloom/merkle';
import { CertificateStatus, HashAlgorithm, VerificationCheck } from '@chainloom/receipts';
import { z } from 'zod';

// Request and response contracts of the certificates and webhooks API. The API validates with
// them, the OpenAPI document is generated from them, and the SDK, the console and the CLI import
// them (the receipt schema in particular is the format `chainloom verify` reads).

/** Most certificates a batch request may carry. */
export const MAX_BATCH_ITEMS = 10_000;
/** Largest metadata, measured as its RFC 8785 canonical JSON in UTF-8. */
export const MAX_METADATA_BYTES = 4 * 1024;

// The receipt format and the enums it uses live in @chainloom/receipts (no NestJS, for the CLI).
export { CERTIFICATE_STATUSES, CertificateStatus, HASH_ALGORITHMS, HashAlgorithm, Receipt, ReceiptAnchor, VerificationCheck } from '@chainloom/receipts';

export const ANCHOR_STATUSES = ['PENDING', 'SUBMITTED', 'ANCHORED', 'CONFIRMED', 'FAILED'] as const;
export const AnchorStatus = z.enum(ANCHOR_STATUSES);
export type AnchorStatus = z.infer<typeof AnchorStatus>;

export const WEBHOOK_EVENT_TYPES = ['certificate.confirmed', 'anchor.failed'] as const;
export const WebhookEventType = z.enum(WEBHOOK_EVENT_TYPES);
export type WebhookEventType = z.infer<typeof WebhookEventType>;

const Bytes32 = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, 'must be 0x followed by 64 hex digits (32 bytes)')
  .transform((s) => s.toLowerCase());
const Id = (prefix: string) => z.string().regex(idPattern(prefix), `must be an id starting with ${prefix}_`);
// PostgreSQL stores no NUL character in text or jsonb. Refused here, because a row that fails in
// the database would fail the whole group-commit flush, other callers' certificates included.
const NO_NUL = (s: string) => !s.includes('\u0000');
const ExternalId = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine(NO_NUL, 'must not contain the NUL character')
  .describe('your own reference, e.g. an invoice number');

/** Whether any key or string in a JSON value holds a NUL character. */
function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return !NO_NUL(value);
  if (Array.isArray(value)) return value.some(containsNul);
  if (value !== null && typeof value === 'object') return Object.entries(value).some(([k, v]) => !NO_NUL(k) || containsNul(v));
  return false;
}

/** Any JSON object up to MAX_METADATA_BYTES in canonical form; stored and digested as given. */
export const Metadata = z
  .record(z.string(), z.json())
  .superRefine((value, ctx) => {
    let canonical: string;
    try {
      canonical = canonicalJson(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be plain JSON' });
      return;
    }
    if (containsNul(value)) ctx.addIssue({ code: 'custom', message: 'must not contain the NUL character (jsonb cannot store it)' });
    const size = Buffer.byteLength(canonical, 'utf8');
    if (size > MAX_METADATA_BYTES) {
      ctx.addIssue({ code: 'custom', message: `must be at most ${MAX_METADATA_BYTES} bytes as canonical JSON (is ${size})` });
    }
  })
  .describe(`a JSON object of at most ${MAX_METADATA_BYTES} bytes (RFC 8785 canonical form)`);

export const CreateCertificateBody = z
  .object({
    contentHash: Bytes32.describe('hash of the evidence, 0x-prefixed 32-byte hex'),
    hashAlgorithm: HashAlgorithm.default('sha256'),
    metadata: Metadata.optional(),
    externalId: ExternalId.optional(),
    salted: z
      .boolean()
      .default(false)
      .describe('for low-entropy evidence: the platform adds a random 32-byte salt to the leaf and returns it in the receipt'),
  })
  .strict()
  .meta({ id: 'CreateCertificateRequest' });
export type CreateCertificateInput = z.infer<typeof CreateCertificateBody>;

export const CreateCertificatesBatchBody = z
  .object({
    items: z
      .array(CreateCertificateBody)
      .min(1, 'give at least one item')
      .max(MAX_BATCH_ITEMS, `a batch holds at most ${MAX_BATCH_ITEMS} items; split it into several requests`),
  })
  .strict()
  .meta({ id: 'CreateCertificatesBatchRequest' });

export const FileUploadQuery = z.object({
  externalId: ExternalId.optional(),
  salted: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  metadata: z
    .string()
    .max(16 * 1024)
    .optional()
    .describe('metadata as URL-encoded JSON'),
});

export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[\x21-\x7e]{1,255}$/, 'printable ASCII, 1 to 255 characters')
    .optional()
    .describe('retrying with the same key returns the first answer instead of certifying twice'),
});

export const CertificateIdParam = z.object({ id: Id('cert') });

const Hex32 = z.string().describe('0x-prefixed 32-byte hex');

/** What POST answers for each certificate (batch responses leave metadata out). */
export const CertificateSummary = z
  .object({
    id: z.string(),
    contentHash: Hex32,
    hashAlgorithm: HashAlgorithm,
    metadataDigest: Hex32,
    salt: Hex32.nullable().describe('present when salted; keep it with the evidence'),
    externalId: z.string().nullable(),
    status: CertificateStatus,
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'CertificateSummary' });
export type CertificateSummary = z.infer<typeof CertificateSummary>;

export const AnchorView = z
  .object({
    networkId: z.string(),
    chainId: z.number().nullable(),
    contract: z.string().nullable(),
    txHash: z.string().nullable(),
    logIndex: z.number().nullable(),
    blockNumber: z.number().nullable(),
    blockHash: z.string().nullable(),
    blockTime: z.iso.datetime().nullable(),
    batchSeq: z.number(),
    status: AnchorStatus,
    error: z.string().nullable(),
  })
  .meta({ id: 'Anchor' });

export const CertificateView = CertificateSummary.extend({
  metadata: z.record(z.string(), z.unknown()).nullable(),
  batchId: z.string().nullable(),
  leafIndex: z.number().nullable(),
  root: Hex32.nullable(),
  anchors: z.array(AnchorView),
}).meta({ id: 'Certificate' });
export type CertificateView = z.infer<typeof CertificateView>;

export const CertificateBatchResult = z
  .object({ items: z.array(CertificateSummary) })
  .meta({ id: 'CertificateBatchResult' });

export const ListCertificatesQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().max(512).optional().describe('opaque cursor from the previous page'),
    contentHash: Bytes32.optional(),
    externalId: ExternalId.optional(),
    status: CertificateStatus.optional(),
    createdAfter: IsoTimestamp.optional(),
    createdBefore: IsoTimestamp.optional(),
  })
  .refine((q) => !q.createdAfter || !q.createdBefore || new Date(q.createdAfter) <= new Date(q.createdBefore), {
    message: 'createdAfter must not be after createdBefore',
    path: ['createdAfter'],
  });
export type ListCertificatesQuery = z.infer<typeof ListCertificatesQuery>;

export const CertificatePage = z
  .object({ items: z.array(CertificateView), nextCursor: z.string().nullable() })
  .meta({ id: 'CertificatePage' });

// ─── Anchor targets ────────────────────────────────────────────────────────────────────────

export const PutAnchorTargetsBody = z
  .object({
    networkIds: z
      .array(z.string().regex(idPattern('net'), 'must be a network id (net_…)'))
      .min(1, 'give at least one network')
      .max(8, 'at most 8 anchor targets')
      .refine((ids) => new Set(ids).size === ids.length, 'networks must not repeat'),
  })
  .strict()
  .meta({ id: 'PutAnchorTargetsRequest' });

export const AnchorTargetsView = z
  .object({
    networkIds: z.array(z.string()),
    isDefault: z.boolean().describe('true when the tenant chose none and batches go to the platform notary network'),
  })
  .meta({ id: 'AnchorTargets' });

// ─── Verification ──────────────────────────────────────────────────────────────────────────

export const VerifyHashBody = z
  .object({ contentHash: Bytes32 })
  .strict()
  .meta({ id: 'VerifyHashRequest' });

export const VerifyResult = z
  .object({ contentHash: Hex32, found: z.boolean(), certificates: z.array(CertificateView) })
  .meta({ id: 'VerifyResult' });

export const PublicVerifyBody = z
  .union([z.object({ receipt: z.unknown() }).strict(), z.object({ contentHash: Bytes32 }).strict()])
  .meta({ id: 'PublicVerifyRequest' });


export const PublicAnchorView = z.object({
  chainId: z.number().nullable(),
  contract: z.string().nullable(),
  txHash: z.string().nullable(),
  blockNumber: z.number().nullable(),
  blockHash: z.string().nullable(),
  blockTime: z.iso.datetime().nullable(),
  status: AnchorStatus,
});

export const PublicVerifyResult = z
  .object({
    kind: z.enum(['receipt', 'hash']),
    valid: z.boolean().describe('receipt: every check passed; hash: at least one certificate is anchored'),
    checks: z.array(VerificationCheck).optional(),
    contentHash: Hex32.optional(),
    certificates: z
      .array(z.object({ status: CertificateStatus, createdAt: z.iso.datetime(), root: Hex32.nullable(), anchors: z.array(PublicAnchorView) }))
      .optional()
      .describe('for a hash: every certificate of it on the platform, without metadata or tenant'),
  })
  .meta({ id: 'PublicVerifyResult' });

// ─── Webhooks ──────────────────────────────────────────────────────────────────────────────

export const CreateWebhookBody = z
  .object({
    url: z.url({ protocol: /^https?$/ }).max(2000),
    events: z.array(WebhookEventType).min(1).max(WEBHOOK_EVENT_TYPES.length),
    description: z.string().trim().max(500).optional(),
  })
  .strict()
  .meta({ id: 'CreateWebhookRequest' });

export const WebhookIdParam = z.object({ id: Id('whk') });
export const DeliveryIdParam = z.object({ id: Id('whd') });

export const WebhookView = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(z.string()),
    description: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'WebhookEndpoint' });
export const CreatedWebhookView = z
  .object({ webhook: WebhookView, secret: z.string().describe('the signing secret, shown once: store it now') })
  .meta({ id: 'CreatedWebhookEndpoint' });

export const DeliveryAttemptView = z.object({
  attempt: z.number(),
  statusCode: z.number().nullable(),
  responseBody: z.string().nullable(),
  error: z.string().nullable(),
  durationMs: z.number(),
  createdAt: z.iso.datetime(),
});
export const WebhookDeliveryView = z
  .object({
    id: z.string(),
    endpointId: z.string(),
    eventId: z.string(),
    eventType: z.string(),
    status: z.enum(['PENDING', 'DELIVERED', 'DEAD']),
    attempts: z.number(),
    nextAttemptAt: z.iso.datetime().nullable(),
    lastStatusCode: z.number().nullable(),
    lastError: z.string().nullable(),
    deliveredAt: z.iso.datetime().nullable(),
    redeliveryOf: z.string().nullable(),
    createdAt: z.iso.datetime(),
    attemptLog: z.array(DeliveryAttemptView).optional(),
  })
  .meta({ id: 'WebhookDelivery' });

/** A page of items (see pageSchema in @chainloom/core). */
export { pageSchema as page } from '@chainloom/core';
