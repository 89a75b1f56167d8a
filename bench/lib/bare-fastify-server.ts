// The reference point: a bare Fastify server (the version the platform uses), no plugins, no
// hooks, no logger, one GET route returning a small JSON. Started as a child by the benchmarks;
// by hand: SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register bench/lib/bare-fastify-server.ts
import Fastify from 'fastify';
import { runChild, serveParent } from './child';
import { BARE_PATH, PING_BODY } from './routes';

runChild(async () => {
  const app = Fastify({ logger: false });
  app.get(BARE_PATH, async () => PING_BODY);
  const url = await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
  serveParent(url, () => app.close());
});
