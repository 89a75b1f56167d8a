import type { AppConfig } from '@chainloom/core';
import { RetryPolicies, type RetryPolicy } from '@chainloom/queue';

/**
 * Tunables of the certificates domain. Defaults suit production; the operator sets the ones an
 * operator would tune through the environment (certificatesOptionsFromEnv), and tests and
 * benchmarks pass overrides to CertificatesModule.forRoot().
 */
export interface CertificatesOptions {
  /** A tenant's pending certificates are sealed into a batch at most this long after they arrive. */
  sealIntervalMs: number;
  /** A batch never holds more leaves; a tenant with more pending gets several batches. */
  maxBatchLeaves: number;
  /** Largest file POST /v1/certificates/file hashes (the file is streamed, never stored). */
  fileMaxBytes: number;
  /** Body limit of POST /v1/certificates/batch (10,000 items with metadata need more than the default). */
  batchBodyLimitBytes: number;
  /** Group commit: a flush starts when this many rows wait… */
  groupCommitMaxRows: number;
  /** …or when the oldest waiting row is this old (ms); with nothing in flight it starts at once. */
  groupCommitMaxDelayMs: number;
  /** Flushes running at once (each holds one connection of the ingest pool). */
  groupCommitMaxInFlight: number;
  /** How often the in-memory month-to-date certificate count per tenant is re-read. */
  quotaRefreshMs: number;
  /** How long an Idempotency-Key's answer is kept. */
  idempotencyTtlMs: number;
  /** How often a confirm job polls the chain while it waits for blocks. */
  anchorPollMs: number;
  /** How long one confirm job waits in-process before handing back to the queue's backoff. */
  anchorConfirmWaitMs: number;
  /** A submitted transaction no node knows after this long is treated as dropped and re-sent. */
  anchorDroppedAfterMs: number;
  anchorRetry: RetryPolicy;
  webhookRetry: RetryPolicy;
  webhookTimeoutMs: number;
  /** Whether webhook URLs may point at loopback or private addresses (off by default; tests turn it on). */
  webhookAllowPrivateTargets: boolean;
  /** Requests per second per client address on the unauthenticated public verify. */
  publicVerifyPerSecond: number;
}

export const DEFAULT_CERTIFICATES_OPTIONS: CertificatesOptions = {
  sealIntervalMs: 1_000,
  maxBatchLeaves: 10_000,
  fileMaxBytes: 1024 * 1024 * 1024,
  batchBodyLimitBytes: 48 * 1024 * 1024,
  groupCommitMaxRows: 5_000,
  groupCommitMaxDelayMs: 2,
  groupCommitMaxInFlight: 3,
  quotaRefreshMs: 5_000,
  idempotencyTtlMs: 24 * 3600_000,
  anchorPollMs: 200,
  anchorConfirmWaitMs: 20_000,
  anchorDroppedAfterMs: 30_000,
  anchorRetry: RetryPolicies.patient,
  webhookRetry: RetryPolicies.webhook,
  webhookTimeoutMs: 10_000,
  webhookAllowPrivateTargets: false,
  publicVerifyPerSecond: 20,
};

/** The options the environment sets (see EnvSchema: CERTIFICATES_*, PUBLIC_VERIFY_PER_SECOND). */
export const certificatesOptionsFromEnv = (config: AppConfig): Partial<CertificatesOptions> => ({
  sealIntervalMs: config.CERTIFICATES_SEAL_INTERVAL_MS,
  maxBatchLeaves: config.CERTIFICATES_MAX_BATCH_LEAVES,
  fileMaxBytes: config.CERTIFICATES_FILE_MAX_BYTES,
  publicVerifyPerSecond: config.PUBLIC_VERIFY_PER_SECOND,
});

export const CERTIFICATES_OPTIONS = Symbol('CERTIFICATES_OPTIONS');
