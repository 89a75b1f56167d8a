import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ROOT_LOGGER, newId } from '@chainloom/core';
import { PrismaService } from '@chainloom/db';
import { ReconcilerService, WorkerHost, type JobOutcome } from '@chainloom/queue';
import { createHmac } from 'node:crypto';
import type { Logger } from 'pino';
import { CERTIFICATES_JOBS, type CertificatesJobs } from '../certificates.jobs';
import { CERTIFICATES_OPTIONS, type CertificatesOptions } from '../certificates.options';
import { WebhookSecretsService } from './webhook-secrets.service';

const SNIPPET_BYTES = 1024;

/** `Chainloom-Signature` for a body: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body" under the secret>. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * Sends webhook deliveries (QueueName.webhooks): one signed POST per attempt, each attempt
 * recorded with the endpoint's status, the start of its answer and the time it took. A non-2xx
 * answer or a network error fails the job, so the queue retries it with the webhook backoff;
 * the attempt count lives in the row (not only in Redis), and the attempt that uses up the
 * policy dead-letters the delivery (status DEAD) instead of failing. The reconciler re-adds due
 * deliveries whose job was lost.
 */
@Injectable()
export class WebhookDispatcher implements OnModuleInit {
  private readonly logger: Logger;

  constructor(
    private readonly prisma: PrismaService,
    private readonly secrets: WebhookSecretsService,
    private readonly workers: WorkerHost,
    private readonly reconciler: ReconcilerService,
    @Inject(CERTIFICATES_OPTIONS) private readonly options: CertificatesOptions,
    @Inject(CERTIFICATES_JOBS) private readonly jobs: CertificatesJobs,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'webhooks' });
  }

  onModuleInit() {
    this.workers.register(this.jobs.deliverWebhook, ({ deliveryId }) => this.deliver(deliveryId), { concurrency: 16 });
    this.reconciler.register({
      name: 'certificates.webhooks',
      findDue: async () => {
        // Due for a while and still pending: its job is gone (Redis flushed, or a crash).
        const rows = await this.prisma.webhookDelivery.findMany({
          where: { status: 'PENDING', nextAttemptAt: { lte: new Date(Date.now() - 5_000) } },
          select: { id: true },
          orderBy: { nextAttemptAt: 'asc' },
          take: 5_000,
        });
        return rows.map((r) => ({ job: this.jobs.deliverWebhook, payload: { deliveryId: r.id } }));
      },
    });
  }

  async deliver(deliveryId: string): Promise<JobOutcome> {
    const delivery = await this.prisma.webhookDelivery.findUnique({ where: { id: deliveryId }, include: { event: true, endpoint: true } });
    if (!delivery || delivery.status !== 'PENDING') return { status: 'skipped', detail: delivery?.status ?? 'gone' };
    const attempt = delivery.attempts + 1;
    const { endpoint, event } = delivery;
    if (endpoint.disabledAt) {
      await this.prisma.webhookDelivery.update({ where: { id: deliveryId }, data: { status: 'DEAD', lastError: 'the endpoint was deleted', nextAttemptAt: null } });
      return { status: 'done', detail: 'endpoint deleted' };
    }
    const body = JSON.stringify(event.payload);
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = signWebhook(this.secrets.open(endpoint.id, endpoint.encryptedSecret), timestamp, body);
    const started = performance.now();
    let statusCode: number | null = null;
    let responseBody: string | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Chainloom-Webhooks/1',
          'chainloom-signature': signature,
          'chainloom-event': event.type,
          'chainloom-delivery': delivery.id,
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.webhookTimeoutMs),
      });
      statusCode = response.status;
      responseBody = (await response.text().catch(() => '')).slice(0, SNIPPET_BYTES);
    } catch (e) {
      error = ((e as Error).cause as Error | undefined)?.message ?? (e as Error).message;
    }
    const durationMs = Math.round(performance.now() - started);
    const ok = statusCode !== null && statusCode >= 200 && statusCode < 300;
    const lastError = ok ? null : (error ?? `the endpoint answered ${statusCode}`);
    const exhausted = !ok && attempt >= this.options.webhookRetry.attempts;
    const { delay, type } = this.options.webhookRetry.backoff;
    const nextAttemptAt = ok || exhausted ? null : new Date(Date.now() + (type === 'fixed' ? delay : delay * 2 ** (attempt - 1)));
    await this.prisma.$transaction([
      this.prisma.webhookDeliveryAttempt.create({
        data: { id: newId('wha'), tenantId: delivery.tenantId, deliveryId, attempt, statusCode, responseBody, error, durationMs },
      }),
      this.prisma.webhookDelivery.update({
        where: { id: deliveryId },
        data: {
          attempts: attempt,
          lastStatusCode: statusCode,
          lastError,
          status: ok ? 'DELIVERED' : exhausted ? 'DEAD' : 'PENDING',
          deliveredAt: ok ? new Date() : null,
          nextAttemptAt,
        },
      }),
    ]);
    if (ok) return { status: 'done', detail: `delivered (${statusCode})` };
    if (exhausted) {
      this.logger.warn({ deliveryId, attempts: attempt, lastError }, 'webhook delivery dead-lettered');
      return { status: 'done', detail: 'dead-lettered' };
    }
    throw new Error(`attempt ${attempt}: ${lastError}`);
  }
}
