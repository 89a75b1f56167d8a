import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@chainloom/auth';
import { newId, pointsAtPrivateAddress } from '@chainloom/core';
import { AuditLog, PrismaService, tenantScoped, type Prisma } from '@chainloom/db';
import { CertificatesException } from '../certificates.exception';
import { CERTIFICATES_OPTIONS, type CertificatesOptions } from '../certificates.options';
import type { WebhookEventType } from '../certificates.schemas';
import { WebhookEventsService } from './webhook-events.service';
import { WebhookSecretsService } from './webhook-secrets.service';

type EndpointRow = Prisma.WebhookEndpointGetPayload<object>;
type DeliveryRow = Prisma.WebhookDeliveryGetPayload<{ include: { event: true; attemptLog: true } }>;

const endpointView = (e: EndpointRow) => ({ id: e.id, url: e.url, events: e.events, description: e.description, createdAt: e.createdAt.toISOString() });

export const deliveryView = (d: Prisma.WebhookDeliveryGetPayload<{ include: { event: true } }> & { attemptLog?: DeliveryRow['attemptLog'] }) => ({
  id: d.id,
  endpointId: d.endpointId,
  eventId: d.eventId,
  eventType: d.event.type,
  status: d.status as 'PENDING' | 'DELIVERED' | 'DEAD',
  attempts: d.attempts,
  nextAttemptAt: d.status === 'PENDING' ? (d.nextAttemptAt?.toISOString() ?? null) : null,
  lastStatusCode: d.lastStatusCode,
  lastError: d.lastError,
  deliveredAt: d.deliveredAt?.toISOString() ?? null,
  redeliveryOf: d.redeliveryOf,
  createdAt: d.createdAt.toISOString(),
  ...(d.attemptLog
    ? {
        attemptLog: d.attemptLog
          .sort((a, b) => a.attempt - b.attempt)
          .map((a) => ({ attempt: a.attempt, statusCode: a.statusCode, responseBody: a.responseBody, error: a.error, durationMs: a.durationMs, createdAt: a.createdAt.toISOString() })),
      }
    : {}),
});

/** Webhook endpoints and their deliveries, for the tenant that owns them. */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditLog,
    private readonly secrets: WebhookSecretsService,
    private readonly events: WebhookEventsService,
    @Inject(CERTIFICATES_OPTIONS) private readonly options: CertificatesOptions,
  ) {}

  async create(tenantId: string, input: { url: string; events: WebhookEventType[]; description?: string }, actor: Actor) {
    if (!this.options.webhookAllowPrivateTargets && (await pointsAtPrivateAddress(input.url))) throw CertificatesException.webhookTargetForbidden();
    const id = newId('whk');
    const secret = this.secrets.generate();
    const endpoint = await this.prisma.$transaction(async (tx) => {
      const row = await tx.webhookEndpoint.create({
        data: { id, tenantId, url: input.url, events: [...new Set(input.events)], description: input.description ?? null, encryptedSecret: this.secrets.seal(id, secret) },
      });
      await this.audit.append(tx, { tenantId, actor, action: 'webhook.create', target: { type: 'webhook', id }, details: { url: input.url, events: row.events } });
      return row;
    });
    return { webhook: endpointView(endpoint), secret };
  }

  async list(tenantId: string) {
    const rows = await tenantScoped(this.prisma, tenantId).webhookEndpoint.findMany({ where: { disabledAt: null }, orderBy: { createdAt: 'desc' } });
    return { items: rows.map(endpointView), nextCursor: null };
  }

  async get(tenantId: string, id: string) {
    return endpointView(await this.endpoint(tenantId, id));
  }

  async remove(tenantId: string, id: string, actor: Actor) {
    await this.endpoint(tenantId, id);
    await this.prisma.$transaction(async (tx) => {
      await tx.webhookEndpoint.updateMany({ where: { id, tenantId, disabledAt: null }, data: { disabledAt: new Date() } });
      await this.audit.append(tx, { tenantId, actor, action: 'webhook.delete', target: { type: 'webhook', id } });
    });
  }

  async deliveries(tenantId: string, endpointId: string) {
    await this.endpoint(tenantId, endpointId);
    const rows = await tenantScoped(this.prisma, tenantId).webhookDelivery.findMany({
      where: { endpointId },
      include: { event: true },
      orderBy: { createdAt: 'desc' },
      take: 100,
    });
    return { items: rows.map(deliveryView), nextCursor: null };
  }

  async delivery(tenantId: string, id: string) {
    const row = await tenantScoped(this.prisma, tenantId).webhookDelivery.findUnique({ where: { id }, include: { event: true, attemptLog: true } });
    if (!row) throw CertificatesException.notFound('Webhook delivery');
    return deliveryView(row);
  }

  /** Sends the delivery's event to its endpoint again, as a new delivery with its own attempts. */
  async redeliver(tenantId: string, id: string, actor: Actor) {
    const original = await tenantScoped(this.prisma, tenantId).webhookDelivery.findUnique({ where: { id }, include: { endpoint: true } });
    if (!original) throw CertificatesException.notFound('Webhook delivery');
    if (original.status === 'PENDING') throw CertificatesException.notRedeliverable();
    const newIdValue = newId('whd');
    const created = await this.prisma.$transaction(async (tx) => {
      const row = await tx.webhookDelivery.create({
        data: { id: newIdValue, tenantId, eventId: original.eventId, endpointId: original.endpointId, redeliveryOf: original.id, nextAttemptAt: new Date() },
        include: { event: true },
      });
      await this.audit.append(tx, { tenantId, actor, action: 'webhook.redeliver', target: { type: 'webhook_delivery', id: newIdValue }, details: { redeliveryOf: id } });
      return row;
    });
    await this.events.dispatch([created.id]);
    return deliveryView(created);
  }

  private async endpoint(tenantId: string, id: string) {
    const row = await tenantScoped(this.prisma, tenantId).webhookEndpoint.findUnique({ where: { id } });
    if (!row || row.disabledAt) throw CertificatesException.notFound('Webhook endpoint');
    return row;
  }
}
