// The chaos run: the real platform process (apps/platform/src/main.ts) on its own database, a
// PRIVATE redis-server and its own data directory, with the shared notary network on. While
// certificates are ingested (every acknowledged id recorded) and a network is provisioned and
// stopped/started, faults are injected round after round: kill -9 of the platform (then a
// restart), Redis restarted empty, PostgreSQL restarted (opt-in: it is the machine's server),
// anvil nodes killed. After each fault, recovery is timed: until the API takes a certificate
// again, and until that certificate is CONFIRMED on chain. Then the run settles and checks:
//   - every acknowledged certificate is stored, once, and ends CONFIRMED;
//   - no batch root is anchored twice on a chain, and every confirmed anchor is on the chain;
//   - every operation is in a final state;
//   - exactly one anvil process per running node, none for anything else.
// bench/chaos/run.ts runs it from the command line; tests/chaos/chaos.int-spec.ts runs a short one.
import { parseAnchoredLogs } from '@chainloom/contracts';
import { PrivateRedis, TestClient, freePort } from '@chainloom/testing';
import { JsonRpcProvider } from 'ethers';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { ChildPlatform } from '../support/child-platform';
import { PrivatePostgres } from './private-postgres';
import { isRecord, send, type RawResponse } from '../support/http';
import {
  ADMIN_PASSWORD,
  killNodeProcesses,
  nodeProcesses,
  suiteDatabase,
  workDir,
} from '../support/platform';
import { signUpTenant, type SuiteTenant } from '../support/tenants';

export const FAULTS = ['kill-platform', 'redis-restart', 'kill-anvil', 'postgres-restart'] as const;
export type FaultKind = (typeof FAULTS)[number];

export interface ChaosOptions {
  /** Fault rounds to run (at most; the time budget may end the run sooner). */
  rounds: number;
  /** Budget of the fault phase, in seconds. */
  seconds: number;
  /** Faults injected in turn. postgres-restart restarts the machine's PostgreSQL: opt-in only. */
  faults: FaultKind[];
  /** Budget for everything to reach its final state after the last fault, in seconds. */
  settleSeconds: number;
  /** Per round: how long to wait for the platform to confirm a new certificate. */
  recoveryTimeoutSeconds: number;
  ingestWorkers: number;
  /**
   * Which PostgreSQL the platform uses. `private` (default when postgres-restart is a fault):
   * a cluster of the run's own (initdb under tmp/), restarted with an immediate (crash-like)
   * stop. `machine`: the machine's server (the test template is copied); postgres-restart then
   * restarts the whole machine's cluster with pg_ctlcluster, which every other user notices.
   */
  postgres?: 'private' | 'machine';
  /** The machine's cluster for postgres-restart with postgres=machine (pg_ctlcluster VERSION NAME). */
  postgresCluster?: [string, string];
  seed?: number;
  log: (line: string) => void;
}

export interface FaultRecord {
  round: number;
  kind: FaultKind;
  /** From the fault until the API answered a certificate POST with 201. */
  apiBackMs: number | null;
  /** From the fault until a certificate posted after it was CONFIRMED on chain. */
  confirmedMs: number | null;
  error?: string;
}

export interface Invariant {
  name: string;
  ok: boolean;
  detail: string;
}

