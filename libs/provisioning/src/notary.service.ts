import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppException, ROOT_LOGGER, type AppConfig } from '@chainloom/core';
import { PrismaService } from '@chainloom/db';
import { RedisService, WorkerHost } from '@chainloom/queue';
import type { Logger } from 'pino';
import { NetworksService } from './networks.service';

/** The tenant that owns what the platform itself runs (the notary network). */
export const PLATFORM_TENANT_ID = 'ten_00000000000000000000000000';

/**
 * The shared notary network: where tenants without a network of their own anchor certificates.
 * Created at start-up on the local driver (NOTARY_NETWORK=auto), owned by the platform tenant;
 * a platform admin can point it at any other network, an external one included.
 */
@Injectable()
export class NotaryService implements OnApplicationBootstrap {
  constructor(
    private readonly prisma: PrismaService,
    private readonly networks: NetworksService,
    private readonly workers: WorkerHost,
    private readonly redis: RedisService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap() {
    if (this.config.NOTARY_NETWORK !== 'auto' || !this.workers.enabled) return;
    try {
      await this.ensure();
    } catch (error) {
      this.logger.error({ err: (error as Error).message }, 'could not create the notary network');
    }
  }

  async ensure() {
    await this.prisma.tenant.upsert({
      where: { id: PLATFORM_TENANT_ID },
      create: { id: PLATFORM_TENANT_ID, name: 'Chainloom platform', plan: 'ENTERPRISE', verificationStatus: 'APPROVED' },
      update: {},
    });
    // One creator across instances: a short Redis lease around check-and-create.
    const lease = `${this.redis.prefix}:notary-create`;
    if (!(await this.redis.command.set(lease, '1', 'PX', 30_000, 'NX'))) return;
    try {
      const existing = await this.prisma.network.findFirst({ where: { isNotary: true, status: { not: 'DELETED' } } });
      if (existing) return;
      await this.create();
    } finally {
      await this.redis.command.del(lease);
    }
  }

  private async create() {
    const { network } = await this.networks.create(
      PLATFORM_TENANT_ID,
      { name: 'notary', protocol: 'dev', blockTimeSeconds: 1, confirmations: 2 },
      null,
      { type: 'system', id: null, ip: null },
      { isNotary: true },
    );
    this.logger.info({ networkId: network.id }, 'created the shared notary network');
  }

  async current() {
    const network = await this.prisma.network.findFirst({ where: { isNotary: true, status: { not: 'DELETED' } } });
    return { networkId: network?.id ?? null, tenantId: network?.tenantId ?? null, status: network?.status ?? null, chainId: network?.chainId ?? null };
  }

  /** Points the notary at another network (any tenant's, external included). */
  async pointTo(networkId: string) {
    const target = await this.prisma.network.findUnique({ where: { id: networkId } });
    if (!target || target.status === 'DELETED') throw AppException.notFound('Network');
    await this.prisma.$transaction([
      this.prisma.network.updateMany({ where: { isNotary: true }, data: { isNotary: false } }),
      this.prisma.network.update({ where: { id: networkId }, data: { isNotary: true } }),
    ]);
    return this.current();
  }
}
