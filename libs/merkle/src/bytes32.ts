// Hex <-> bytes for 32-byte words. Hand-rolled rather than Buffer so the library also runs in the
// browser (the console verifies receipts client-side), and rather than ethers' getBytes/hexlify
// because building a 100,000-leaf tree parses and prints hundreds of thousands of words.

/** The bytes32 zero word, as 0x-prefixed lowercase hex. */
export const ZERO_HASH = `0x${'00'.repeat(32)}`;

const BYTES32_PATTERN = /^0x[0-9a-fA-F]{64}$/;

// byte -> char codes of its two hex digits.
const HEX_DIGITS = '0123456789abcdef';
const HIGH_DIGIT = Uint8Array.from({ length: 256 }, (_, i) => HEX_DIGITS.charCodeAt(i >> 4));
const LOW_DIGIT = Uint8Array.from({ length: 256 }, (_, i) => HEX_DIGITS.charCodeAt(i & 15));

// charCode -> nibble value, -1 for anything that is not a hex digit.
const HEX_TO_NIBBLE = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) HEX_TO_NIBBLE[48 + i] = i;
for (let i = 0; i < 6; i++) {
  HEX_TO_NIBBLE[65 + i] = 10 + i;
  HEX_TO_NIBBLE[97 + i] = 10 + i;
}

/** True for a 0x-prefixed, 64-digit hex string (either case). */
export function isBytes32(value: unknown): value is string {
  return typeof value === 'string' && BYTES32_PATTERN.test(value);
}

/** Throws a TypeError naming `what` unless `value` is a bytes32 hex string. */
export function assertBytes32(value: unknown, what: string): asserts value is string {
  if (!isBytes32(value)) {
    throw new TypeError(`${what} must be a 0x-prefixed 32-byte hex string, got ${JSON.stringify(value)}`);
  }
}

/** Writes the 32 bytes of a validated bytes32 hex string into `out` at `offset`. */
export function writeBytes32(hex: string, out: Uint8Array, offset: number): void {
  for (let i = 0; i < 32; i++) {
    const c = 2 + 2 * i;
    const high = HEX_TO_NIBBLE[hex.charCodeAt(c)];
    const low = HEX_TO_NIBBLE[hex.charCodeAt(c + 1)];
    // Callers validate first; this guards the direct users of the function all the same.
    if (high === undefined || low === undefined || high < 0 || low < 0) {
      throw new TypeError(`not a bytes32 hex string: ${hex}`);
    }
    out[offset + i] = (high << 4) | low;
  }
}

/** 0x-prefixed lowercase hex of the 32 bytes of `bytes` starting at `offset`. */
export function readBytes32(bytes: Uint8Array, offset: number): string {
  return toHex(bytes.subarray(offset, offset + 32));
}

/** 0x-prefixed lowercase hex of any byte string. */
export function toHex(bytes: Uint8Array): string {
  // One String.fromCharCode call gives a flat string. Appending digit pairs with += would build a
  // rope of 33 pieces per word, and a tree's worth of proofs held as ropes spends seconds in GC.
  const codes = new Array<number>(2 + bytes.length * 2);
  codes[0] = 48; // '0'
  codes[1] = 120; // 'x'
  for (let i = 0; i < bytes.length; i++) {
    codes[2 + 2 * i] = HIGH_DIGIT[bytes[i]];
    codes[3 + 2 * i] = LOW_DIGIT[bytes[i]];
  }
  return String.fromCharCode(...codes);
}
