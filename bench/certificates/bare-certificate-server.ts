// The reference point for the single-certificate benchmark: a bare Fastify server (the platform's
// version, no plugins, no logger) answering POST /v1/certificates with the same JSON shape the
// platform answers, after the same cheap checks, but storing nothing. Started as a child.
import Fastify from 'fastify';
import { randomBytes } from 'node:crypto';
import { runChild, serveParent } from '../lib/child';

const HEX32 = /^0x[0-9a-fA-F]{64}$/;

runChild(async () => {
  const app = Fastify({ logger: false });
  app.post('/v1/certificates', async (request, reply) => {
    const body = request.body as { contentHash?: unknown } | null;
    if (!body || typeof body.contentHash !== 'string' || !HEX32.test(body.contentHash)) return reply.status(400).send({ code: 'validation_failed' });
    return reply.status(201).send({
      id: 'cert_' + randomBytes(13).toString('hex').slice(0, 26),
      contentHash: body.contentHash.toLowerCase(),
      hashAlgorithm: 'sha256',
      metadataDigest: '0x' + '00'.repeat(32),
      salt: null,
      externalId: null,
      status: 'PENDING',
      createdAt: new Date().toISOString(),
    });
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  serveParent(url, () => app.close());
});
