import { SecretBox, parseMasterKey } from '@chainloom/chain';
import { randomBytes } from 'node:crypto';
import { addressOfPublicKey, besuNodeKeyFrom, enodeUrl, generateBesuNodeKey, openBesuNodeKey, sealBesuNodeKey } from './besu-node-key';

const box = () => new SecretBox([parseMasterKey(randomBytes(32).toString('hex'))]);

describe('Besu node keys', () => {
  it('derives the address Besu derives (the dev network account of Besu’s dev genesis)', () => {
    // Besu's built-in dev genesis (config/src/main/resources/dev.json) lists this private key for
    // account fe3b557e8fb62b89f4916b721be55ceb828dbd73.
    const key = besuNodeKeyFrom('8f2a55949038a9610f50fb23b5883af3b4ecb3c3bb792cbcefbd1542c692be63');
    expect(key.address).toBe('0xFE3B557E8Fb62b89F4916B721be55cEb828dBd73');
    expect(key.publicKey).toMatch(/^[0-9a-f]{128}$/);
    expect(addressOfPublicKey(key.publicKey)).toBe(key.address);
    expect(addressOfPublicKey(`0x04${key.publicKey}`)).toBe(key.address);
  });

  it('generates distinct valid keys', () => {
    const keys = Array.from({ length: 8 }, () => generateBesuNodeKey());
    expect(new Set(keys.map((k) => k.privateKey)).size).toBe(8);
    for (const key of keys) expect(besuNodeKeyFrom(key.privateKey)).toEqual(key);
  });

  it('writes enode URLs with the 64-byte node id and a DNS host', () => {
    const key = generateBesuNodeKey();
    expect(enodeUrl(key.publicKey, 'besu-a.cl-net.svc.cluster.local')).toBe(`enode://${key.publicKey}@besu-a.cl-net.svc.cluster.local:30303`);
    expect(enodeUrl(`0x04${key.publicKey}`, 'h', 30304)).toBe(`enode://${key.publicKey}@h:30304`);
    expect(() => enodeUrl('abcd', 'h')).toThrow(RangeError);
  });

  it('seals a key for one node only', () => {
    const secretBox = box();
    const key = generateBesuNodeKey();
    const sealed = sealBesuNodeKey(secretBox, 'nod_a', key);
    expect(sealed).not.toContain(key.privateKey.slice(2));
    expect(openBesuNodeKey(secretBox, 'nod_a', sealed)).toEqual(key);
    expect(() => openBesuNodeKey(secretBox, 'nod_b', sealed)).toThrow(/does not decrypt/);
    expect(() => openBesuNodeKey(box(), 'nod_a', sealed)).toThrow();
  });
});
