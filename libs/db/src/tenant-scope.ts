import { Prisma, type PrismaClient } from './generated/client';

/**
 * Models that belong to a tenant (they have a tenantId column). A test checks this list against
 * schema.prisma, so a new tenant-owned model cannot be forgotten.
 */
export const TENANT_OWNED_MODELS: ReadonlySet<string> = new Set([
  'Membership',
  'Invitation',
  'ApiKey',
  'VerificationRequest',
  'UsageDaily',
  'AuditEntry',
  'Network',
  'Node',
  'Operation',
  'Signer',
  'Contract',
  'ChainTransaction',
  // Certificates (libs/certificates)
  'Certificate',
  'CertificateBatch',
  'CertificateAnchor',
  'AnchorTarget',
  'CertificateIngestion',
  'IdempotencyRecord',
  // Webhooks (libs/certificates)
  'WebhookEndpoint',
  'WebhookEvent',
  'WebhookDelivery',
  'WebhookDeliveryAttempt',
]);

/**
 * Models with a tenantId that are NOT reached through a tenant: a session belongs to a user and
 * is found by its token hash; its tenantId only says which tenant it acts for.
 */
export const TENANT_REFERENCING_MODELS: ReadonlySet<string> = new Set(['Session']);

const FILTERED = new Set([
  'findUnique',
  'findUniqueOrThrow',
  'findFirst',
  'findFirstOrThrow',
  'findMany',
  'count',
  'aggregate',
  'groupBy',
  'update',
  'updateMany',
  'updateManyAndReturn',
  'delete',
  'deleteMany',
  'upsert',
]);

const scopeExtension = (tenantId: string) =>
  Prisma.defineExtension({
    name: 'tenant-scope',
    query: {
      $allModels: {
        $allOperations({ model, operation, args, query }) {
          if (!TENANT_OWNED_MODELS.has(model)) return query(args);
          const a = (args ?? {}) as { where?: object; data?: object | object[]; create?: object };
          if (FILTERED.has(operation)) a.where = { ...a.where, tenantId };
          if (operation === 'create') a.data = { ...(a.data as object), tenantId };
          if (operation === 'createMany' || operation === 'createManyAndReturn') {
            a.data = (Array.isArray(a.data) ? a.data : [a.data]).map((row) => ({ ...row, tenantId }));
          }
          if (operation === 'upsert') a.create = { ...a.create, tenantId };
          return query(a as typeof args);
        },
      },
    },
  });

/**
 * The one way services reach tenant-owned rows: a client whose every query on a tenant-owned
 * model is filtered by (and every create stamped with) the tenant's id. Another tenant's row is
 * then simply not found, which the API answers with 404.
 */
export function tenantScoped(prisma: PrismaClient, tenantId: string) {
  if (!tenantId) throw new Error('tenantScoped needs a tenant id');
  return prisma.$extends(scopeExtension(tenantId));
}
export type TenantScopedClient = ReturnType<typeof tenantScoped>;
