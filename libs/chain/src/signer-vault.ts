import { Wallet, getAddress, type Provider } from 'ethers';
import type { SecretBox } from './secret-box';

export interface GeneratedSigner {
  readonly address: string;
  /** 0x-prefixed 32-byte hex. Seal it at once; never log or return it from an API. */
  readonly privateKey: string;
}

/** A fresh secp256k1 key from the operating system's CSPRNG. */
export function generateSigner(): GeneratedSigner {
  const wallet = Wallet.createRandom();
  return { address: wallet.address, privateKey: wallet.privateKey };
}

/** What the database stores for a signer: its public address and its sealed private key. */
export interface SealedSigner {
  readonly address: string;
  readonly sealedKey: string;
}

/**
 * Creates and opens tenant signers. `context` names the owner (for example `signer:sig_…`) and
 * binds the sealed key to it. Asynchronous so that a KMS- or HSM-backed vault fits the same
 * interface later.
 */
export interface SignerVault {
  create(context: string): Promise<SealedSigner>;
  /** A wallet that can sign, optionally connected to `provider`. */
  open(signer: SealedSigner, context: string, provider?: Provider): Promise<Wallet>;
  /** The same signer sealed under the current master key (unchanged if it already is). */
  reseal(signer: SealedSigner, context: string): Promise<SealedSigner>;
}

/** Keys sealed with the platform master key (SecretBox), stored in the platform's database. */
export class LocalSignerVault implements SignerVault {
  constructor(private readonly box: SecretBox) {}

  async create(context: string): Promise<SealedSigner> {
    const { address, privateKey } = generateSigner();
    return { address, sealedKey: this.box.encrypt(privateKey, context) };
  }

  async open(signer: SealedSigner, context: string, provider?: Provider): Promise<Wallet> {
    const wallet = new Wallet(this.box.decryptString(signer.sealedKey, context), provider ?? null);
    // The context check stops a key moved between rows; this stops an address edited in place.
    if (wallet.address !== getAddress(signer.address)) {
      throw new Error(`The sealed key does not belong to ${signer.address}.`);
    }
    return wallet;
  }

  async reseal(signer: SealedSigner, context: string): Promise<SealedSigner> {
    const sealedKey = this.box.rotate(signer.sealedKey, context);
    return sealedKey === signer.sealedKey ? signer : { ...signer, sealedKey };
  }
}
