import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Wallet } from 'ethers';
import {
  LocalSignerVault,
  SecretBox,
  SecretBoxError,
  generateSigner,
  loadOrCreateDevMasterKey,
  masterKeyId,
  parseMasterKey,
  parseMasterKeys,
} from './index';

const newKey = () => parseMasterKey(randomBytes(32).toString('base64'));

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SecretBoxError);
    return (error as SecretBoxError).code;
  }
  throw new Error('expected a SecretBoxError');
}

/** Flips one bit of the envelope part at `index` (2 = iv, 3 = tag, 4 = ciphertext). */
function tamper(envelope: string, index: number): string {
  const parts = envelope.split('.');
  const bytes = Buffer.from(parts[index], 'base64url');
  bytes[0] ^= 0x01;
  parts[index] = bytes.toString('base64url');
  return parts.join('.');
}

describe('parseMasterKey', () => {
  const raw = randomBytes(32);

  it('reads hex (with or without 0x), base64 and base64url, all to the same key and id', () => {
    const forms = [raw.toString('hex'), `0x${raw.toString('hex')}`, raw.toString('base64'), raw.toString('base64url'), ` ${raw.toString('base64')}\n`];
    const parsed = forms.map((form) => parseMasterKey(form));
    for (const key of parsed) {
      expect(key.key.equals(raw)).toBe(true);
      expect(key.id).toBe(masterKeyId(raw));
    }
    expect(parsed[0].id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('refuses a wrong length or alphabet with a message naming the variable but not the value', () => {
    const short = randomBytes(16).toString('base64');
    expect(() => parseMasterKey(short, 'CHAINLOOM_MASTER_KEY')).toThrow(/CHAINLOOM_MASTER_KEY must be 32 random bytes.*got 16 bytes/);
    expect(() => parseMasterKey(short, 'CHAINLOOM_MASTER_KEY')).not.toThrow(short);
    expect(() => parseMasterKey('not a key!')).toThrow(/neither hex nor base64/);
    expect(() => parseMasterKey('')).toThrow(SecretBoxError);
    expect(codeOf(() => parseMasterKey('ab'.repeat(31)))).toBe('invalid_master_key');
  });

  it('parses the current key first, then the retired ones', () => {
    const [a, b, c] = [randomBytes(32), randomBytes(32), randomBytes(32)];
    const keys = parseMasterKeys(a.toString('hex'), `${b.toString('base64')}, ${c.toString('hex')}`);
    expect(keys.map((k) => k.id)).toEqual([masterKeyId(a), masterKeyId(b), masterKeyId(c)]);
    expect(parseMasterKeys(a.toString('hex'))).toHaveLength(1);
  });
});

describe('SecretBox', () => {
  const key = newKey();
  const box = new SecretBox([key]);

  it('round-trips strings and bytes, with a fresh IV each time', () => {
    const secret = Wallet.createRandom().privateKey;
    const one = box.encrypt(secret, 'signer:sig_1');
    const two = box.encrypt(secret, 'signer:sig_1');
    expect(one).not.toBe(two);
    expect(one).toMatch(new RegExp(`^v1\\.${key.id}\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]+$`));
    expect(one).not.toContain(secret.slice(2));
    expect(box.decryptString(one, 'signer:sig_1')).toBe(secret);
    expect(box.decryptString(two, 'signer:sig_1')).toBe(secret);

    const bytes = randomBytes(100);
    expect(box.decrypt(box.encrypt(bytes)).equals(bytes)).toBe(true);
    expect(box.decryptString(box.encrypt(''))).toBe('');
  });

  it('detects tampering with the IV, the tag, the ciphertext or the key id', () => {
    const envelope = box.encrypt('webhook secret');
    for (const part of [2, 3, 4]) expect(codeOf(() => box.decrypt(tamper(envelope, part)))).toBe('decryption_failed');
    const otherId = envelope.replace(key.id, '0'.repeat(16));
    expect(codeOf(() => box.decrypt(otherId))).toBe('unknown_key');
    expect(codeOf(() => box.decrypt(envelope.replace(/^v1/, 'v2')))).toBe('malformed_envelope');
    expect(codeOf(() => box.decrypt('v1.abc'))).toBe('malformed_envelope');
    expect(codeOf(() => box.decrypt(envelope.slice(0, -4) + '!!!!'))).toBe('malformed_envelope');
  });

  it('refuses a ciphertext moved to another context', () => {
    const envelope = box.encrypt('key of signer 1', 'signer:sig_1');
    expect(codeOf(() => box.decrypt(envelope, 'signer:sig_2'))).toBe('decryption_failed');
    expect(codeOf(() => box.decrypt(envelope))).toBe('decryption_failed');
  });

  it('fails with the wrong key, even one given the same id', () => {
    const envelope = box.encrypt('secret');
    expect(codeOf(() => new SecretBox([newKey()]).decrypt(envelope))).toBe('unknown_key');
    const impostor = new SecretBox([{ id: key.id, key: randomBytes(32) }]);
    expect(codeOf(() => impostor.decrypt(envelope))).toBe('decryption_failed');
  });

  it('rotates: decrypts with the key named in the envelope and re-encrypts under the current key', () => {
    const oldKey = key;
    const newCurrent = newKey();
    const sealedUnderOld = box.encrypt('node key', 'node:nod_1');

    const rotated = new SecretBox([newCurrent, oldKey]);
    expect(SecretBox.keyIdOf(sealedUnderOld)).toBe(oldKey.id);
    expect(rotated.needsRotation(sealedUnderOld)).toBe(true);
    expect(rotated.decryptString(sealedUnderOld, 'node:nod_1')).toBe('node key');

    const resealed = rotated.rotate(sealedUnderOld, 'node:nod_1');
    expect(SecretBox.keyIdOf(resealed)).toBe(newCurrent.id);
    expect(rotated.needsRotation(resealed)).toBe(false);
    expect(rotated.rotate(resealed, 'node:nod_1')).toBe(resealed); // idempotent
    // Once the old key is retired for good, only the re-encrypted secret still opens.
    const retired = new SecretBox([newCurrent]);
    expect(retired.decryptString(resealed, 'node:nod_1')).toBe('node key');
    expect(codeOf(() => retired.decrypt(sealedUnderOld, 'node:nod_1'))).toBe('unknown_key');
    expect(codeOf(() => rotated.rotate(sealedUnderOld, 'node:nod_2'))).toBe('decryption_failed');
  });

  it('needs at least one 32-byte key', () => {
    expect(() => new SecretBox([])).toThrow(SecretBoxError);
    expect(() => new SecretBox([{ id: 'x', key: randomBytes(16) }])).toThrow(SecretBoxError);
  });
});

describe('signers', () => {
  it('generateSigner returns a fresh key and its address', () => {
    const one = generateSigner();
    const two = generateSigner();
    expect(one.privateKey).toMatch(/^0x[0-9a-f]{64}$/);
    expect(new Wallet(one.privateKey).address).toBe(one.address);
    expect(one.address).not.toBe(two.address);
  });

  it('LocalSignerVault seals a new signer, opens it only in its context, and reseals it after rotation', async () => {
    const oldKey = newKey();
    const vault = new LocalSignerVault(new SecretBox([oldKey]));
    const sealed = await vault.create('signer:sig_a');
    expect(sealed.sealedKey.startsWith(`v1.${oldKey.id}.`)).toBe(true);

    const wallet = await vault.open(sealed, 'signer:sig_a');
    expect(wallet.address).toBe(sealed.address);
    await expect(vault.open(sealed, 'signer:sig_b')).rejects.toMatchObject({ code: 'decryption_failed' });
    await expect(vault.open({ ...sealed, address: Wallet.createRandom().address }, 'signer:sig_a')).rejects.toThrow(
      /does not belong/,
    );

    const newer = new LocalSignerVault(new SecretBox([newKey(), oldKey]));
    const resealed = await newer.reseal(sealed, 'signer:sig_a');
    expect(resealed.sealedKey).not.toBe(sealed.sealedKey);
    expect((await newer.open(resealed, 'signer:sig_a')).address).toBe(sealed.address);
    expect(await newer.reseal(resealed, 'signer:sig_a')).toBe(resealed);
  });
});

describe('loadOrCreateDevMasterKey', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chainloom-key-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates master.key with mode 0600 once, then reads the same key back', async () => {
    const dataDir = join(dir, randomUUID());
    const first = await loadOrCreateDevMasterKey(dataDir);
    expect(first.created).toBe(true);
    expect(first.path).toBe(join(dataDir, 'master.key'));
    expect(statSync(first.path).mode & 0o777).toBe(0o600);
    expect(parseMasterKey(readFileSync(first.path, 'utf8')).id).toBe(first.key.id);

    const second = await loadOrCreateDevMasterKey(dataDir);
    expect(second.created).toBe(false);
    expect(second.key.id).toBe(first.key.id);
  });

  it('gives concurrent callers one key', async () => {
    const dataDir = join(dir, randomUUID());
    const results = await Promise.all([1, 2, 3, 4].map(() => loadOrCreateDevMasterKey(dataDir)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.key.id)).size).toBe(1);
  });
});
