import { QueueName, defineJob, type RetryPolicy } from '@chainloom/queue';
import { z } from 'zod';

// The certificates domain's jobs. They name rows (a tenant, an anchor, a delivery); the rows hold
// the truth and every handler is safe to run twice. Retry policies come from the module options
// so that tests can shorten them, hence factories rather than constants.

/**
 * Audit the tenant's recent group-commit flushes, then seal its pending certificates into batches.
 * One waiting job per tenant at a time: that is what gathers a second of certificates into a batch.
 */
export const sealJob = (retry: RetryPolicy) =>
  defineJob({
    queue: QueueName.anchoring,
    name: 'certificates.seal',
    payload: z.object({ tenantId: z.string() }),
    jobId: (p) => `seal.${p.tenantId}`,
    retry,
  });

/** The same work as sealJob, at once: a tenant reached maxBatchLeaves before its interval ended. */
export const sealNowJob = (retry: RetryPolicy) =>
  defineJob({
    queue: QueueName.anchoring,
    name: 'certificates.seal-now',
    payload: z.object({ tenantId: z.string() }),
    jobId: (p) => `seal-now.${p.tenantId}`,
    retry,
  });

/** Send the anchor's root (and any earlier pending anchors of its lane, in order). */
export const submitAnchorJob = (retry: RetryPolicy) =>
  defineJob({
    queue: QueueName.anchoring,
    name: 'certificates.anchor.submit',
    payload: z.object({ anchorId: z.string() }),
    jobId: (p) => `anchor-submit.${p.anchorId}`,
    retry,
  });

/** Follow a sent anchor until it is final (or has to be sent again). */
export const confirmAnchorJob = (retry: RetryPolicy) =>
  defineJob({
    queue: QueueName.anchoring,
    name: 'certificates.anchor.confirm',
    payload: z.object({ anchorId: z.string() }),
    jobId: (p) => `anchor-confirm.${p.anchorId}`,
    retry,
  });

/** POST one event to one endpoint. */
export const deliverWebhookJob = (retry: RetryPolicy) =>
  defineJob({
    queue: QueueName.webhooks,
    name: 'webhooks.deliver',
    payload: z.object({ deliveryId: z.string() }),
    jobId: (p) => `webhook.${p.deliveryId}`,
    retry,
  });

export type CertificatesJobs = ReturnType<typeof certificatesJobs>;
export const certificatesJobs = (options: { anchorRetry: RetryPolicy; webhookRetry: RetryPolicy }) => ({
  seal: sealJob(options.anchorRetry),
  sealNow: sealNowJob(options.anchorRetry),
  submitAnchor: submitAnchorJob(options.anchorRetry),
  confirmAnchor: confirmAnchorJob(options.anchorRetry),
  deliverWebhook: deliverWebhookJob(options.webhookRetry),
});
export const CERTIFICATES_JOBS = Symbol('CERTIFICATES_JOBS');
