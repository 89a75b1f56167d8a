import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12; // the GCM standard nonce size; random per message
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** A 32-byte AES-256 key with the id that envelopes name it by. */
export interface MasterKey {
  readonly id: string;
  readonly key: Buffer;
}

export type SecretBoxErrorCode = 'invalid_master_key' | 'malformed_envelope' | 'unknown_key' | 'decryption_failed';

/** Never carries key material or plaintext in its message. */
export class SecretBoxError extends Error {
  constructor(
    readonly code: SecretBoxErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

/**
 * The id of a key, derived from the key itself so that operators configure keys only, and the
 * same key always gets the same id on every instance. 64 bits of a domain-separated hash: no
 * use to an attacker, and collisions among the few keys of one installation are out of reach.
 */
export function masterKeyId(key: Uint8Array): string {
  return createHash('sha256').update('chainloom/master-key-id/v1\0').update(key).digest('hex').slice(0, 16);
}

/**
 * Parses a master key from configuration: 64 hex characters (optionally 0x-prefixed) or base64 /
 * base64url of exactly 32 bytes. `name` is the variable's name, for the error message; the value
 * itself is never echoed.
 */
export function parseMasterKey(value: string, name = 'master key'): MasterKey {
  const text = value.trim();
  let key: Buffer | undefined;
  if (/^(0x)?[0-9a-fA-F]{64}$/.test(text)) {
    key = Buffer.from(text.replace(/^0x/, ''), 'hex');
  } else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) {
    key = Buffer.from(text, 'base64');
  }
  if (!key || key.length !== KEY_BYTES) {
    const got = key ? `${key.length} bytes` : `${text.length} characters that are neither hex nor base64`;
    throw new SecretBoxError(
      'invalid_master_key',
      `${name} must be ${KEY_BYTES} random bytes written as 64 hex characters or as base64 (44 characters); got ${got}. ` +
        'Generate one with: openssl rand -base64 32',
    );
  }
  return { id: masterKeyId(key), key };
}

/**
 * Parses the current key and an optional comma-separated list of retired keys that can still
 * decrypt, in the order SecretBox wants them (current first).
 */
export function parseMasterKeys(current: string, retired = '', name = 'master key'): MasterKey[] {
  const keys = [parseMasterKey(current, name)];
  retired
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .forEach((part, index) => keys.push(parseMasterKey(part, `retired ${name} #${index + 1}`)));
  return keys;
}

/**
 * Envelope encryption of small secrets (signer keys, node keys, webhook secrets) with AES-256-GCM
 * under a master key. An envelope reads `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts):
 * the key id lets a box holding the current and retired keys decrypt old rows and `rotate` them.
 *
 * `context` is bound as additional authenticated data: pass what the secret belongs to (e.g.
 * `signer:sig_…`) so that a ciphertext copied into another row fails to decrypt there.
 */
export class SecretBox {
  private readonly keys: ReadonlyMap<string, Buffer>;
  readonly currentKeyId: string;

  constructor(keys: readonly MasterKey[]) {
    if (keys.length === 0) throw new SecretBoxError('invalid_master_key', 'SecretBox needs at least one master key.');
    for (const { key } of keys) {
      if (key.length !== KEY_BYTES) throw new SecretBoxError('invalid_master_key', `A master key must be ${KEY_BYTES} bytes.`);
    }
    this.keys = new Map(keys.map(({ id, key }) => [id, Buffer.from(key)]));
    this.currentKeyId = keys[0].id;
  }

  encrypt(plaintext: string | Uint8Array, context = ''): string {
    const keyId = this.currentKeyId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key(keyId), iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad(keyId, context));
    const data = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext;
    const ciphertext = Buffer.concat([cipher.update(data), cipher.final()]);
    return [VERSION, keyId, b64(iv), b64(cipher.getAuthTag()), b64(ciphertext)].join('.');
  }

  decrypt(envelope: string, context = ''): Buffer {
    const { keyId, iv, tag, ciphertext } = parseEnvelope(envelope);
    const decipher = createDecipheriv('aes-256-gcm', this.key(keyId), iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad(keyId, context));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
    } catch {
      throw new SecretBoxError(
        'decryption_failed',
        'The secret does not decrypt: it was altered, or it belongs to another context.',
      );
    }
  }

  decryptString(envelope: string, context = ''): string {
    return this.decrypt(envelope, context).toString('utf8');
  }

  /** Whether the envelope is under a key other than the current one. */
  needsRotation(envelope: string): boolean {
    return parseEnvelope(envelope).keyId !== this.currentKeyId;
  }

  /**
   * The secret re-encrypted under the current key; the envelope unchanged if it already is, so
   * a rotation job that runs twice rewrites nothing the second time.
   */
  rotate(envelope: string, context = ''): string {
    if (!this.needsRotation(envelope)) return envelope;
    const plaintext = this.decrypt(envelope, context);
    try {
      return this.encrypt(plaintext, context);
    } finally {
      plaintext.fill(0);
    }
  }

  /** The id of the key an envelope was sealed with. */
  static keyIdOf(envelope: string): string {
    return parseEnvelope(envelope).keyId;
  }

  private key(keyId: string): Buffer {
    const key = this.keys.get(keyId);
    if (!key) {
      throw new SecretBoxError(
        'unknown_key',
        `The secret was encrypted under master key ${keyId}, which is not configured; add it to the retired keys.`,
      );
    }
    return key;
  }
}

function parseEnvelope(envelope: string): { keyId: string; iv: Buffer; tag: Buffer; ciphertext: Buffer } {
  const parts = envelope.split('.');
  if (parts.length !== 5 || parts[0] !== VERSION || !/^[0-9a-f]{16}$/.test(parts[1]) || !parts.slice(2).every(isB64)) {
    throw new SecretBoxError('malformed_envelope', `Not a ${VERSION} secret envelope.`);
  }
  const [, keyId, iv, tag, ciphertext] = parts;
  const decoded = { keyId, iv: Buffer.from(iv, 'base64url'), tag: Buffer.from(tag, 'base64url'), ciphertext: Buffer.from(ciphertext, 'base64url') };
  if (decoded.iv.length !== IV_BYTES || decoded.tag.length !== TAG_BYTES) {
    throw new SecretBoxError('malformed_envelope', `Not a ${VERSION} secret envelope.`);
  }
  return decoded;
}

/** The version and key id are authenticated too, so neither can be swapped without detection. */
function aad(keyId: string, context: string): Buffer {
  return Buffer.from(`${VERSION}.${keyId}\0${context}`, 'utf8');
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const isB64 = (part: string) => /^[A-Za-z0-9_-]*$/.test(part);
