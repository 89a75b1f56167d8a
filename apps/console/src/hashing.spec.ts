import { createHash, randomBytes } from 'node:crypto';
import { CHUNK_BYTES, ONE_SHOT_MAX_BYTES, sha256File } from './hashing';

const sha256 = (data: Uint8Array) => '0x' + createHash('sha256').update(data).digest('hex');

describe('hashing a file in the browser', () => {
  it('hashes a small file in one step with Web Crypto', async () => {
    const data = randomBytes(100_000);
    const progress: number[] = [];
    expect(await sha256File(new Blob([data]), (p) => progress.push(p))).toBe(sha256(data));
    expect(progress).toEqual([1]);
  });

  it('hashes a large file in chunks, reporting progress up to 1, with the same digest', async () => {
    const data = randomBytes(ONE_SHOT_MAX_BYTES + CHUNK_BYTES + 123);
    const progress: number[] = [];
    expect(await sha256File(new Blob([data]), (p) => progress.push(p))).toBe(sha256(data));
    expect(progress.length).toBe(Math.ceil(data.length / CHUNK_BYTES));
    expect(progress.every((p, i) => i === 0 || p > (progress[i - 1] ?? 0))).toBe(true);
    expect(progress.at(-1)).toBe(1);
  }, 30_000);

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(sha256File(new Blob([randomBytes(ONE_SHOT_MAX_BYTES + 1)]), undefined, controller.signal)).rejects.toThrow('hashing cancelled');
  });

  it('hashes an empty file', async () => {
    expect(await sha256File(new Blob([]))).toBe(sha256(new Uint8Array()));
  });
});
