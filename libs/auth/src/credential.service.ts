import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ROOT_LOGGER } from '@chainloom/core';
import { PrismaService } from '@chainloom/db';
import { RedisService } from '@chainloom/queue';
import type { Logger } from 'pino';
import { API_KEY_SCOPES, ROLE_PERMISSIONS, type Permission, type TenantRole } from './permissions';
import { effectiveLimits, type PlanName } from './plans';
import type { Principal } from './principal';
import { TOKEN_PREFIX, sha256 } from './tokens';

/** What a cached entry may be dropped by. */
export type Invalidation = { kind: 'credential' | 'tenant' | 'user'; id: string };

type Entry = { principal: Principal | null; suspended: boolean; cachedAt: number };

const MAX_ENTRIES = 50_000;
/** Upper bound on staleness if an invalidation message is ever lost (e.g. Redis was down). */
const POSITIVE_TTL_MS = 60_000;
/** Unknown tokens are remembered briefly so a flood of bad keys does not reach the database. */
const NEGATIVE_TTL_MS = 5_000;
const LAST_USED_FLUSH_MS = 5_000;

/**
 * Resolves API keys and session tokens to principals without a database query per request: a
 * bounded in-memory cache, invalidated on every instance through Redis pub/sub when a key or
 * session is revoked, a tenant suspended, or a role changed. A subscriber that reconnects clears
 * its whole cache, since it may have missed messages while disconnected.
 */
@Injectable()
export class CredentialService implements OnModuleInit, OnApplicationShutdown {
  private readonly cache = new Map<string, Entry>();
  /** Loads in flight, so a burst of first requests with one token makes one query, not hundreds. */
  private readonly loading = new Map<string, Promise<Entry>>();
  /** Bumped by every invalidation: a load that overlapped one is used once but not cached. */
  private generation = 0;
  private readonly lastUsed = new Map<string, Date>();
  private flushTimer?: NodeJS.Timeout;
  private readonly channel: string;
  private readonly logger: Logger;

  constructor(
    private readonly prisma: PrismaService,
    private readonly redis: RedisService,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.channel = `${redis.prefix}:auth:invalidate`;
    this.logger = logger.child({ component: 'credentials' });
  }

  onModuleInit() {
    const subscriber = this.redis.connect('auth-invalidation', { maxRetriesPerRequest: null });
    let connectedBefore = false;
    subscriber.on('ready', () => {
      if (connectedBefore) {
        this.generation++;
        this.cache.clear();
      }
      connectedBefore = true;
    });
    subscriber.on('message', (_channel: string, message: string) => {
      try {
        this.drop(JSON.parse(message) as Invalidation);
      } catch {
        this.cache.clear();
      }
    });
    void subscriber.subscribe(this.channel).catch(() => undefined);
    this.flushTimer = setInterval(() => void this.flushLastUsed(), LAST_USED_FLUSH_MS);
    this.flushTimer.unref();
  }

  async onApplicationShutdown() {
    clearInterval(this.flushTimer);
    await this.flushLastUsed();
  }

  /** The principal for a bearer token, or null if it is unknown, expired or revoked. */
  async resolve(token: string): Promise<{ principal: Principal; suspended: boolean } | null> {
    const key = token; // tokens are high-entropy secrets; the map never leaves the process
    const now = Date.now();
    let entry = this.cache.get(key);
    const ttl = entry?.principal ? POSITIVE_TTL_MS : NEGATIVE_TTL_MS;
    if (!entry || now - entry.cachedAt > ttl) {
      const generation = this.generation;
      let pending = this.loading.get(key);
      if (!pending) {
        pending = this.load(token, now).finally(() => this.loading.delete(key));
        this.loading.set(key, pending);
      }
      entry = await pending;
      if (generation === this.generation) {
        if (this.cache.size >= MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
        this.cache.set(key, entry);
      }
    }
    const { principal } = entry;
    if (!principal || (principal.expiresAt !== null && principal.expiresAt <= now)) return null;
    if (principal.kind === 'api-key') this.lastUsed.set(principal.credentialId, new Date(now));
    return { principal, suspended: entry.suspended };
  }

  /** Drops cached credentials here and, through Redis, on every other instance. */
  async invalidate(invalidation: Invalidation) {
    this.drop(invalidation);
    try {
      await this.redis.command.publish(this.channel, JSON.stringify(invalidation));
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'could not publish invalidation; other instances catch up within 60 s');
    }
  }

