// Provisioning benchmark: how fast dev networks come up, what 20 of them cost in memory, and
// what the authenticated RPC gateway adds to a JSON-RPC call.
//
//   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register bench/provisioning/run.ts \
//     [--sequential 10] [--networks 20] [--rounds 3] [--duration 5] [--connections 10] [--idle 5] [--quick]
//
// One platform child (tenancy + provisioning, NOTARY_NETWORK=off, NODE_ENV=production) on a
// database of its own and a DATA_DIR of its own; an ENTERPRISE tenant set up through the API
// (approved, quotaOverrides.networks 50) with an API key (networks:read/write, rpc).
//   (a) N sequential creations: POST /v1/networks -> RUNNING with the registry deployed, with the
//       server-side breakdown from the operation's steps.
//   (b) `--networks` creations sent at once: time until all are RUNNING; RSS of the platform and
//       of the anvils (/proc) once they are up, and their CPU while idle.
//   (c) eth_blockNumber and a batch of 10 eth_getBalance, POSTed through /rpc/{networkId} with the
//       API key vs straight to the node's anvil (nodes.rpc_url), alternated in rounds with
//       autocannon at 1 connection (latency alone) and at --connections (under load).
// Every network is deleted through the API at the end; any anvil of this run's DATA_DIR still
// alive after that (or after Ctrl-C) is killed, and the DATA_DIR and database are removed.
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { benchOptions, numberOption, rejectUnknown } from '../lib/options';
import { WORKSPACE, exit, installCleanup, onCleanup } from '../lib/processes';
import { profileRounds } from '../lib/profile';
import { machineInfo, printJsonLine } from '../lib/report';
import { startPlatformServer, type PlatformServer } from '../lib/servers';
import { fmt, median, quantileSorted, round, table } from '../lib/stats';
import { call, provisionTenant } from '../lib/tenant';
import { cmdlineOf, cpuMicrosOf, mb, pidsMatching, rssBytes } from './procfs';
import { runPostRounds, summarizePost, type PostRound, type PostSummary, type PostTarget } from './rpc-load';

