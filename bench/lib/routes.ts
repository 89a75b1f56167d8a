// Paths and entry files the benchmarks share; imported by parents and children alike, so it has
// no side effects.

/** The bare Fastify server's only route. */
export const BARE_PATH = '/ping';
/** The platform's trivial routes, added by BenchModule: authenticated (usage:read) and public. */
export const PING_PATH = '/v1/bench/ping';
export const PING_PUBLIC_PATH = '/v1/bench/ping-public';
/** What every trivial route answers. */
export const PING_BODY = { ok: true } as const;

/** Child entry points, relative to the repository root. */
export const BARE_SERVER_ENTRY = 'bench/lib/bare-fastify-server.ts';
export const PLATFORM_SERVER_ENTRY = 'bench/lib/platform-server.ts';
