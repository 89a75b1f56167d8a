import { createHash, randomBytes } from 'node:crypto';

/** Prefixes say what a secret is at a glance (and let secret scanners find leaked ones). */
export const TOKEN_PREFIX = { apiKey: 'clk_', session: 'cls_', invitation: 'cli_' } as const;

/** A new secret: prefix + 32 base58-like characters of 192 random bits (base64url). */
export const newSecret = (prefix: string) => prefix + randomBytes(24).toString('base64url');

/** SHA-256 as Prisma's Bytes type wants it. */
export const sha256 = (value: string): Uint8Array<ArrayBuffer> => new Uint8Array(createHash('sha256').update(value).digest());