const ENTRY = 'bench/provisioning/platform-server.ts';
const NETWORK_QUOTA = 50;
const RUN_DIR = /tmp\/bench-data\/provisioning-(\d+)-[0-9a-f]+\//;
const log = (line: string) => process.stderr.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether an option was given explicitly (so this benchmark's own defaults apply otherwise). */
const given = (flag: string, variable: string) =>
  process.argv.some((arg) => arg === `--${flag}` || arg.startsWith(`--${flag}=`)) || Boolean(process.env[variable]);

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Kills anvils left by runs of this benchmark that were killed before they could clean up. */
function killAbandonedAnvils() {
  for (const pid of pidsMatching(RUN_DIR)) {
    const owner = Number(RUN_DIR.exec(cmdlineOf(pid))?.[1]);
    if (owner && owner !== process.pid && !isAlive(owner) && /anvil/.test(cmdlineOf(pid))) {
      log(`killing anvil ${pid}, left by an earlier run (${owner}) that did not clean up`);
      process.kill(pid, 'SIGKILL');
    }
  }
}

interface NetworkView {
  id: string;
  status: string;
  statusReason: string | null;
  registryAddress: string | null;
}

interface StepTimes {
  /** Operation row created -> a worker picked it up. */
  queueMs: number;
  startNodesMs: number;
  deployRegistryMs: number;
  finishMs: number;
}

interface Creation extends StepTimes {
  networkId: string;
  /** Client: POST sent -> 201 received. */
  postMs: number;
  /** Client: POST sent -> seen RUNNING with a registry address (polling, see POLL_MS). */
  runningMs: number;
}

const asNetwork = (value: unknown): NetworkView => value as NetworkView;

/** Step durations of a CREATE operation, from its row (timestamps of the platform's clock = ours). */
async function stepTimes(pg: Client, networkIds: readonly string[]): Promise<Map<string, StepTimes>> {
  const { rows } = await pg.query<{ network_id: string; created_at: Date; started_at: Date | null; steps: { name: string; startedAt: string | null; finishedAt: string | null }[] }>(
    `SELECT network_id, created_at, started_at, steps FROM operations WHERE kind = 'CREATE' AND network_id = ANY($1)`,
    [networkIds],
  );
  const span = (steps: (typeof rows)[number]['steps'], name: string) => {
    const step = steps.find((s) => s.name === name);
    return step?.startedAt && step.finishedAt ? Date.parse(step.finishedAt) - Date.parse(step.startedAt) : Number.NaN;
  };
  return new Map(
    rows.map((r) => [
      r.network_id,
      {
        queueMs: r.started_at ? r.started_at.getTime() - r.created_at.getTime() : Number.NaN,
        startNodesMs: span(r.steps, 'start-nodes'),
        deployRegistryMs: span(r.steps, 'deploy-registry'),
        finishMs: span(r.steps, 'finish'),
      },
    ]),
  );
}

const POLL_MS = 25;

async function createOne(baseUrl: string, apiKey: string, name: string): Promise<{ networkId: string; postMs: number; runningMs: number }> {
  const started = performance.now();
  const created = await call(baseUrl, 'POST', '/v1/networks', { token: apiKey, body: { name, protocol: 'dev' } });
  const postMs = performance.now() - started;
  const networkId = asNetwork(created.network).id;
  for (;;) {
    const network = asNetwork(await call(baseUrl, 'GET', `/v1/networks/${networkId}`, { token: apiKey }));
    if (network.status === 'RUNNING' && network.registryAddress) return { networkId, postMs, runningMs: performance.now() - started };
    if (network.status === 'FAILED') throw new Error(`network ${networkId} FAILED: ${network.statusReason}`);
    if (performance.now() - started > 120_000) throw new Error(`network ${networkId} not RUNNING after 120 s (${network.status})`);
    await sleep(POLL_MS);
  }
}

async function listNetworks(baseUrl: string, apiKey: string): Promise<NetworkView[]> {
  const page = await call(baseUrl, 'GET', '/v1/networks', { token: apiKey });
  return (page.items as unknown[]).map(asNetwork);
}

/**
 * Deletes networks through the API and waits until the list no longer shows them. A network whose
 * DELETE operation finished but which is not DELETED was brought back by something else (the node
 * health monitor, see README): it is deleted again, and counted.
 */
async function deleteNetworks(baseUrl: string, apiKey: string, db: Client, ids: readonly string[]): Promise<{ seconds: number; deletedAgain: string[] }> {
  const started = performance.now();
  const deletedAgain: string[] = [];
  await Promise.all(ids.map((id) => call(baseUrl, 'POST', `/v1/networks/${id}/delete`, { token: apiKey, expect: 202 })));
  const wanted = new Set(ids);
  for (;;) {
    const left = (await listNetworks(baseUrl, apiKey)).filter((n) => wanted.has(n.id));
    if (left.length === 0) return { seconds: (performance.now() - started) / 1000, deletedAgain };
    if (performance.now() - started > 120_000) throw new Error(`${left.length} network(s) not deleted after 120 s: ${JSON.stringify(left)}`);
    const { rows } = await db.query<{ id: string; status: string }>(
      `SELECT n.id, n.status FROM networks n WHERE n.id = ANY($1) AND n.status <> 'DELETED'
         AND NOT EXISTS (SELECT 1 FROM operations o WHERE o.network_id = n.id AND o.status IN ('QUEUED', 'RUNNING'))`,
      [left.map((n) => n.id)],
    );
    for (const row of rows) {
      log(`  !! ${row.id} is ${row.status} although its DELETE operation finished: deleting it again`);
      deletedAgain.push(row.id);
      await call(baseUrl, 'POST', `/v1/networks/${row.id}/delete`, { token: apiKey, expect: 202 });
    }
    await sleep(100);
  }
}

/** The node of each network: its anvil's URL and pid (checked to be an anvil of this run's DATA_DIR). */
async function nodesOf(pg: Client, networkIds: readonly string[], dataDir: string) {
  const { rows } = await pg.query<{ network_id: string; rpc_url: string | null; pid: string | null }>(
    `SELECT network_id, rpc_url, runtime->>'pid' AS pid FROM nodes WHERE network_id = ANY($1) AND status <> 'REMOVED'`,
    [networkIds],
  );
  return rows.map((r) => {
    const pid = Number(r.pid);
    if (!r.rpc_url || !pid || !cmdlineOf(pid).includes(dataDir)) throw new Error(`node of ${r.network_id}: no live anvil of this run (pid ${r.pid}, url ${r.rpc_url})`);
    return { networkId: r.network_id, rpcUrl: r.rpc_url, pid };
  });
}

const stats = (values: readonly number[]) => {
  const sorted = [...values].filter(Number.isFinite).sort((a, b) => a - b);
  return { median: round(median(sorted)), p90: round(quantileSorted(sorted, 0.9)), max: round(sorted[sorted.length - 1] ?? Number.NaN) };
};

async function rpcSanity(url: string, headers: Record<string, string>, body: string): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers, body });
  const json: unknown = await res.json();
  const replies = Array.isArray(json) ? json : [json];
  if (res.status !== 200 || replies.some((r) => typeof r !== 'object' || r === null || !('result' in r)))
    throw new Error(`${url}: expected JSON-RPC results, got ${res.status} ${JSON.stringify(json).slice(0, 300)}`);
  return replies.map((r: { result: unknown }) => r.result);
}

