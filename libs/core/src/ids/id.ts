import { randomFillSync } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

// Random bytes are drawn from the OS in 4 KiB refills rather than 16 bytes per id: a 10,000-item
// batch otherwise spends more time in randomFillSync system calls than in anything else. The
// bytes are the same CSPRNG output either way.
const POOL = Buffer.alloc(4096);
let poolOffset = POOL.length;

function randomChars(count: number): string {
  if (poolOffset + count > POOL.length) {
    randomFillSync(POOL);
    poolOffset = 0;
  }
  let out = '';
  for (let i = 0; i < count; i++) out += ALPHABET[POOL[poolOffset + i] & 31];
  poolOffset += count;
  return out;
}

/**
 * A type-prefixed, time-ordered id such as `ten_01jf3x…`: 10 characters of millisecond time then
 * 16 of randomness (80 bits), so ids sort by creation and index well (like ULID).
 */
export function newId(prefix: string, now = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  return `${prefix}_${time}${randomChars(16)}`;
}

/**
 * `count` ids of one millisecond that sort in the order given (a monotonic ULID run): the first
 * has a random tail, each next one is the previous plus one. Rows inserted in this order append
 * to the primary key's B-tree instead of landing at random inside the millisecond's key range,
 * and need no sort. The first tail's top bit is clear, so a run never overflows its 80 bits.
 */
export function newIds(prefix: string, count: number, now = Date.now()): string[] {
  const head = newId(prefix, now).slice(0, prefix.length + 11);
  const digits = Array.from(randomChars(16), (c) => ALPHABET.indexOf(c));
  digits[0] &= 15;
  const ids = new Array<string>(count);
  for (let n = 0; n < count; n++) {
    let tail = '';
    for (const d of digits) tail += ALPHABET[d];
    ids[n] = head + tail;
    for (let i = digits.length - 1; i >= 0; i--) {
      digits[i] = (digits[i] + 1) & 31;
      if (digits[i] !== 0) break;
    }
  }
  return ids;
}

/** A zod-friendly pattern for ids of one type. */
export const idPattern = (prefix: string) => new RegExp(`^${prefix}_[0-9a-hjkmnp-tv-z]{26}$`);
