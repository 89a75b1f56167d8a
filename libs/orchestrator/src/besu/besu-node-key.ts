import type { SecretBox } from '@chainloom/chain';
import { SigningKey, computeAddress, getAddress } from 'ethers';
import { randomBytes } from 'node:crypto';

/**
 * A Besu node's identity: one secp256k1 key is both the devp2p node id (the enode's public key)
 * and, for a validator, the QBFT signing key whose address sits in the validator set.
 */
export interface BesuNodeKey {
  /** 0x + 64 hex. What Besu reads from `--node-private-key-file`. Never logged. */
  readonly privateKey: string;
  /** 128 hex, no prefix: the uncompressed public key without its 0x04 byte, as in enode URLs. */
  readonly publicKey: string;
  /** Checksummed address derived from the key: the validator's identity in QBFT. */
  readonly address: string;
}

const PRIVATE_KEY = /^(0x)?[0-9a-fA-F]{64}$/;
const PUBLIC_KEY = /^(0x)?(04)?[0-9a-fA-F]{128}$/;

/** A fresh node key from the operating system's CSPRNG. */
export function generateBesuNodeKey(): BesuNodeKey {
  // SigningKey rejects 0 and values ≥ the curve order; the chance of drawing one is ~2^-128,
  // but looping costs nothing and keeps the function total.
  for (;;) {
    const candidate = `0x${randomBytes(32).toString('hex')}`;
    try {
      return besuNodeKeyFrom(candidate);
    } catch {
      continue;
    }
  }
}

/** The identity of an existing private key (0x-prefixed or bare hex). */
export function besuNodeKeyFrom(privateKey: string): BesuNodeKey {
  if (!PRIVATE_KEY.test(privateKey)) throw new RangeError('A node private key is 32 bytes as 64 hex characters.');
  const hex = privateKey.startsWith('0x') ? privateKey : `0x${privateKey}`;
  const key = new SigningKey(hex);
  return { privateKey: hex.toLowerCase(), publicKey: key.publicKey.slice(4).toLowerCase(), address: computeAddress(key.publicKey) };
}

/** The validator address of a node, from its public key alone (other nodes' keys stay sealed). */
export function addressOfPublicKey(publicKey: string): string {
  if (!PUBLIC_KEY.test(publicKey)) throw new RangeError('A node public key is 64 bytes as 128 hex characters.');
  const bare = publicKey.replace(/^0x/, '');
  return getAddress(computeAddress(`0x${bare.length === 130 ? bare : `04${bare}`}`));
}

/**
 * `enode://<public key>@<host>:<port>`. The host is a DNS name (the node's Service) rather than a
 * pod IP, because pod IPs change on every restart; Besu resolves it with `--Xdns-enabled`.
 */
export function enodeUrl(publicKey: string, host: string, port = 30303): string {
  if (!PUBLIC_KEY.test(publicKey)) throw new RangeError('A node public key is 64 bytes as 128 hex characters.');
  const bare = publicKey.replace(/^0x/, '');
  return `enode://${(bare.length === 130 ? bare.slice(2) : bare).toLowerCase()}@${host}:${port}`;
}

/**
 * The SecretBox context a node key is sealed under: binding the node id means an envelope copied
 * onto another node's row does not decrypt there, so a key cannot silently serve two nodes.
 */
export const nodeKeyContext = (nodeId: string) => `besu-node-key:${nodeId}`;

/** Seals a node's private key for the database (and for the retention copy after a delete). */
export function sealBesuNodeKey(box: SecretBox, nodeId: string, key: BesuNodeKey): string {
  return box.encrypt(key.privateKey, nodeKeyContext(nodeId));
}

/** Opens a sealed node key; fails if it was sealed for another node or under an unknown master key. */
export function openBesuNodeKey(box: SecretBox, nodeId: string, envelope: string): BesuNodeKey {
  const plaintext = box.decrypt(envelope, nodeKeyContext(nodeId));
  try {
    return besuNodeKeyFrom(plaintext.toString('utf8'));
  } finally {
    plaintext.fill(0);
  }
}
