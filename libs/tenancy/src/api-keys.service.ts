import { Injectable } from '@nestjs/common';
import { CredentialService, TOKEN_PREFIX, newSecret, sha256, type Actor, type ApiKeyScope, type PlanLimits } from '@chainloom/auth';
import { AppException, newId } from '@chainloom/core';
import { AuditLog, PrismaService, tenantScoped } from '@chainloom/db';
import { TenancyException } from './tenancy.exception';
import { apiKeyView } from './views';

/** API keys: created with scopes, shown once, stored as a hash, revocable everywhere at once. */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly audit: AuditLog,
    private readonly credentials: CredentialService,
  ) {}

  async create(
    tenantId: string,
    input: { name: string; scopes: ApiKeyScope[]; expiresAt?: string },
    limits: PlanLimits | null,
    actor: Actor,
  ) {
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    if (expiresAt && expiresAt <= new Date()) throw TenancyException.expiryInPast();
    const secret = newSecret(TOKEN_PREFIX.apiKey);
    const id = newId('key');
    const key = await this.prisma.$transaction(async (tx) => {
      const active = await tx.apiKey.count({ where: { tenantId, revokedAt: null } });
      if (limits && active >= limits.apiKeys) throw TenancyException.quotaExceeded('apiKeys', limits.apiKeys);
      const row = await tx.apiKey.create({
        data: {
          id,
          tenantId,
          name: input.name,
          prefix: secret.slice(0, TOKEN_PREFIX.apiKey.length + 6),
          secretHash: sha256(secret),
          scopes: [...new Set(input.scopes)],
          expiresAt,
          createdBy: actor.id ?? 'unknown',
        },
      });
      await this.audit.append(tx, { tenantId, actor, action: 'api_key.create', target: { type: 'api_key', id }, details: { name: input.name, scopes: row.scopes } });
      return row;
    });
    return { apiKey: apiKeyView(key), secret };
  }

  async list(tenantId: string) {
    const rows = await tenantScoped(this.prisma, tenantId).apiKey.findMany({ orderBy: { createdAt: 'desc' } });
    return { items: rows.map(apiKeyView), nextCursor: null };
  }

  async get(tenantId: string, id: string) {
    const key = await tenantScoped(this.prisma, tenantId).apiKey.findUnique({ where: { id } });
    if (!key) throw AppException.notFound('API key');
    return apiKeyView(key);
  }

  /** Revokes the key in the database, then drops it from every instance's cache. */
  async revoke(tenantId: string, id: string, actor: Actor) {
    const key = await tenantScoped(this.prisma, tenantId).apiKey.findUnique({ where: { id } });
    if (!key) throw AppException.notFound('API key');
    await this.prisma.$transaction(async (tx) => {
      await tx.apiKey.updateMany({ where: { id, tenantId, revokedAt: null }, data: { revokedAt: new Date() } });
      await this.audit.append(tx, { tenantId, actor, action: 'api_key.revoke', target: { type: 'api_key', id } });
    });
    await this.credentials.invalidate({ kind: 'credential', id });
  }
}