export interface ChaosReport {
  roundsPlanned: number;
  roundsRun: number;
  /** Rounds after which the platform recovered within the timeout. */
  roundsSurvived: number;
  faults: FaultRecord[];
  acknowledged: number;
  stored: number;
  confirmed: number;
  /** Stored certificates whose acknowledgement the client never received (allowed). */
  storedUnacknowledged: number;
  requests: { sent: number; acknowledged: number; retried: number; byStatus: Record<string, number> };
  operations: Record<string, number>;
  invariants: Invariant[];
  durationMs: number;
  logFile: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const hash = () => `0x${randomBytes(32).toString('hex')}`;

/** A deterministic pseudo-random sequence (mulberry32), so that a seed replays the same pauses. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const started = Date.now();
  const log = options.log;
  const rand = random(options.seed ?? 1);
  const dataDir = workDir('chaos');
  const privatePg =
    (options.postgres ?? (options.faults.includes('postgres-restart') ? 'private' : 'machine')) === 'private'
      ? await PrivatePostgres.start(join(dataDir, 'postgres'))
      : null;
  const db = privatePg
    ? { url: privatePg.url('chainloom_chaos'), migrate: true, drop: async () => undefined }
    : await suiteDatabase();
  const redis = await PrivateRedis.start();
  const logFile = join(dataDir, 'platform.log');
  const adminEmail = `admin-${randomBytes(3).toString('hex')}@example.test`;
  const platform = new ChildPlatform({
    port: await freePort(),
    logFile,
    env: {
      DATABASE_URL: db.url,
      DATABASE_CREATE: String(db.migrate),
      DATABASE_MIGRATE: String(db.migrate),
      REDIS_URL: redis.url,
      REDIS_PREFIX: 'chaos',
      DATA_DIR: dataDir,
      NOTARY_NETWORK: 'auto',
      LOG_LEVEL: process.env.CHAOS_LOG_LEVEL ?? 'info',
      PLATFORM_ADMIN_EMAIL: adminEmail,
      PLATFORM_ADMIN_PASSWORD: ADMIN_PASSWORD,
      NODE_HEALTH_INTERVAL_MS: '500',
      RECONCILE_INTERVAL_MS: '1000',
      SHUTDOWN_TIMEOUT_MS: '5000',
    },
  });
  let pg: Client | undefined;
  const acked = new Map<string, string>(); // certificate id → externalId
  const requests = { sent: 0, acknowledged: 0, retried: 0, byStatus: {} as Record<string, number> };
  const faults: FaultRecord[] = [];
  let stopLoad = false;
  const loops: Promise<void>[] = [];
  let networkId: string | null = null;
  let allHeld = false;

  const count = (status: string) => (requests.byStatus[status] = (requests.byStatus[status] ?? 0) + 1);
  const connectPg = async () => {
    for (let i = 0; ; i++) {
      const client = new Client({ connectionString: db.url });
      client.on('error', () => undefined);
      try {
        await client.connect();
        return client;
      } catch (error) {
        if (i > 100) throw error;
        await sleep(200);
      }
    }
  };
  /** A query that survives a PostgreSQL restart (reconnects and retries). */
  const query = async <R extends Record<string, unknown>>(
    text: string,
    values: unknown[] = [],
  ): Promise<R[]> => {
    for (let i = 0; ; i++) {
      try {
        pg ??= await connectPg();
        return (await pg.query<R>(text, values)).rows;
      } catch (error) {
        await pg?.end().catch(() => undefined);
        pg = undefined;
        if (i > 50) throw error;
        await sleep(200);
      }
    }
  };

