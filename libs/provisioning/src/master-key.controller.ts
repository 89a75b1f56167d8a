import { Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { PlatformAdminOnly } from '@chainloom/auth';
import { Contract, ROOT_LOGGER } from '@chainloom/core';
import type { Logger } from 'pino';
import { z } from 'zod';
import { SignerVaultService } from './signer-vault.service';

const RotationResult = z
  .object({ rotated: z.number().int().min(0).describe('secrets re-sealed under the current MASTER_KEY (0 when all already were)') })
  .meta({ id: 'MasterKeyRotation' });

/**
 * Master-key rotation, step 2 of 3: after MASTER_KEY was set to a new key and the old one moved
 * to MASTER_KEYS_PREVIOUS (step 1, a restart), this re-seals every stored signer key and external
 * RPC URL under the new key. Idempotent: running it again rewrites nothing. Step 3 is removing
 * the old key from MASTER_KEYS_PREVIOUS once this answered on a platform that runs the new key.
 */
@PlatformAdminOnly()
@Controller('v1/admin/master-key')
export class MasterKeyController {
  private readonly logger: Logger;

  constructor(
    private readonly signers: SignerVaultService,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'master-key' });
  }

  @Post('rotate')
  @HttpCode(200)
  @Contract({
    summary: 'Re-seal stored signer keys and external RPC URLs under the current MASTER_KEY (after a key change)',
    tags: ['Platform admin'],
    security: ['session'],
    responses: { 200: { description: 'how many secrets were re-sealed', schema: RotationResult } },
  })
  async rotate(): Promise<z.infer<typeof RotationResult>> {
    const rotated = await this.signers.rotateAll();
    this.logger.info({ rotated }, 'master key rotation: secrets re-sealed under the current key');
    return { rotated };
  }
}
