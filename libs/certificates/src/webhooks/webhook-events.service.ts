import { Inject, Injectable } from '@nestjs/common';
import { newId } from '@chainloom/core';
import type { Prisma } from '@chainloom/db';
import { QueueService } from '@chainloom/queue';
import { CERTIFICATES_JOBS, type CertificatesJobs } from '../certificates.jobs';
import type { WebhookEventType } from '../certificates.schemas';

/**
 * Records that something happened, for webhooks: the event and one delivery per subscribed
 * endpoint are written inside the caller's transaction (an outbox), so an event exists exactly
 * when the change it reports was committed. The caller triggers the deliveries after COMMIT with
 * `dispatch`; if that trigger is lost, the deliveries reconciler sends them.
 */
@Injectable()
export class WebhookEventsService {
  constructor(
    private readonly queue: QueueService,
    @Inject(CERTIFICATES_JOBS) private readonly jobs: CertificatesJobs,
  ) {}

  /** Returns the ids of the deliveries to dispatch after the transaction commits. */
  async emit(tx: Prisma.TransactionClient, tenantId: string, type: WebhookEventType, data: Record<string, unknown>): Promise<string[]> {
    const endpoints = await tx.webhookEndpoint.findMany({
      where: { tenantId, disabledAt: null, events: { has: type } },
      select: { id: true },
    });
    if (!endpoints.length) return [];
    const eventId = newId('evt');
    const createdAt = new Date();
    const payload = { id: eventId, type, createdAt: createdAt.toISOString(), data };
    await tx.webhookEvent.create({ data: { id: eventId, tenantId, type, payload: payload as Prisma.InputJsonObject, createdAt } });
    const ids = endpoints.map(() => newId('whd'));
    await tx.webhookDelivery.createMany({
      data: endpoints.map((e, i) => ({ id: ids[i], tenantId, eventId, endpointId: e.id, nextAttemptAt: createdAt })),
    });
    return ids;
  }

  async dispatch(deliveryIds: readonly string[]) {
    for (const deliveryId of deliveryIds) await this.queue.trigger(this.jobs.deliverWebhook, { deliveryId });
  }
}
