import { sha256 } from '@noble/hashes/sha256';
import { bytesToHex } from '@noble/hashes/utils';

/** Bytes read per step: large enough to be fast, small enough to report progress smoothly. */
export const CHUNK_BYTES = 4 * 1024 * 1024;
/** Below this, Web Crypto hashes the whole file at once (fast, native); above it, in chunks. */
export const ONE_SHOT_MAX_BYTES = 16 * 1024 * 1024;

/** The part of a File this needs (a Blob), so tests can pass a Blob. */
type Readable = Pick<Blob, 'size' | 'slice'>;

/**
 * SHA-256 of a file, in the browser: the file never leaves the machine. Web Crypto has no
 * incremental digest, so large files (or pages without Web Crypto, i.e. not a secure context)
 * go through @noble/hashes chunk by chunk, reporting progress (0…1) as they go.
 */
export async function sha256File(file: Readable, onProgress: (fraction: number) => void = () => undefined, signal?: AbortSignal): Promise<string> {
  const subtle = typeof crypto !== 'undefined' ? crypto.subtle : undefined;
  if (subtle && file.size <= ONE_SHOT_MAX_BYTES) {
    const digest = await subtle.digest('SHA-256', await file.slice(0, file.size).arrayBuffer());
    onProgress(1);
    return '0x' + bytesToHex(new Uint8Array(digest));
  }
  const hash = sha256.create();
  for (let offset = 0; offset < file.size; offset += CHUNK_BYTES) {
    if (signal?.aborted) throw new DOMException('hashing cancelled', 'AbortError');
    const chunk = new Uint8Array(await file.slice(offset, Math.min(offset + CHUNK_BYTES, file.size)).arrayBuffer());
    hash.update(chunk);
    onProgress(Math.min(1, (offset + chunk.length) / file.size));
  }
  if (file.size === 0) onProgress(1);
  return '0x' + bytesToHex(hash.digest());
}

export const HASH_PATTERN = /^0x[0-9a-fA-F]{64}$/;
