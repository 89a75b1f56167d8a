import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { CertificatesException } from '../certificates.exception';

function isReadable(value: unknown): value is Readable {
  return typeof value === 'object' && value !== null && typeof (value as Readable).pipe === 'function' && Symbol.asyncIterator in value;
}

/**
 * sha256 of a request body streamed in as application/octet-stream (see CertificatesHttpSetup),
 * hashed chunk by chunk as it arrives: the file is never held in memory or written anywhere.
 */
export async function sha256OfStream(body: unknown, maxBytes: number): Promise<string> {
  if (!isReadable(body)) throw CertificatesException.emptyFile();
  const declared = Number((body as Readable & { headers?: Record<string, string | undefined> }).headers?.['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw CertificatesException.fileTooLarge(maxBytes);
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of body) {
    const bytes = chunk as Buffer;
    size += bytes.length;
    if (size > maxBytes) {
      // Not destroy(): that would cut the connection before the 413 reaches the client. The
      // rest of the body is read and discarded by the HTTP server once the answer is sent.
      body.resume();
      throw CertificatesException.fileTooLarge(maxBytes);
    }
    hash.update(bytes);
  }
  if (size === 0) throw CertificatesException.emptyFile();
  return '0x' + hash.digest('hex');
}
