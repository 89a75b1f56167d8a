import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, ROOT_LOGGER, newId, type AppConfig } from '@chainloom/core';
import { PrismaService, type PrismaClient } from '@chainloom/db';
import type { Logger } from 'pino';
import { hashPassword } from './password';

/**
 * Creates the first platform admin from PLATFORM_ADMIN_EMAIL / PLATFORM_ADMIN_PASSWORD at
 * start-up (never through an open endpoint). An existing user with that email is promoted; its
 * password is left alone.
 */
@Injectable()
export class PlatformAdminBootstrap implements OnApplicationBootstrap {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap() {
    const email = this.config.PLATFORM_ADMIN_EMAIL?.toLowerCase();
    const password = this.config.PLATFORM_ADMIN_PASSWORD;
    if (!email) return;
    if (!password) {
      this.logger.warn('PLATFORM_ADMIN_EMAIL is set without PLATFORM_ADMIN_PASSWORD; no admin created');
      return;
    }
    await ensurePlatformAdmin(this.prisma, email, password);
    this.logger.info({ email }, 'platform admin ensured');
  }
}

export async function ensurePlatformAdmin(prisma: PrismaClient, email: string, password: string) {
  const existing = await prisma.user.findUnique({ where: { email } });
  if (existing) {
    if (!existing.platformAdmin) await prisma.user.update({ where: { id: existing.id }, data: { platformAdmin: true } });
    return existing.id;
  }
  const id = newId('usr');
  await prisma.user.create({ data: { id, email, name: 'Platform admin', passwordHash: await hashPassword(password), platformAdmin: true } });
  return id;
}
