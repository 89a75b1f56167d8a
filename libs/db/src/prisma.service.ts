import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { APP_CONFIG, HealthRegistry, type AppConfig } from '@chainloom/core';
import { PrismaClient } from './generated/client';

/**
 * The Prisma client over the pg driver adapter. Only repositories use it; services call
 * repositories. Registers the `postgres` readiness check.
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(APP_CONFIG) config: AppConfig, private readonly health: HealthRegistry) {
    super({
      adapter: new PrismaPg({
        connectionString: config.DATABASE_URL,
        max: config.DATABASE_POOL_SIZE,
        connectionTimeoutMillis: 5_000,
      }),
    });
  }

  async onModuleInit() {
    this.health.register({ name: 'postgres', check: async () => void (await this.$queryRaw`SELECT 1`) });
    await this.$connect();
  }

  async onApplicationShutdown() {
    await this.$disconnect();
  }
}
