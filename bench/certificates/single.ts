// Single-certificate POST, durable (the answer comes after the group commit's COMMIT), with a
// cached API key, against a bare Fastify server answering the same request from memory.
//   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register bench/certificates/single.ts [--quick] [--connections 100] [--duration 10] [--role api|all] [--cpu-prof]
import { cpuProfileFlags } from '../lib/profile';
import { benchOptions, rejectUnknown } from '../lib/options';
import { installCleanup, startChild } from '../lib/processes';
import { startPlatformServer } from '../lib/servers';
import { fmt, median, table } from '../lib/stats';
import { provisionTenant } from '../lib/tenant';
import { postLoad, type PostLoadResult } from './post-load';

async function main() {
  const options = benchOptions();
  const role = options.rest.get('role') ?? 'all';
  options.rest.delete('role');
  rejectUnknown(options.rest);
  installCleanup();
  // --cpu-prof: V8 profiles of both servers land in tmp/bench-profiles/ (open them in Chrome DevTools).
  const profile = (name: string) => cpuProfileFlags(options, name);
  const bare = await startChild('bare-certificates', 'bench/certificates/bare-certificate-server.ts', { execArgv: profile('bare'), env: { NODE_ENV: 'production' } });
  const platform = await startPlatformServer({ entry: 'bench/certificates/certificates-server.ts', env: { CHAINLOOM_ROLE: role, ...(options.cpuProf ? { NODE_OPTIONS: profile('platform').join(' ') } : {}) } });
  try {
    const tenant = await provisionTenant(platform.server.url, platform.admin, { scopes: ['certificates:write', 'certificates:read'] });
    const body = JSON.stringify({ contentHash: '0x' + 'ab'.repeat(32) });
    const targets = [
      { name: 'bare-fastify', url: bare.url + '/v1/certificates', headers: {} as Record<string, string>, cpu: () => bare.cpuMicros() },
      { name: 'platform', url: platform.server.url + '/v1/certificates', headers: { authorization: `Bearer ${tenant.apiKey}` }, cpu: () => platform.server.cpuMicros() },
    ];
    const results = new Map<string, (PostLoadResult & { cpuPerReq: number })[]>(targets.map((t) => [t.name, []]));
    for (const t of targets) {
      const warm = await postLoad({ url: t.url, body, headers: t.headers, connections: options.connections, durationSec: options.warmupSec || 1 });
      process.stderr.write(`warm-up ${t.name}: ${fmt(warm.rps)} req/s ${JSON.stringify(warm.statusCodes)}\n`);
    }
    for (let round = 1; round <= options.rounds; round++) {
      for (const t of round % 2 ? targets : [...targets].reverse()) {
        const cpu0 = await t.cpu();
        const r = await postLoad({ url: t.url, body, headers: t.headers, connections: options.connections, durationSec: options.durationSec, pipelining: options.pipelining });
        const cpuPerReq = ((await t.cpu()) - cpu0) / Math.max(1, r.requests);
        results.get(t.name)?.push({ ...r, cpuPerReq });
        process.stderr.write(`round ${round} ${t.name}: ${fmt(r.rps)} req/s p50 ${r.p50} ms p99 ${r.p99} ms server ${fmt(cpuPerReq)} µs CPU/req ${JSON.stringify(r.statusCodes)} errors ${r.errors}\n`);
      }
    }
    const row = (name: string) => {
      const rs = results.get(name) ?? [];
      return [name, Math.round(median(rs.map((r) => r.rps))), median(rs.map((r) => r.p50)), median(rs.map((r) => r.p99)), median(rs.map((r) => r.cpuPerReq)), rs.reduce((s, r) => s + r.non2xx + r.errors, 0)];
    };
    console.log(`\nPOST /v1/certificates (role ${role}, ${options.connections} connections, ${options.rounds} x ${options.durationSec} s; medians)`);
    console.log(table(['target', 'certificates/s', 'p50 ms', 'p99 ms', 'server CPU µs/req', 'non-2xx+errors'], [row('bare-fastify'), row('platform')]));
  } finally {
    await Promise.all([bare.stop(), platform.stop()]);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