  try {
    log(
      `chaos: starting the platform (${privatePg ? `private PostgreSQL on ${privatePg.port}` : "the machine's PostgreSQL"}, database ${db.migrate ? 'migrated at start-up' : 'from the test template'}, private Redis on ${redis.port}, data in ${dataDir})`,
    );
    log(`chaos: platform ready in ${await platform.start(120_000)} ms`);
    const api = new TestClient(platform.url);
    const tenant: SuiteTenant = await signUpTenant(api, await connectPg().then((c) => (pg = c)), 'Chaos', {
      plan: 'ENTERPRISE',
      quotaOverrides: { networks: 2 },
    });
    const notaryStarted = Date.now();
    await until(
      'the notary network to be RUNNING',
      60_000,
      async () =>
        (
          await query<{ n: number }>(
            `SELECT count(*)::int AS n FROM networks WHERE is_notary AND status = 'RUNNING'`,
          )
        )[0].n === 1,
    );
    log(`chaos: notary network RUNNING after ${Date.now() - notaryStarted} ms; tenant ${tenant.id}`);

    /** POST with retries under the same Idempotency-Key, as a careful client does. */
    const postCertificates = async (
      key: string,
      items: { contentHash: string; externalId: string }[],
      giveUp: () => boolean,
    ): Promise<string[] | null> => {
      const single = items.length === 1;
      for (let attempt = 0; !giveUp(); attempt++) {
        if (attempt > 0) requests.retried++;
        requests.sent++;
        let res: RawResponse;
        try {
          res = await send(
            platform.url,
            {
              method: 'POST',
              url: single ? '/v1/certificates' : '/v1/certificates/batch',
              headers: {
                authorization: `Bearer ${tenant.key}`,
                'content-type': 'application/json',
                'idempotency-key': key,
              },
              body: JSON.stringify(single ? items[0] : { items }),
            },
            15_000,
          );
        } catch {
          count('no answer');
          await sleep(200);
          continue;
        }
        count(String(res.status));
        if (res.status === 201) {
          const body = res.json;
          const ids = single
            ? [isRecord(body) ? String(body.id) : '']
            : isRecord(body) && Array.isArray(body.items)
              ? body.items.map((i) => (isRecord(i) ? String(i.id) : ''))
              : [];
          ids.forEach((id, i) => acked.set(id, items[i].externalId));
          requests.acknowledged += ids.length;
          return ids;
        }
        if (res.status >= 400 && res.status < 500 && ![408, 409, 429].includes(res.status)) {
          log(`chaos: certificate POST refused: ${res.status} ${res.text.slice(0, 200)}`);
          return null;
        }
        await sleep(200);
      }
      return null;
    };

    // Load: certificates, one or five per request, from a few workers.
    for (let w = 0; w < options.ingestWorkers; w++) {
      loops.push(
        (async () => {
          for (let n = 0; !stopLoad; n++) {
            const key = `chaos-${w}-${n}`;
            const size = n % 4 === 3 ? 5 : 1;
            await postCertificates(
              key,
              Array.from({ length: size }, (_, i) => ({ contentHash: hash(), externalId: `${key}-${i}` })),
              () => stopLoad,
            );
            await sleep(50);
          }
        })(),
      );
    }
    // Provisioning: a network created while the faults run, then stopped and started in turn.
    loops.push(
      (async () => {
        const call = async (method: string, url: string, body?: unknown) => {
          try {
            return await send(
              platform.url,
              {
                method,
                url,
                headers: {
                  authorization: `Bearer ${tenant.key}`,
                  ...(body ? { 'content-type': 'application/json' } : {}),
                },
                body: body ? JSON.stringify(body) : undefined,
              },
              15_000,
            );
          } catch {
            return null;
          }
        };
        while (!stopLoad && !networkId) {
          const res = await call('POST', '/v1/networks', { name: 'chaos-net', protocol: 'dev' });
          if (res?.status === 201 && isRecord(res.json) && isRecord(res.json.network))
            networkId = String(res.json.network.id);
          else await sleep(500);
        }
        let next: 'stop' | 'start' = 'stop';
        while (!stopLoad && networkId) {
          const res = await call('GET', `/v1/networks/${networkId}`);
          const status = res && isRecord(res.json) ? String(res.json.status) : '';
          if ((next === 'stop' && status === 'RUNNING') || (next === 'start' && status === 'STOPPED')) {
            const op = await call('POST', `/v1/networks/${networkId}/${next}`);
            if (op?.status === 202) next = next === 'stop' ? 'start' : 'stop';
          }
          await sleep(1_000);
        }
      })(),
    );

    // A supervisor, as Kubernetes or systemd would be: a platform that exits by itself is started
    // again (and the crash is reported as a failed invariant).
    let faultInProgress = false;
    let restarting = false;
    loops.push(
      (async () => {
        while (!stopLoad) {
          if (!faultInProgress && !platform.running) {
            restarting = true;
            log(
              `chaos: the platform exited by itself (${JSON.stringify(platform.crashes.at(-1))}); restarting it`,
            );
            await platform
              .start(120_000)
              .catch((error: unknown) => log(`chaos: restart failed: ${(error as Error).message}`));
            restarting = false;
          }
          await sleep(500);
        }
      })(),
    );

    // Faults.
    const deadline = Date.now() + options.seconds * 1000;
    let roundsRun = 0;
    for (let round = 1; round <= options.rounds && Date.now() < deadline; round++) {
      await sleep(1_000 + Math.floor(rand() * 2_000));
      const kind = options.faults[(round - 1) % options.faults.length];
      roundsRun = round;
      const record: FaultRecord = { round, kind, apiBackMs: null, confirmedMs: null };
      faults.push(record);
      while (restarting) await sleep(100);
      const at = Date.now();
      faultInProgress = true;
      try {
        switch (kind) {
          case 'kill-platform':
            await platform.kill();
            await platform.start(120_000);
            break;
          case 'redis-restart':
            await redis.stop();
            await redis.start();
            break;
          case 'postgres-restart': {
            if (privatePg) {
              privatePg.restart('immediate');
              break;
            }
            const [version, name] = options.postgresCluster ?? ['15', 'main'];
            execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, name, 'restart'], {
              stdio: 'ignore',
              timeout: 60_000,
            });
            break;
          }
          case 'kill-anvil':
            record.error = `killed ${killNodeProcesses(dataDir)} anvil processes`;
            break;
        }
        faultInProgress = false;
        // Recovery: a new certificate is taken, then confirmed on chain.
        const probeKey = `probe-${round}`;
        const timeout = Date.now() + options.recoveryTimeoutSeconds * 1000;
        const ids = await postCertificates(
          probeKey,
          [{ contentHash: hash(), externalId: `${probeKey}-0` }],
          () => Date.now() > timeout,
        );
        if (ids) {
          record.apiBackMs = Date.now() - at;
          const confirmed = await pollUntil(
            timeout,
            async () =>
              (
                await query<{ status: string }>(
                  'SELECT b.status FROM certificates c JOIN certificate_ingestions i ON i.id = c.ingestion_id JOIN certificate_batches b ON b.id = i.batch_id WHERE c.id = $1',
                  [ids[0]],
                )
              )[0]?.status === 'CONFIRMED',
          );
          if (confirmed) record.confirmedMs = Date.now() - at;
        }
      } catch (error) {
        record.error = `${record.error ? `${record.error}; ` : ''}${(error as Error).message}`;
      } finally {
        faultInProgress = false;
      }
      log(
        `chaos: round ${round} ${kind}: API back after ${record.apiBackMs ?? '-'} ms, a new certificate CONFIRMED after ${record.confirmedMs ?? '-'} ms${record.error ? ` (${record.error})` : ''}`,
      );
    }

    // Settle: stop the load, then wait for every acknowledged certificate and every operation.
    stopLoad = true;
    await Promise.all(loops);
    log(
      `chaos: load stopped; ${acked.size} certificates acknowledged; settling (up to ${options.settleSeconds} s)`,
    );
    const settleBy = Date.now() + options.settleSeconds * 1000;
    const ackedIds = [...acked.keys()];
    await pollUntil(settleBy, async () => {
      const [{ n }] = await query<{ n: number }>(
        `SELECT count(*)::int AS n FROM certificates c JOIN certificate_ingestions i ON i.id = c.ingestion_id JOIN certificate_batches b ON b.id = i.batch_id WHERE c.id = ANY($1) AND b.status = 'CONFIRMED'`,
        [ackedIds],
      );
      const [{ open }] = await query<{ open: number }>(
        `SELECT count(*)::int AS open FROM operations WHERE status NOT IN ('SUCCEEDED', 'FAILED')`,
      );
      const [{ down }] = await query<{ down: number }>(
        `SELECT count(*)::int AS down FROM nodes n JOIN networks w ON w.id = n.network_id WHERE w.status IN ('RUNNING', 'DEGRADED', 'PROVISIONING') AND n.status <> 'UP'`,
      );
      return n === ackedIds.length && open === 0 && down === 0;
    });
    log(
      `chaos: settled after ${Math.round((Date.now() - (settleBy - options.settleSeconds * 1000)) / 1000)} s`,
    );

    const invariants = await checkInvariants({ query, acked, dataDir, tenantId: tenant.id });
    invariants.unshift({
      name: 'the platform never exits by itself',
      ok: platform.crashes.length === 0,
      detail: platform.crashes.length
        ? `${platform.crashes.length} crash(es): ${platform.crashes.map((c) => `exit ${c.code ?? c.signal} at +${Math.round((c.at - started) / 1000)} s`).join(', ')}; see ${logFile}`
        : 'no crash',
    });
    const [{ stored }] = await query<{ stored: number }>(
      'SELECT count(*)::int AS stored FROM certificates WHERE id = ANY($1)',
      [ackedIds],
    );
    const [{ confirmed }] = await query<{ confirmed: number }>(
      `SELECT count(*)::int AS confirmed FROM certificates c JOIN certificate_ingestions i ON i.id = c.ingestion_id JOIN certificate_batches b ON b.id = i.batch_id WHERE c.id = ANY($1) AND b.status = 'CONFIRMED'`,
      [ackedIds],
    );
    const [{ total }] = await query<{ total: number }>(
      'SELECT count(*)::int AS total FROM certificates WHERE tenant_id = $1',
      [tenant.id],
    );
    allHeld = invariants.every((i) => i.ok) && faults.every((f) => f.confirmedMs !== null);
    const operations = Object.fromEntries(
      (
        await query<{ status: string; n: number }>(
          'SELECT status, count(*)::int AS n FROM operations GROUP BY status',
        )
      ).map((r) => [r.status, r.n]),
    );
    return {
      roundsPlanned: options.rounds,
      roundsRun,
      roundsSurvived: faults.filter((f) => f.confirmedMs !== null).length,
      faults,
      acknowledged: acked.size,
      stored,
      confirmed,
      storedUnacknowledged: total - stored,
      requests,
      operations,
      invariants,
      durationMs: Date.now() - started,
      logFile,
    };
  } finally {
    stopLoad = true;
    await Promise.allSettled(loops);
    await platform.stop(10_000).catch(() => undefined);
    const killed = killNodeProcesses(dataDir);
    if (killed) log(`chaos: cleaned up ${killed} anvil processes`);
    await redis.stop();
    await pg?.end().catch(() => undefined);
    privatePg?.stop();
    if (privatePg) rmSync(privatePg.dir, { recursive: true, force: true });
    // The data directory (platform.log, node state) is kept when something failed, for a look.
    if (allHeld && !process.env.CHAOS_KEEP_DATA) rmSync(dataDir, { recursive: true, force: true });
    for (let i = 0; i < 20; i++) {
      try {
        await db.drop();
        break;
      } catch {
        await sleep(500); // PostgreSQL may still be coming back
      }
    }
  }
}

