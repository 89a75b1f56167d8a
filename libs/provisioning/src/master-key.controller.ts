import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { PlatformAdminOnly } from '@chainloom/auth';
import { SecretBoxError } from '@chainloom/chain';
import { AppException, Contract, ROOT_LOGGER, SecretRotationRegistry } from '@chainloom/core';
import type { Logger } from 'pino';
import { z } from 'zod';

const RotationResult = z
  .object({
    rotated: z.number().int().min(0).describe('secrets re-sealed under the current MASTER_KEY (0 when all already were)'),
    kinds: z.record(z.string(), z.number().int().min(0)).describe('secrets re-sealed per kind, e.g. signer keys, webhook secrets'),
  })
  .meta({ id: 'MasterKeyRotation' });

/**
 * Master-key rotation, step 2 of 3: after MASTER_KEY was set to a new key and the old one moved
 * to MASTER_KEYS_PREVIOUS (step 1, a restart), this re-seals every stored secret of every kind
 * this process's domains registered (SecretRotationRegistry: signer keys, external RPC URLs,
 * webhook secrets…) under the new key. Idempotent: running it again rewrites nothing. Step 3 is
 * removing the old key from MASTER_KEYS_PREVIOUS once this answered on a platform that runs the
 * new key. Part of ChainAccessModule, so each service that stores secrets offers it.
 */
@PlatformAdminOnly()
@Controller('v1/admin/master-key')
export class MasterKeyController {
  private readonly logger: Logger;

  constructor(
    private readonly rotation: SecretRotationRegistry,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'master-key' });
  }

  @Post('rotate')
  @HttpCode(200)
  @Contract({
    summary: 'Re-seal stored secrets (signer keys, external RPC URLs, webhook secrets) under the current MASTER_KEY (after a key change)',
    tags: ['Platform admin'],
    security: ['session'],
    responses: { 200: { description: 'how many secrets were re-sealed, per kind', schema: RotationResult } },
  })
  async rotate(): Promise<z.infer<typeof RotationResult>> {
    try {
      const result = await this.rotation.resealAll();
      this.logger.info(result, 'master key rotation: secrets re-sealed under the current key');
      return result;
    } catch (error) {
      if (!(error instanceof SecretBoxError)) throw error;
      this.logger.error({ err: error.message }, 'master-key rotation stopped: a secret is sealed under a key not configured');
      throw new AppException(503, 'master_key_missing', 'A stored secret is sealed under a master key this platform does not have: add it to MASTER_KEYS_PREVIOUS and rotate again.');
    }
  }
}
