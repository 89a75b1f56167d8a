import { Injectable } from '@nestjs/common';

/** Re-seals one kind of stored secret under the current master key; returns how many it rewrote. */
export interface SecretResealer {
  /** e.g. 'signer keys', 'webhook secrets': reported per kind by the rotation endpoint. */
  readonly kind: string;
  reseal(): Promise<number>;
}

/**
 * Every kind of secret a process keeps sealed under MASTER_KEY registers its resealer here at
 * init, so master-key rotation re-seals all of them without the rotation endpoint knowing the
 * domains (features never import each other). A process reseals what its own domains store.
 */
@Injectable()
export class SecretRotationRegistry {
  private readonly resealers = new Map<string, SecretResealer>();

  register(resealer: SecretResealer) {
    this.resealers.set(resealer.kind, resealer);
  }

  /** Runs every resealer in turn (each is idempotent); the first failure stops the run and is thrown. */
  async resealAll(): Promise<{ rotated: number; kinds: Record<string, number> }> {
    const kinds: Record<string, number> = {};
    let rotated = 0;
    for (const resealer of this.resealers.values()) {
      kinds[resealer.kind] = await resealer.reseal();
      rotated += kinds[resealer.kind];
    }
    return { rotated, kinds };
  }
}