async function pollUntil(deadline: number, probe: () => Promise<boolean>): Promise<boolean> {
  while (Date.now() < deadline) {
    try {
      if (await probe()) return true;
    } catch {
      // the service is down for now
    }
    await sleep(250);
  }
  return false;
}

async function until(what: string, timeoutMs: number, probe: () => Promise<boolean>): Promise<void> {
  if (!(await pollUntil(Date.now() + timeoutMs, probe)))
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

type Query = <R extends Record<string, unknown>>(text: string, values?: unknown[]) => Promise<R[]>;

async function checkInvariants(ctx: {
  query: Query;
  acked: Map<string, string>;
  dataDir: string;
  tenantId: string;
}): Promise<Invariant[]> {
  const { query, acked } = ctx;
  const ids = [...acked.keys()];
  const out: Invariant[] = [];
  const check = (name: string, problems: string[], ok: string) =>
    out.push({
      name,
      ok: problems.length === 0,
      detail: problems.length
        ? problems.slice(0, 10).join('; ') + (problems.length > 10 ? `; … (${problems.length})` : '')
        : ok,
    });

  const stored = new Set(
    (await query<{ id: string }>('SELECT id FROM certificates WHERE id = ANY($1)', [ids])).map((r) => r.id),
  );
  check(
    'every acknowledged certificate is stored',
    ids.filter((id) => !stored.has(id)).map((id) => `${id} (${acked.get(id)}) is missing`),
    `${stored.size}/${ids.length}`,
  );

  const states = await query<{ id: string; status: string | null }>(
    'SELECT c.id, b.status FROM certificates c JOIN certificate_ingestions i ON i.id = c.ingestion_id LEFT JOIN certificate_batches b ON b.id = i.batch_id WHERE c.id = ANY($1)',
    [ids],
  );
  check(
    'every acknowledged certificate ends CONFIRMED',
    states.filter((s) => s.status !== 'CONFIRMED').map((s) => `${s.id} is ${s.status ?? 'unsealed'}`),
    `${states.filter((s) => s.status === 'CONFIRMED').length}/${ids.length}`,
  );

  const dupes = await query<{ external_id: string; n: number }>(
    'SELECT external_id, count(*)::int AS n FROM certificates WHERE tenant_id = $1 GROUP BY external_id HAVING count(*) > 1',
    [ctx.tenantId],
  );
  check(
    'no certificate stored twice (Idempotency-Key across crashes)',
    dupes.map((d) => `${d.external_id} ×${d.n}`),
    'none',
  );

  const leaves = await query<{ batch_id: string; leaf_count: number; n: number }>(
    'SELECT b.id AS batch_id, b.leaf_count, count(c.id)::int AS n FROM certificate_batches b LEFT JOIN certificate_ingestions i ON i.batch_id = b.id LEFT JOIN certificates c ON c.ingestion_id = i.id GROUP BY b.id, b.leaf_count HAVING b.leaf_count <> count(c.id)',
  );
  check(
    'every batch holds exactly its leaves',
    leaves.map((l) => `${l.batch_id}: ${l.n} certificates, leaf_count ${l.leaf_count}`),
    'all batches consistent',
  );

  // On chain: the registry of every network that has anchors, read from its node.
  const targets = await query<{ network_id: string; registry_address: string; rpc_url: string }>(
    `SELECT DISTINCT ON (w.id) w.id AS network_id, w.registry_address, n.rpc_url FROM certificate_anchors a JOIN networks w ON w.id = a.network_id JOIN nodes n ON n.network_id = w.id WHERE n.rpc_url IS NOT NULL`,
  );
  const chainProblems: string[] = [];
  const missingOnChain: string[] = [];
  let events = 0;
  for (const target of targets) {
    const provider = new JsonRpcProvider(target.rpc_url, undefined, { staticNetwork: true });
    try {
      const logs = await provider.getLogs({
        address: target.registry_address,
        fromBlock: 0,
        toBlock: 'latest',
      });
      const anchored = parseAnchoredLogs(logs);
      events += anchored.length;
      const byRoot = new Map<string, number>();
      for (const e of anchored) byRoot.set(e.root.toLowerCase(), (byRoot.get(e.root.toLowerCase()) ?? 0) + 1);
      for (const [root, n] of byRoot)
        if (n > 1) chainProblems.push(`root ${root} anchored ${n}× on ${target.network_id}`);
      const confirmedAnchors = await query<{ batch_id: string; root: Buffer; tx_hash: string }>(
        `SELECT a.batch_id, b.root, a.tx_hash FROM certificate_anchors a JOIN certificate_batches b ON b.id = a.batch_id WHERE a.network_id = $1 AND a.status = 'CONFIRMED'`,
        [target.network_id],
      );
      for (const a of confirmedAnchors) {
        const root = `0x${Buffer.from(a.root).toString('hex')}`;
        const event = anchored.find((e) => e.root.toLowerCase() === root);
        if (!event)
          missingOnChain.push(
            `batch ${a.batch_id} is CONFIRMED on ${target.network_id} (tx ${a.tx_hash}) but its root is not on that chain`,
          );
        else if (event.transactionHash.toLowerCase() !== a.tx_hash.toLowerCase())
          missingOnChain.push(
            `batch ${a.batch_id}: recorded tx ${a.tx_hash}, chain has ${event.transactionHash}`,
          );
      }
    } catch (error) {
      chainProblems.push(
        `could not read ${target.network_id} at ${target.rpc_url}: ${(error as Error).message.slice(0, 120)}`,
      );
    } finally {
      provider.destroy();
    }
  }
  check(
    'no batch anchored twice on a chain',
    chainProblems,
    `${events} Anchored events on ${targets.length} chains, every root once`,
  );
  check('every confirmed anchor is on its chain, at the recorded transaction', missingOnChain, 'all found');

  const open = await query<{ id: string; kind: string; status: string }>(
    `SELECT id, kind, status FROM operations WHERE status NOT IN ('SUCCEEDED', 'FAILED')`,
  );
  const failed = await query<{ id: string; kind: string; last_error: string | null }>(
    `SELECT id, kind, last_error FROM operations WHERE status = 'FAILED'`,
  );
  check(
    'every operation is in a final state',
    open.map((o) => `${o.kind} ${o.id} is ${o.status}`),
    `all final${failed.length ? ` (${failed.length} FAILED: ${failed.map((f) => `${f.kind}: ${f.last_error?.slice(0, 80)}`).join('; ')})` : ''}`,
  );

  // Processes: exactly one anvil per node that should run, none for any other.
  const nodes = await query<{ id: string; status: string; network_status: string }>(
    `SELECT n.id, n.status, w.status AS network_status FROM nodes n JOIN networks w ON w.id = n.network_id`,
  );
  const processes = nodeProcesses(ctx.dataDir).map((pid) => ({ pid, nodeId: nodeIdOf(pid) }));
  const problems: string[] = [];
  for (const node of nodes) {
    const running = processes.filter((p) => p.nodeId === node.id).length;
    const expected =
      ['RUNNING', 'DEGRADED'].includes(node.network_status) && node.status !== 'REMOVED' ? 1 : 0;
    if (running !== expected)
      problems.push(
        `node ${node.id} (network ${node.network_status}, node ${node.status}): ${running} processes, expected ${expected}`,
      );
  }
  for (const p of processes)
    if (!nodes.some((n) => n.id === p.nodeId))
      problems.push(`anvil pid ${p.pid} serves no known node (${p.nodeId ?? 'unknown'})`);
  check(
    'no orphaned or duplicated anvil process',
    problems,
    `${processes.length} processes for ${nodes.length} nodes`,
  );
  return out;
}

/** The node id in an anvil's --state path (<dataDir>/nodes/<nodeId>/…). */
function nodeIdOf(pid: number): string | null {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    for (const a of args) {
      const m = /\/nodes\/(nod_[0-9a-z]+)\//.exec(a);
      if (m) return m[1];
    }
  } catch {
    // gone
  }
  return null;
}