async function main() {
  const options = benchOptions();
  if (!options.quick && !given('duration', 'BENCH_DURATION')) options.durationSec = 5;
  if (!given('connections', 'BENCH_CONNECTIONS')) options.connections = 10;
  const sequential = Math.round(numberOption(options.rest, 'sequential', 'BENCH_SEQUENTIAL', options.quick ? 3 : 10));
  const concurrent = Math.round(numberOption(options.rest, 'networks', 'BENCH_NETWORKS', options.quick ? 10 : 20));
  const idleSec = numberOption(options.rest, 'idle', 'BENCH_IDLE', options.quick ? 3 : 5);
  rejectUnknown(options.rest);
  // The first sequential network stays up for (c) while the concurrent ones are created.
  if (concurrent + 1 > NETWORK_QUOTA) throw new Error(`--networks must be at most ${NETWORK_QUOTA - 1} (the tenant's quota is ${NETWORK_QUOTA}, one network stays up)`);

  const machine = machineInfo();
  log(
    `${machine.date}  node ${machine.node}  ${machine.cores} cores (${machine.cpu})  load avg ${machine.loadAverage1m}  commit ${machine.gitCommit ?? '?'}${machine.gitDirty ? '+dirty' : ''}`,
  );
  installCleanup();
  killAbandonedAnvils();
  const dataDir = `tmp/bench-data/provisioning-${process.pid}-${randomBytes(4).toString('hex')}`;
  const absDataDir = resolve(WORKSPACE, dataDir);
  const killOurAnvils = () => {
    const pids = pidsMatching(`${absDataDir}/`).filter((pid) => /anvil/.test(cmdlineOf(pid)));
    for (const pid of pids) process.kill(pid, 'SIGKILL');
    return pids.length;
  };
  // On Ctrl-C this runs after the platform child is stopped (the anvils are detached: they would outlive it).
  const removeDataDir = onCleanup(async () => {
    killOurAnvils();
    await rm(absDataDir, { recursive: true, force: true });
  });

  let platform: PlatformServer | undefined;
  let db: Client | undefined;
  try {
    platform = await startPlatformServer({ entry: ENTRY, env: { DATA_DIR: `./${dataDir}`, NOTARY_NETWORK: 'off', NODE_OPTIONS: '--expose-gc' } });
    const url = platform.server.url;
    const platformPid = platform.server.pid;
    db = new Client({ connectionString: platform.databaseUrl });
    await db.connect();

    const tenant = await provisionTenant(url, platform.admin, { scopes: ['networks:read', 'networks:write', 'rpc'] });
    const admin = await call(url, 'POST', '/v1/sessions', { body: platform.admin });
    await call(url, 'PATCH', `/v1/admin/tenants/${tenant.tenantId}`, {
      token: String(admin.token),
      body: { quotaOverrides: { requestsPerSecondPerKey: 1_000_000, networks: NETWORK_QUOTA } },
    });
    const limits = (await call(url, 'GET', '/v1/tenant', { token: tenant.sessionToken })).limits as Record<string, number>;
    if (limits.networks !== NETWORK_QUOTA) throw new Error(`the tenant's network quota is ${limits.networks}, not ${NETWORK_QUOTA}`);
    const key = tenant.apiKey;
    const server = platform.server;
    /** The platform's RSS as it is, then its live heap and RSS after a full collection. */
    const memory = async () => {
      const rss = rssBytes(platformPid);
      const collected = await server.request<NodeJS.MemoryUsage>('gc');
      return { rssMb: round(mb(rss)), heapUsedAfterGcMb: round(mb(collected.heapUsed)), rssAfterGcMb: round(mb(rssBytes(platformPid))) };
    };
    const memoryAtStart = await memory();

    // (a) Sequential creations.
    log(`\n(a) ${sequential} dev networks, one after the other`);
    const seq: Creation[] = [];
    for (let i = 0; i < sequential; i++) {
      const created = await createOne(url, key, `seq-${i}`);
      const steps = (await stepTimes(db, [created.networkId])).get(created.networkId);
      if (!steps) throw new Error(`no CREATE operation for ${created.networkId}`);
      seq.push({ ...created, ...steps });
      log(
        `  ${i + 1}/${sequential} ${created.networkId}: RUNNING after ${fmt(created.runningMs / 1000)} s (POST ${fmt(created.postMs)} ms, queue ${fmt(steps.queueMs)} ms, start-nodes ${fmt(steps.startNodesMs)} ms, deploy-registry ${fmt(steps.deployRegistryMs)} ms)`,
      );
    }
    const kept = seq[0].networkId;
    const deleteSeq = await deleteNetworks(url, key, db, seq.slice(1).map((c) => c.networkId));

    const memoryAfterSequential = await memory();

    // (c) RPC gateway vs the node, on the first network, with no other network up.
    const [node] = await nodesOf(db, [kept], absDataDir);
    const gatewayUrl = `${url}/rpc/${kept}`;
    const json = { 'content-type': 'application/json' };
    const authed = { ...json, authorization: `Bearer ${key}` };
    const single = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: [] });
    const batch = JSON.stringify(
      Array.from({ length: 10 }, (_, i) => ({ jsonrpc: '2.0', id: i + 1, method: 'eth_getBalance', params: [`0x${randomBytes(20).toString('hex')}`, 'latest'] })),
    );
    for (const body of [single, batch]) {
      const [direct, through] = [await rpcSanity(node.rpcUrl, json, body), await rpcSanity(gatewayUrl, authed, body)];
      if (JSON.stringify(direct) !== JSON.stringify(through)) throw new Error(`the gateway and the node disagree: ${JSON.stringify([direct, through])}`);
    }
    const meters = { platformCpu: () => platform?.server.cpuMicros() ?? Promise.resolve(Number.NaN), anvilCpu: () => Promise.resolve(cpuMicrosOf(node.pid)) };
    const targets: PostTarget[] = [
      { name: 'direct', url: node.rpcUrl, body: single, headers: json, meters },
      { name: 'gateway', url: gatewayUrl, body: single, headers: authed, meters },
      { name: 'direct-batch10', url: node.rpcUrl, body: batch, headers: json, meters },
      { name: 'gateway-batch10', url: gatewayUrl, body: batch, headers: authed, meters },
    ];
    const levels = [...new Set([1, options.connections])];
    const rpcResults: { connections: number; results: Map<string, PostRound[]> }[] = [];
    const profiler = profileRounds([server], options.cpuProf);
    for (const connections of levels) {
      log(`\n(c) JSON-RPC, ${connections} connection(s), ${options.rounds} rounds x ${options.durationSec} s per target (warm-up ${options.warmupSec} s)`);
      rpcResults.push({ connections, results: await runPostRounds(targets, { ...options, connections }, log, connections === levels[0] ? profiler.afterWarmup : undefined) });
    }
    const profiles = await profiler.finish(20);
    const memoryBeforeBurst = await memory();

    // (b) Concurrent creations.
    log(`\n(b) ${concurrent} dev networks created at once`);
    const batchStart = performance.now();
    const posted = await Promise.all(
      Array.from({ length: concurrent }, async (_, i) => {
        const sent = performance.now();
        const created = await call(url, 'POST', '/v1/networks', { token: key, body: { name: `burst-${i}`, protocol: 'dev' } });
        return { networkId: asNetwork(created.network).id, postMs: performance.now() - sent };
      }),
    );
    const ids = posted.map((p) => p.networkId);
    const runningAt = new Map<string, number>();
    while (runningAt.size < ids.length) {
      for (const n of await listNetworks(url, key)) {
        if (!ids.includes(n.id) || runningAt.has(n.id)) continue;
        if (n.status === 'FAILED') throw new Error(`network ${n.id} FAILED: ${n.statusReason}`);
        if (n.status === 'RUNNING' && n.registryAddress) runningAt.set(n.id, performance.now() - batchStart);
      }
      if (performance.now() - batchStart > 300_000) throw new Error(`only ${runningAt.size}/${ids.length} networks RUNNING after 300 s`);
      await sleep(100);
    }
    const allUpSec = Math.max(...runningAt.values()) / 1000;
    log(`  all ${concurrent} RUNNING after ${fmt(allUpSec)} s`);
    const burstSteps = await stepTimes(db, ids);
    const nodes = await nodesOf(db, [kept, ...ids], absDataDir);
    const anvilRss = nodes.map((n) => rssBytes(n.pid));
    const memoryNetworksUp = await memory();
    // CPU while idle: anvils dump their state every second; the platform polls every node's health.
    const cpuBefore = { platform: await platform.server.cpuMicros(), anvils: nodes.map((n) => cpuMicrosOf(n.pid)) };
    const idleStart = performance.now();
    await sleep(idleSec * 1000);
    const idleWall = (performance.now() - idleStart) * 1000;
    const idlePlatformCpu = ((await platform.server.cpuMicros()) - cpuBefore.platform) / idleWall;
    const idleAnvilCpu = nodes.reduce((sum, n, i) => sum + cpuMicrosOf(n.pid) - cpuBefore.anvils[i], 0) / idleWall;
    const memoryAfterIdle = await memory();

    // Clean-up through the API (the normal path); leftovers are killed below and reported.
    const deleteAll = await deleteNetworks(url, key, db, [kept, ...ids]);
    const deleteAllSec = deleteAll.seconds;
    const deletedAgain = [...deleteSeq.deletedAgain, ...deleteAll.deletedAgain];
    log(`  deleted ${ids.length + 1} networks in ${fmt(deleteAllSec)} s`);

    // ---- report -------------------------------------------------------------------------------
    const out = (text = '') => process.stdout.write(`${text}\n`);
    out(
      `\nProvisioning benchmark - ${machine.date}, node ${machine.node}, ${machine.cores} cores (${machine.cpu}), load avg ${machine.loadAverage1m} at start, commit ${machine.gitCommit ?? '?'}${machine.gitDirty ? '+dirty' : ''}`,
    );

    const seqStats = {
      running: stats(seq.map((c) => c.runningMs / 1000)),
      post: stats(seq.map((c) => c.postMs)),
      queue: stats(seq.map((c) => c.queueMs)),
      startNodes: stats(seq.map((c) => c.startNodesMs)),
      deployRegistry: stats(seq.map((c) => c.deployRegistryMs)),
      finish: stats(seq.map((c) => c.finishMs)),
    };
    const goalMet = seqStats.running.max < 5;
    out(`\n(a) POST /v1/networks -> RUNNING with the registry deployed, ${sequential} sequential dev networks (client polls every ${POLL_MS} ms)`);
    out(
      table(
        ['', 'median', 'p90', 'max'],
        [
          ['POST -> RUNNING (s)', seqStats.running.median, seqStats.running.p90, seqStats.running.max],
          ['  POST -> 201 (ms)', seqStats.post.median, seqStats.post.p90, seqStats.post.max],
          ['  queued -> picked up (ms)', seqStats.queue.median, seqStats.queue.p90, seqStats.queue.max],
          ['  step start-nodes (ms)', seqStats.startNodes.median, seqStats.startNodes.p90, seqStats.startNodes.max],
          ['  step deploy-registry (ms)', seqStats.deployRegistry.median, seqStats.deployRegistry.p90, seqStats.deployRegistry.max],
          ['  step finish (ms)', seqStats.finish.median, seqStats.finish.p90, seqStats.finish.max],
        ],
      ),
    );
    out(`goal < 5 s: ${goalMet ? 'met' : 'NOT met'} (max ${fmt(seqStats.running.max)} s)`);

    const burstRunning = [...runningAt.values()].map((ms) => ms / 1000);
    const burstQueue = stats([...burstSteps.values()].map((s) => s.queueMs));
    const burstStart = stats([...burstSteps.values()].map((s) => s.startNodesMs));
    const burstDeploy = stats([...burstSteps.values()].map((s) => s.deployRegistryMs));
    const perRunning = stats(burstRunning);
    const anvilRssSum = anvilRss.reduce((a, b) => a + b, 0);
    out(`\n(b) ${concurrent} dev networks created at once (+1 from (a) still up)`);
    out(
      table(
        ['', 'median', 'p90', 'max'],
        [
          ['POST -> RUNNING per network (s)', perRunning.median, perRunning.p90, perRunning.max],
          ['  POST -> 201 (ms)', ...Object.values(stats(posted.map((p) => p.postMs)))],
          ['  queued -> picked up (ms)', burstQueue.median, burstQueue.p90, burstQueue.max],
          ['  step start-nodes (ms)', burstStart.median, burstStart.p90, burstStart.max],
          ['  step deploy-registry (ms)', burstDeploy.median, burstDeploy.p90, burstDeploy.max],
        ],
      ),
    );
    out(
      table(
        ['', 'value'],
        [
          [`all ${concurrent} RUNNING after (s)`, allUpSec],
          [`anvil RSS, sum of ${nodes.length} (MB)`, mb(anvilRssSum)],
          ['anvil RSS per node, median (MB)', mb(median(anvilRss))],
          [`idle CPU, ${nodes.length} anvils (% of a core)`, idleAnvilCpu * 100],
          ['idle CPU, platform (% of a core)', idlePlatformCpu * 100],
          [`delete ${nodes.length} networks through the API (s)`, deleteAllSec],
        ],
      ),
    );
    const memoryRows = [
      ['at start (tenant set up, no network)', memoryAtStart],
      [`after (a): ${sequential} created, ${sequential - 1} deleted`, memoryAfterSequential],
      ['after (c): RPC load on the 1 network up', memoryBeforeBurst],
      [`(b) ${nodes.length} networks up`, memoryNetworksUp],
      [`(b) after ${idleSec} s idle`, memoryAfterIdle],
    ] as const;
    out(
      table(
        ['platform process memory (MB)', 'RSS', 'heap used after GC', 'RSS after GC'],
        memoryRows.map(([label, m]) => [label, m.rssMb, m.heapUsedAfterGcMb, m.rssAfterGcMb]),
      ),
    );

    const rpc: { connections: number; summaries: PostSummary[]; comparisons: Record<string, unknown>[] }[] = [];
    for (const { connections, results } of rpcResults) {
      const summaries = [...results.values()].map(summarizePost);
      const by = new Map(summaries.map((s) => [s.target, s]));
      out(`\n(c) JSON-RPC through POST /rpc/{networkId} (API key) vs the node's anvil URL, ${connections} connection(s), medians of ${options.rounds} rounds x ${options.durationSec} s`);
      out(
        table(
          ['target', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'platform CPU µs/req', 'anvil CPU µs/req', 'others max', 'non-2xx'],
          summaries.map((s) => [s.target, s.rps, s.p50, s.p90, s.p99, s.perRequest.platformCpu, s.perRequest.anvilCpu, s.otherCoresMax, s.non2xx + s.errors]),
        ),
      );
      const comparisons: Record<string, unknown>[] = [];
      const rows: (string | number)[][] = [];
      for (const [call_, directName, gatewayName] of [
        ['eth_blockNumber', 'direct', 'gateway'],
        ['batch of 10 eth_getBalance', 'direct-batch10', 'gateway-batch10'],
      ] as const) {
        const d = by.get(directName);
        const g = by.get(gatewayName);
        if (!d || !g) continue;
        const perRound = (results.get(gatewayName) ?? []).map((r, i) => r.p50 / (results.get(directName)?.[i]?.p50 ?? Number.NaN));
        rows.push([call_, d.p50, g.p50, g.p50 - d.p50, g.p50 / d.p50, d.p99, g.p99, g.p99 - d.p99, g.p99 / d.p99, perRound.map((r) => fmt(r)).join(' ')]);
        comparisons.push({
          call: call_,
          p50DirectMs: round(d.p50),
          p50GatewayMs: round(g.p50),
          p50AddedMs: round(g.p50 - d.p50),
          p50Ratio: round(g.p50 / d.p50),
          p50RatioPerRound: perRound.map((r) => round(r)),
          p99DirectMs: round(d.p99),
          p99GatewayMs: round(g.p99),
          p99AddedMs: round(g.p99 - d.p99),
          p99Ratio: round(g.p99 / d.p99),
          rpsRatio: round(g.rps / d.rps),
          platformCpuMicrosPerRequest: round(g.perRequest.platformCpu),
        });
      }
      out(
        table(
          ['call', 'p50 direct', 'p50 gateway', 'added ms', 'ratio', 'p99 direct', 'p99 gateway', 'added ms', 'ratio', 'p50 ratio per round'],
          rows,
        ),
      );
      rpc.push({ connections, summaries, comparisons });
    }
    const noisy = rpcResults.flatMap((r) => [...r.results.values()].flat()).filter((r) => r.otherCores > 0.5);
    if (noisy.length)
      out(
        `\nnote: ${noisy.length} RPC rounds had > 0.5 core of other CPU (PostgreSQL and Redis, which the gateway path uses, count as "others"; so does other work on the machine): compare within the run.`,
      );

    if (deletedAgain.length)
      out(
        `\n!! ${deletedAgain.length} network(s) came back after their DELETE operation finished (the node health monitor restarted their node from a stale read) and were deleted again: ${deletedAgain.join(', ')}`,
      );
    for (const summary of profiles) out(`\n${summary}`);

    printJsonLine({
      bench: 'provisioning',
      machine,
      options: { sequential, networks: concurrent, rounds: options.rounds, durationSec: options.durationSec, warmupSec: options.warmupSec, connections: levels, idleSec },
      sequential: {
        count: sequential,
        runningSec: seqStats.running,
        postMs: seqStats.post,
        queueMs: seqStats.queue,
        startNodesMs: seqStats.startNodes,
        deployRegistryMs: seqStats.deployRegistry,
        goalUnder5s: goalMet,
        deleteSec: round(deleteSeq.seconds),
      },
      concurrent: {
        count: concurrent,
        allRunningSec: round(allUpSec),
        perNetworkRunningSec: perRunning,
        queueMs: burstQueue,
        startNodesMs: burstStart,
        deployRegistryMs: burstDeploy,
        networksUp: nodes.length,
        platformMemory: { atStart: memoryAtStart, afterSequential: memoryAfterSequential, beforeBurst: memoryBeforeBurst, networksUp: memoryNetworksUp, afterIdle: memoryAfterIdle },
        anvilRssMb: { sum: round(mb(anvilRssSum)), medianPerNode: round(mb(median(anvilRss))) },
        idleCpuCores: { anvils: round(idleAnvilCpu), platform: round(idlePlatformCpu) },
        deleteAllSec: round(deleteAllSec),
      },
      deletedAgain: deletedAgain.length,
      rpc: rpc.map((r) => ({
        connections: r.connections,
        targets: r.summaries.map((s) => ({ ...s, rps: round(s.rps), p50: round(s.p50), p90: round(s.p90), p99: round(s.p99), perRequest: Object.fromEntries(Object.entries(s.perRequest).map(([k, v]) => [k, round(v)])), otherCoresMax: round(s.otherCoresMax) })),
        comparisons: r.comparisons,
      })),
    });
  } finally {
    await db?.end().catch(() => undefined);
    await platform?.stop();
    const leftovers = killOurAnvils();
    if (leftovers) log(`!! ${leftovers} anvil(s) of this run were still running after the networks were deleted; killed`);
    await removeDataDir();
  }
}

main().then(
  () => exit(0),
  (error: unknown) => {
    log(`provisioning benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    exit(1);
  },
);
