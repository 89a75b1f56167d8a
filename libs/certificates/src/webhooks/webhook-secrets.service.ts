import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { SecretBox, loadOrCreateDevMasterKey, parseMasterKeys } from '@chainloom/chain';
import { APP_CONFIG, ROOT_LOGGER, SecretRotationRegistry, type AppConfig } from '@chainloom/core';
import { PrismaService } from '@chainloom/db';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';

/** The SecretBox context: an envelope opens only for the endpoint it was sealed for. */
const context = (endpointId: string) => `webhook:${endpointId}`;

/**
 * Webhook signing secrets: generated here (whsec_ + 32 random bytes), shown to the tenant once,
 * stored only as a SecretBox envelope (AES-256-GCM under MASTER_KEY, bound to the endpoint id so
 * a ciphertext copied to another row does not open). Without MASTER_KEY (development only: the
 * config refuses production) the development key in DATA_DIR is used, as the signer vault does.
 * Master-key rotation re-seals them (registered with the SecretRotationRegistry).
 */
@Injectable()
export class WebhookSecretsService implements OnModuleInit {
  private box?: SecretBox;
  private readonly logger: Logger;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly prisma: PrismaService,
    private readonly rotation: SecretRotationRegistry,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'webhook-secrets' });
  }

  async onModuleInit() {
    if (this.config.MASTER_KEY) {
      this.box = new SecretBox(parseMasterKeys(this.config.MASTER_KEY, this.config.MASTER_KEYS_PREVIOUS ?? '', 'MASTER_KEY'));
    } else {
      const dev = await loadOrCreateDevMasterKey(this.config.DATA_DIR);
      if (dev.created) this.logger.warn({ path: dev.path }, 'generated a development master key; set MASTER_KEY in production');
      this.box = new SecretBox([dev.key]);
    }
    this.rotation.register({ kind: 'webhook secrets', reseal: () => this.resealAll() });
  }

  /** Master-key rotation: every endpoint's secret re-sealed under the current key (idempotent). */
  private async resealAll(): Promise<number> {
    let rotated = 0;
    for (const row of await this.prisma.webhookEndpoint.findMany({ select: { id: true, encryptedSecret: true } })) {
      const sealed = this.requireBox().rotate(row.encryptedSecret, context(row.id));
      if (sealed === row.encryptedSecret) continue;
      await this.prisma.webhookEndpoint.update({ where: { id: row.id }, data: { encryptedSecret: sealed } });
      rotated++;
    }
    return rotated;
  }

  generate(): string {
    return 'whsec_' + randomBytes(32).toString('base64url');
  }

  seal(endpointId: string, secret: string): string {
    return this.requireBox().encrypt(secret, context(endpointId));
  }

  open(endpointId: string, sealed: string): string {
    return this.requireBox().decryptString(sealed, context(endpointId));
  }

  private requireBox(): SecretBox {
    if (!this.box) throw new Error('webhook secrets used before the module initialised');
    return this.box;
  }
}