  private drop({ kind, id }: Invalidation) {
    this.generation++;
    this.loading.clear();
    for (const [key, entry] of this.cache) {
      const p = entry.principal;
      if (!p) continue;
      if ((kind === 'credential' && p.credentialId === id) || (kind === 'tenant' && p.tenantId === id) || (kind === 'user' && p.userId === id)) {
        this.cache.delete(key);
      }
    }
  }

  private async load(token: string, now: number): Promise<Entry> {
    const hash = sha256(token);
    if (token.startsWith(TOKEN_PREFIX.apiKey)) {
      const key = await this.prisma.apiKey.findUnique({ where: { secretHash: hash }, include: { tenant: true } });
      if (!key || key.revokedAt) return { principal: null, suspended: false, cachedAt: now };
      const scopes = new Set<Permission>(key.scopes.filter((s): s is Permission => (API_KEY_SCOPES as readonly string[]).includes(s)));
      return {
        cachedAt: now,
        suspended: key.tenant.status === 'SUSPENDED',
        principal: {
          kind: 'api-key',
          credentialId: key.id,
          userId: key.createdBy,
          tenantId: key.tenantId,
          role: null,
          permissions: scopes,
          platformAdmin: false,
          limits: effectiveLimits({ ...key.tenant, plan: key.tenant.plan as PlanName }),
          expiresAt: key.expiresAt?.getTime() ?? null,
        },
      };
    }
    if (token.startsWith(TOKEN_PREFIX.session)) {
      const session = await this.prisma.session.findUnique({ where: { tokenHash: hash }, include: { user: true } });
      if (!session || session.revokedAt) return { principal: null, suspended: false, cachedAt: now };
      const membership = session.tenantId
        ? await this.prisma.membership.findUnique({
            where: { tenantId_userId: { tenantId: session.tenantId, userId: session.userId } },
            include: { tenant: true },
          })
        : null;
      const role = (membership?.role ?? null) as TenantRole | null;
      return {
        cachedAt: now,
        suspended: membership?.tenant.status === 'SUSPENDED',
        principal: {
          kind: 'session',
          credentialId: session.id,
          userId: session.userId,
          tenantId: membership ? session.tenantId : null,
          role,
          permissions: role ? ROLE_PERMISSIONS[role] : new Set(),
          platformAdmin: session.user.platformAdmin,
          limits: membership ? effectiveLimits({ ...membership.tenant, plan: membership.tenant.plan as PlanName }) : null,
          expiresAt: session.expiresAt.getTime(),
        },
      };
    }
    return { principal: null, suspended: false, cachedAt: now };
  }

  /** Writes last-used times in one statement every few seconds instead of one per request. */
  private async flushLastUsed() {
    if (!this.lastUsed.size) return;
    const ids = [...this.lastUsed.keys()];
    const times = ids.map((id) => this.lastUsed.get(id) as Date);
    this.lastUsed.clear();
    await this.prisma.$executeRaw`
      UPDATE api_keys SET last_used_at = v.t
      FROM unnest(${ids}::text[], ${times}::timestamptz[]) AS v(id, t)
      WHERE api_keys.id = v.id AND (api_keys.last_used_at IS NULL OR api_keys.last_used_at < v.t)`.catch(
      (error: Error) => this.logger.warn({ err: error.message }, 'could not record key last-used times'),
    );
  }
}