export function formatChaosReport(r: ChaosReport): string {
  const lines = [
    `chaos: ${r.roundsRun}/${r.roundsPlanned} rounds run, ${r.roundsSurvived} survived (recovered and confirmed a new certificate) in ${(r.durationMs / 1000).toFixed(0)} s`,
    `certificates: ${r.acknowledged} acknowledged, ${r.stored} of them stored, ${r.confirmed} CONFIRMED; ${r.storedUnacknowledged} stored without an acknowledgement reaching the client`,
    `requests: ${r.requests.sent} sent (${r.requests.retried} retries), by answer: ${Object.entries(
      r.requests.byStatus,
    )
      .map(([k, v]) => `${k}×${v}`)
      .join(' ')}`,
    `operations: ${
      Object.entries(r.operations)
        .map(([k, v]) => `${k}×${v}`)
        .join(' ') || 'none'
    }`,
    'round  fault              API back   confirmed',
    ...r.faults.map(
      (f) =>
        `${String(f.round).padStart(5)}  ${f.kind.padEnd(17)} ${(f.apiBackMs === null ? '-' : `${f.apiBackMs} ms`).padStart(9)} ${(f.confirmedMs === null ? '-' : `${f.confirmedMs} ms`).padStart(11)}${f.error ? `  (${f.error})` : ''}`,
    ),
    'invariants:',
    ...r.invariants.map((i) => `  ${i.ok ? 'ok  ' : 'FAIL'} ${i.name}: ${i.detail}`),
    `platform log: ${existsSync(r.logFile) ? r.logFile : 'removed with the data directory (every invariant held)'}`,
  ];
  return lines.join('\n');
}
