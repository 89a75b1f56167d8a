import { Inject, Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { CERTIFICATES_OPTIONS, type CertificatesOptions } from '../certificates.options';

export const FILE_UPLOAD_PATH = '/v1/certificates/file';
export const BATCH_PATH = '/v1/certificates/batch';

/**
 * Fastify settings the certificates routes need, applied while the app is being built (in the
 * constructor: Nest registers routes before any onModuleInit runs):
 *
 * - application/octet-stream bodies are handed to the handler as the request stream, so an upload
 *   is hashed as it arrives and never buffered; the handler enforces fileMaxBytes itself.
 * - the batch route gets a body limit of its own: 10,000 items with metadata are far larger than
 *   the platform-wide BODY_LIMIT_BYTES.
 */
@Injectable()
export class CertificatesHttpSetup {
  constructor(adapterHost: HttpAdapterHost, @Inject(CERTIFICATES_OPTIONS) options: CertificatesOptions) {
    const fastify = adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    if (!fastify.hasContentTypeParser('application/octet-stream')) {
      fastify.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));
    }
    fastify.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      if (!methods.includes('POST')) return;
      if (route.url === BATCH_PATH) route.bodyLimit = options.batchBodyLimitBytes;
      if (route.url === FILE_UPLOAD_PATH) route.bodyLimit = options.fileMaxBytes;
    });
  }
}
