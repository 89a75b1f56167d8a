import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, openSync } from 'node:fs';
import { copyFile, mkdir, open, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type {
  ChainDriver,
  ChainProtocol,
  NodeHealth,
  NodeRef,
  NodeRuntime,
  NodeSpec,
  NodeStartKind,
  RemoveNodeOptions,
  RunningNode,
} from './chain-driver';
import { jsonRpc } from './json-rpc.client';
import { KeyedMutex } from './keyed-mutex';
import { OrchestratorException } from './orchestrator.exception';
import { probeProcess, processesWithArg, signalProcess, sleep, waitForExit, isErrno } from './process-table';
import { PROTOCOL_CAPABILITIES } from './protocol-capabilities';

const HOST = '127.0.0.1';

/**
 * The EVM rules of every dev chain, pinned so that upgrading the anvil package does not change
 * the rules of chains that already have history (anvil's default is "latest").
 */
export const DEV_HARDFORK = 'prague';

const RECORD_VERSION = 1;
const LOG_ROTATE_BYTES = 10 * 1024 * 1024;
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
const ADDRESS_PATTERN = /^0x[0-9a-fA-F]{40}$/;
const MAX_UINT256 = (1n << 256n) - 1n;

export interface LocalDriverOptions {
  /** The anvil executable; default: the one from the `@foundry-rs/anvil-linux-amd64` package. */
  readonly anvilBinary?: string;
  /** From spawn until JSON-RPC answers (default 15 s). */
  readonly startTimeoutMs?: number;
  /** From SIGTERM until the node has dumped its state and exited, before SIGKILL (default 10 s). */
  readonly stopTimeoutMs?: number;
  /**
   * Seconds between state dumps (default 1; anvil takes whole seconds). What a kill -9 loses at
   * most. Each dump rewrites the whole chain, so long-lived busy chains may want more.
   */
  readonly stateIntervalSeconds?: number;
  /** Per health probe (default 2 s). */
  readonly rpcTimeoutMs?: number;
}

/** What `<dataDir>/nodes/<nodeId>/node.json` holds: enough to find, adopt or restart the node. */
interface NodeRecord {
  version: typeof RECORD_VERSION;
  networkId: string;
  nodeId: string;
  /** The spec the chain was created with (genesis allocations included). */
  spec: NodeSpec;
  specHash: string;
  /** Hash of the anvil arguments except the port: a different value means "restart to apply". */
  argsHash: string;
  /** Arguments of the current (or last) process, port included. */
  args: string[];
  pid: number | null;
  /** The RPC port; null between spawn and anvil's "Listening on" line. */
  port: number | null;
  /** Where the current process's output starts in anvil.log, to find its banner again. */
  logOffset: number;
  startedAt: string | null;
  stoppedAt: string | null;
  /** Genesis balances are set and durable in a state dump. */
  genesisApplied: boolean;
}

interface NodePaths {
  dir: string;
  record: string;
  state: string;
  snapshot: string;
  log: string;
}

type Inspection = 'healthy' | 'unresponsive' | 'gone';

/**
 * Runs `dev` networks as anvil processes on this machine.
 *
 * Each node is a detached anvil on a loopback port, so it outlives a platform restart; its chain
 * persists in `state.json` (anvil's `--state`, dumped every `stateIntervalSeconds` and on
 * SIGTERM). `node.json` records pid, port and arguments; `ensureNode` after a restart adopts a
 * live, answering process instead of starting a second one. See README.md for the choices.
 */
export class LocalDriver implements ChainDriver {
  readonly name = 'local' as const;
  readonly dataDir: string;
  private readonly anvilBinary: string;
  private readonly startTimeoutMs: number;
  private readonly stopTimeoutMs: number;
  private readonly stateIntervalSeconds: number;
  private readonly rpcTimeoutMs: number;
  private readonly locks = new KeyedMutex();

  constructor(dataDir: string, options: LocalDriverOptions = {}) {
    this.dataDir = resolve(dataDir);
    this.anvilBinary = options.anvilBinary ?? resolveAnvilBinary();
    this.startTimeoutMs = options.startTimeoutMs ?? 15_000;
    this.stopTimeoutMs = options.stopTimeoutMs ?? 10_000;
    this.stateIntervalSeconds = options.stateIntervalSeconds ?? 1;
    this.rpcTimeoutMs = options.rpcTimeoutMs ?? 2_000;
    if (!Number.isInteger(this.stateIntervalSeconds) || this.stateIntervalSeconds < 1) {
      throw new RangeError('stateIntervalSeconds must be a whole number of seconds, at least 1 (anvil takes no fractions)');
    }
  }

  supports(protocol: ChainProtocol): boolean {
    return PROTOCOL_CAPABILITIES[protocol].drivers.includes('local');
  }

  async ensureNode(spec: NodeSpec): Promise<NodeRuntime> {
    this.validateSpec(spec);
    return this.locks.run(spec.nodeId, () => this.ensureLocked(spec));
  }

  async stopNode(ref: NodeRef): Promise<void> {
    validateRef(ref);
    return this.locks.run(ref.nodeId, () => this.stopLocked(ref));
  }

  async removeNode(ref: NodeRef, options: RemoveNodeOptions): Promise<void> {
    validateRef(ref);
    return this.locks.run(ref.nodeId, async () => {
      await this.stopLocked(ref);
      if (!options.keepData) await rm(this.paths(ref.nodeId).dir, { recursive: true, force: true });
    });
  }

  async nodeStatus(ref: NodeRef): Promise<NodeHealth> {
    validateRef(ref);
    const checkedAt = new Date();
    const record = await this.readRecord(this.paths(ref.nodeId));
    const base = { networkId: ref.networkId, nodeId: ref.nodeId, checkedAt };
    if (!record || record.networkId !== ref.networkId) return { ...base, state: 'absent' };
    if (record.pid === null) return { ...base, state: 'down', reason: 'stopped' };
    const pid = record.pid;
    if (!this.isOurProcess(pid, this.paths(ref.nodeId))) {
      return { ...base, state: 'down', reason: 'process_exited', detail: `process ${pid} is gone` };
    }
    if (record.port === null) {
      return { ...base, state: 'down', reason: 'rpc_unreachable', pid, detail: 'starting: no RPC port yet' };
    }
    const rpcUrl = rpcUrlOf(record.port);
    try {
      const chainId = Number(await jsonRpc<string>(rpcUrl, 'eth_chainId', [], this.rpcTimeoutMs));
      if (chainId !== record.spec.chainId) {
        return {
          ...base,
          state: 'down',
          reason: 'chain_id_mismatch',
          rpcUrl,
          pid,
          chainId,
          detail: `answers chain id ${chainId}, expected ${record.spec.chainId}`,
        };
      }
      const blockNumber = Number(await jsonRpc<string>(rpcUrl, 'eth_blockNumber', [], this.rpcTimeoutMs));
      return { ...base, state: 'up', rpcUrl, pid, chainId, blockNumber };
    } catch (error) {
      return { ...base, state: 'down', reason: 'rpc_unreachable', rpcUrl, pid, detail: messageOf(error) };
    }
  }

  async listRunning(): Promise<RunningNode[]> {
    let names: string[];
    try {
      names = await readdir(join(this.dataDir, 'nodes'));
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return [];
      throw error;
    }
    const running: RunningNode[] = [];
    for (const nodeId of names.filter((name) => ID_PATTERN.test(name)).sort()) {
      const paths = this.paths(nodeId);
      const record = await this.readRecord(paths);
      if (record?.pid && record.port !== null && this.isOurProcess(record.pid, paths)) running.push(runningNode(record));
    }
    return running;
  }

  // ---- ensureNode ----------------------------------------------------------------------------

  private async ensureLocked(spec: NodeSpec): Promise<NodeRuntime> {
    const paths = this.paths(spec.nodeId);
    await mkdir(paths.dir, { recursive: true });
    let record = await this.readRecord(paths);
    const hasState = existsSync(paths.state) || existsSync(paths.snapshot);
    if (record && record.networkId !== spec.networkId) {
      throw new OrchestratorException(
        'spec_conflict',
        `Node ${spec.nodeId} already belongs to network ${record.networkId}, not ${spec.networkId}.`,
      );
    }
    if (record && record.spec.chainId !== spec.chainId && hasState) {
      throw new OrchestratorException(
        'spec_conflict',
        `Node ${spec.nodeId} has a chain with id ${record.spec.chainId}; a chain id cannot change to ${spec.chainId}.`,
      );
    }
    const args = this.anvilArgs(spec, paths);
    const argsHash = sha256(JSON.stringify(args));

    if (record?.pid) {
      const found = await this.inspect(record, paths);
      if (found === 'healthy' && record.argsHash === argsHash) {
        if (!record.genesisApplied) record = await this.applyGenesis(record, paths, Date.now() + this.startTimeoutMs);
        return { ...runningNode(record), startedFrom: 'adopted' };
      }
      // Alive with other settings (a changed block time, a platform upgrade) or wedged: stop it
      // gracefully, which dumps its state, and start again below.
      if (found !== 'gone') await this.terminate(record.pid);
      record = { ...record, pid: null, stoppedAt: new Date().toISOString() };
      await this.writeRecord(paths, record);
    }
    return this.start(spec, record, paths, args, argsHash);
  }

  /** Whether the recorded process is ours and answers with the chain id; waits for a starting one. */
  private async inspect(record: NodeRecord, paths: NodePaths): Promise<Inspection> {
    if (record.pid === null || !this.isOurProcess(record.pid, paths)) return 'gone';
    const deadline = Date.now() + this.startTimeoutMs;
    // A platform that crashed while this node was starting left no port in the record; the
    // banner in anvil.log still has it.
    const port = record.port ?? (await this.waitForBanner(paths, record.logOffset, deadline, record.pid));
    if (port === null) return 'unresponsive';
    if (record.port === null) {
      record.port = port;
      await this.writeRecord(paths, record);
    }
    return (await this.waitForRpc(rpcUrlOf(port), record.spec.chainId, deadline, record.pid)) ? 'healthy' : 'unresponsive';
  }

  private async start(
    spec: NodeSpec,
    previous: NodeRecord | null,
    paths: NodePaths,
    args: readonly string[],
    argsHash: string,
  ): Promise<NodeRuntime> {
    // A platform killed between spawning anvil and recording its pid leaves an orphan that
    // still writes this node's state file: stop it (it dumps its state) before starting anew.
    for (const orphan of processesWithArg('--state', paths.state)) await this.terminate(orphan);
    const startedFrom = await this.prepareState(paths);
    await this.rotateLog(paths);
    const deadline = Date.now() + this.startTimeoutMs;
    // Reuse the previous port so the node's URL survives a restart; fall back to a port anvil
    // picks itself (--port 0, read back from its banner), which cannot race with other programs.
    let port = previous?.port ?? 0;
    for (;;) {
      const fullArgs = [...args, '--port', String(port)];
      const { child, logOffset } = this.spawnAnvil(paths, fullArgs);
      const spawned = await spawnedPid(child);
      const record: NodeRecord = {
        version: RECORD_VERSION,
        networkId: spec.networkId,
        nodeId: spec.nodeId,
        // Genesis is history: keep the spec the chain was created with, but take new settings.
        spec: startedFrom === 'genesis' || !previous ? spec : { ...spec, genesisAlloc: previous.spec.genesisAlloc },
        specHash: sha256(stableJson(spec)),
        argsHash,
        args: fullArgs,
        pid: spawned,
        port: null,
        logOffset,
        startedAt: new Date().toISOString(),
        stoppedAt: null,
        // A chain that came back from a dump had its genesis applied before that dump was made,
        // if the previous record says so. No record at all means the platform died before it
        // wrote one (an orphan's dump): the node was never reported up, so apply genesis again.
        genesisApplied: startedFrom !== 'genesis' && (previous?.genesisApplied ?? false),
      };
      // Written before waiting, so a platform crash now leaves a record to adopt or clean up.
      await this.writeRecord(paths, record);
      const listening = await this.waitForBanner(paths, logOffset, deadline, spawned);
      if (listening === null) {
        const tail = await this.logTail(paths, logOffset);
        if (probeProcess(spawned).alive) {
          await this.terminate(spawned);
          await this.writeRecord(paths, { ...record, pid: null });
          throw new OrchestratorException('node_start_timeout', `anvil for node ${spec.nodeId} did not listen within ${this.startTimeoutMs} ms.`, tail);
        }
        await this.writeRecord(paths, { ...record, pid: null });
        if (port !== 0 && /address already in use/i.test(tail)) {
          port = 0;
          continue;
        }
        throw new OrchestratorException('node_start_failed', `anvil for node ${spec.nodeId} exited while starting.`, tail);
      }
      record.port = listening;
      await this.writeRecord(paths, record);
      if (!(await this.waitForRpc(rpcUrlOf(listening), spec.chainId, deadline, spawned))) {
        const tail = await this.logTail(paths, logOffset);
        await this.terminate(spawned);
        await this.writeRecord(paths, { ...record, pid: null });
        throw new OrchestratorException(
          'node_start_timeout',
          `anvil for node ${spec.nodeId} did not answer eth_chainId ${spec.chainId} within ${this.startTimeoutMs} ms.`,
          tail,
        );
      }
      const ready = record.genesisApplied ? record : await this.applyGenesis(record, paths, deadline + this.stateIntervalSeconds * 3_000);
      return { ...runningNode(ready), startedFrom };
    }
  }

  private anvilArgs(spec: NodeSpec, paths: NodePaths): string[] {
    return [
      '--host',
      HOST,
      '--chain-id',
      String(spec.chainId),
      '--hardfork',
      DEV_HARDFORK,
      // No pre-funded dev accounts with well-known keys in a tenant's chain: funds come only from
      // the genesis allocations.
      '--accounts',
      '0',
      // Besu networks have no CREATE2 deployer at genesis either; keep the two protocols alike.
      '--disable-default-create2-deployer',
      '--state',
      paths.state,
      '--state-interval',
      String(this.stateIntervalSeconds),
      ...(spec.blockTimeSeconds > 0 ? ['--block-time', String(spec.blockTimeSeconds)] : []),
    ];
  }

  private spawnAnvil(paths: NodePaths, args: readonly string[]): { child: ChildProcess; logOffset: number } {
    const log = openSync(paths.log, 'a');
    try {
      const logOffset = fstatSync(log).size;
      // Detached, in its own process group and with no pipes to us: the node survives the
      // platform's exit and restart, and is adopted afterwards.
      const child = spawn(this.anvilBinary, args, { cwd: paths.dir, detached: true, stdio: ['ignore', log, log] });
      child.unref();
      // A spawn failure is reported through spawnedPid; later errors (none expected) must not crash.
      child.on('error', () => undefined);
      return { child, logOffset };
    } finally {
      closeSync(log);
    }
  }

  /**
   * Decides what the node starts from. anvil writes its state file in place (not by rename), so
   * a kill during a dump can leave it truncated; each start therefore keeps a copy of the last
   * readable state as `state.prev.json` to fall back on.
   */
  private async prepareState(paths: NodePaths): Promise<Exclude<NodeStartKind, 'adopted'>> {
    if (existsSync(paths.state)) {
      if (await isJsonFile(paths.state)) {
        await atomicCopy(paths.state, paths.snapshot);
        return 'restored';
      }
      await rename(paths.state, `${paths.state}.corrupt-${Date.now()}`);
      if (existsSync(paths.snapshot) && (await isJsonFile(paths.snapshot))) {
        await atomicCopy(paths.snapshot, paths.state);
        return 'recovered-snapshot';
      }
      throw new OrchestratorException(
        'state_corrupt',
        `The chain state of the node in ${paths.dir} is unreadable and there is no snapshot; it was kept as state.json.corrupt-*.`,
      );
    }
    if (existsSync(paths.snapshot) && (await isJsonFile(paths.snapshot))) {
      await atomicCopy(paths.snapshot, paths.state);
      return 'recovered-snapshot';
    }
    return 'genesis';
  }

  /**
   * Seeds genesis balances. anvil's `--init genesis.json` would do it but conflicts with
   * `--state`, so balances are set over RPC on the first start, before the caller learns the
   * URL; the node counts as created only once the state file holds them.
   */
  private async applyGenesis(record: NodeRecord, paths: NodePaths, deadline: number): Promise<NodeRecord> {
    if (record.port === null) throw new Error('applyGenesis needs a listening node');
    const url = rpcUrlOf(record.port);
    const alloc = Object.entries(record.spec.genesisAlloc);
    for (const [address, wei] of alloc) {
      await jsonRpc(url, 'anvil_setBalance', [address, `0x${BigInt(wei).toString(16)}`], this.rpcTimeoutMs);
    }
    if (alloc.length > 0 && !(await this.checkpoint(url, paths))) await this.waitForDumpWith(paths, alloc, deadline);
    const applied = { ...record, genesisApplied: true };
    await this.writeRecord(paths, applied);
    return applied;
  }

  /**
   * Writes the node's state file now instead of at the next interval: anvil_dumpState returns
   * the same JSON as the file dump, gzipped. The rename is atomic, and anvil's next dump simply
   * rewrites the new file. False if the node cannot dump over RPC.
   */
  private async checkpoint(url: string, paths: NodePaths): Promise<boolean> {
    try {
      const dumped = await jsonRpc<string>(url, 'anvil_dumpState', [], this.rpcTimeoutMs);
      const json = gunzipSync(Buffer.from(dumped.replace(/^0x/, ''), 'hex')).toString('utf8');
      JSON.parse(json);
      const tmp = `${paths.state}.${process.pid}.tmp`;
      await writeFile(tmp, json);
      await rename(tmp, paths.state);
      return true;
    } catch {
      return false;
    }
  }

  /** Waits for a state dump that shows every genesis balance (so a kill -9 cannot lose them). */
  private async waitForDumpWith(paths: NodePaths, alloc: ReadonlyArray<readonly [string, string]>, deadline: number) {
    for (;;) {
      const dumped = await readJson(paths.state);
      if (dumped !== undefined) {
        const accounts = isObject(dumped) && isObject(dumped['accounts']) ? dumped['accounts'] : undefined;
        // If a future anvil changes the dump format, any fresh dump has to do.
        if (!accounts) return;
        const balanceOf = (address: string) => {
          const account = accounts[address.toLowerCase()];
          return isObject(account) && typeof account['balance'] === 'string' ? BigInt(account['balance']) : 0n;
        };
        if (alloc.every(([address, wei]) => balanceOf(address) === BigInt(wei))) return;
      }
      if (Date.now() > deadline) {
        throw new OrchestratorException('node_start_timeout', `No state dump with the genesis balances appeared in ${paths.state}.`);
      }
      await sleep(100);
    }
  }

  // ---- stop ------------------------------------------------------------------------------

  private async stopLocked(ref: NodeRef): Promise<void> {
    const paths = this.paths(ref.nodeId);
    const record = await this.readRecord(paths);
    if (record && record.networkId !== ref.networkId) {
      // Never stop, let alone delete, another network's node because of a mixed-up id.
      throw new OrchestratorException('spec_conflict', `Node ${ref.nodeId} belongs to network ${record.networkId}, not ${ref.networkId}.`);
    }
    if (!record || record.pid === null) return;
    if (this.isOurProcess(record.pid, paths)) await this.terminate(record.pid);
    await this.writeRecord(paths, { ...record, pid: null, stoppedAt: new Date().toISOString() });
  }

  /** SIGTERM (anvil dumps its state and exits), then SIGKILL if it hangs. */
  private async terminate(pid: number): Promise<void> {
    signalProcess(pid, 'SIGTERM');
    if (await waitForExit(pid, this.stopTimeoutMs)) return;
    signalProcess(pid, 'SIGKILL');
    await waitForExit(pid, 5_000);
  }

  // ---- helpers -----------------------------------------------------------------------------

  private paths(nodeId: string): NodePaths {
    const dir = join(this.dataDir, 'nodes', nodeId);
    return {
      dir,
      record: join(dir, 'node.json'),
      state: join(dir, 'state.json'),
      snapshot: join(dir, 'state.prev.json'),
      log: join(dir, 'anvil.log'),
    };
  }

  /** Alive, and started on this node's state file: not some program that reused a stale pid. */
  private isOurProcess(pid: number, paths: NodePaths): boolean {
    const probe = probeProcess(pid);
    if (!probe.alive) return false;
    if (probe.args === null) return true; // no /proc: the RPC chain-id check has to do
    const at = probe.args.indexOf('--state');
    return at >= 0 && probe.args[at + 1] === paths.state;
  }

  /** The port from anvil's "Listening on" line after `offset`; null if it exited or timed out. */
  private async waitForBanner(paths: NodePaths, offset: number, deadline: number, pid: number): Promise<number | null> {
    for (;;) {
      const output = await readFrom(paths.log, offset);
      const match = /Listening on [\d.]+:(\d+)/.exec(output);
      if (match) return Number(match[1]);
      if (!probeProcess(pid).alive || Date.now() > deadline) return null;
      await sleep(20);
    }
  }

  private async waitForRpc(url: string, chainId: number, deadline: number, pid: number): Promise<boolean> {
    for (;;) {
      try {
        if (Number(await jsonRpc<string>(url, 'eth_chainId', [], this.rpcTimeoutMs)) === chainId) return true;
      } catch {
        // not answering yet
      }
      if (!probeProcess(pid).alive || Date.now() > deadline) return false;
      await sleep(20);
    }
  }

  private async logTail(paths: NodePaths, offset: number): Promise<string> {
    const output = await readFrom(paths.log, offset);
    return output.split('\n').slice(-30).join('\n').slice(-4_000);
  }

  private async rotateLog(paths: NodePaths): Promise<void> {
    try {
      if ((await stat(paths.log)).size > LOG_ROTATE_BYTES) await rename(paths.log, `${paths.log}.1`);
    } catch (error) {
      if (!isErrno(error, 'ENOENT')) throw error;
    }
  }

  private async readRecord(paths: NodePaths): Promise<NodeRecord | null> {
    const value = await readJson(paths.record);
    if (!isObject(value) || value['version'] !== RECORD_VERSION) return null;
    return value as unknown as NodeRecord;
  }

  private async writeRecord(paths: NodePaths, record: NodeRecord): Promise<void> {
    const tmp = `${paths.record}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(record, null, 2) + '\n');
    await rename(tmp, paths.record);
  }

  private validateSpec(spec: NodeSpec): void {
    validateRef(spec);
    if (!this.supports(spec.protocol)) {
      throw new OrchestratorException('protocol_unsupported', `The local driver runs only "dev" networks, not "${spec.protocol}".`);
    }
    if (!Number.isSafeInteger(spec.chainId) || spec.chainId < 1) {
      throw new OrchestratorException('invalid_spec', `chainId must be a positive integer, got ${spec.chainId}.`);
    }
    if (!Number.isInteger(spec.blockTimeSeconds) || spec.blockTimeSeconds < 0) {
      throw new OrchestratorException('invalid_spec', `blockTimeSeconds must be a whole number ≥ 0, got ${spec.blockTimeSeconds}.`);
    }
    for (const [address, wei] of Object.entries(spec.genesisAlloc)) {
      if (!ADDRESS_PATTERN.test(address)) throw new OrchestratorException('invalid_spec', `Genesis address "${address}" is not a 20-byte hex address.`);
      if (!/^\d{1,78}$/.test(wei) || BigInt(wei) > MAX_UINT256) {
        throw new OrchestratorException('invalid_spec', `Genesis balance of ${address} must be a decimal wei amount below 2^256.`);
      }
    }
  }
}

/** The anvil executable from the npm package, or `anvil` on the PATH where it is not installed. */
export function resolveAnvilBinary(): string {
  try {
    return join(dirname(require.resolve('@foundry-rs/anvil-linux-amd64/package.json')), 'bin', 'anvil');
  } catch {
    return 'anvil';
  }
}

function validateRef(ref: NodeRef): void {
  // Both end up in file paths: refuse anything that could leave the data directory.
  for (const [field, value] of [['networkId', ref.networkId], ['nodeId', ref.nodeId]] as const) {
    if (!ID_PATTERN.test(value)) throw new OrchestratorException('invalid_spec', `${field} "${value}" must match ${ID_PATTERN}.`);
  }
}

/** Resolves with the pid once the OS has started the process, or rejects as binary_not_found. */
function spawnedPid(child: ChildProcess): Promise<number> {
  if (child.pid !== undefined) return Promise.resolve(child.pid);
  return new Promise((resolvePid, reject) => {
    child.once('spawn', () => resolvePid(child.pid as number));
    child.once('error', (error) =>
      reject(new OrchestratorException('binary_not_found', `Cannot run anvil (${child.spawnfile}): ${error.message}`)),
    );
  });
}

function rpcUrlOf(port: number): string {
  return `http://${HOST}:${port}`;
}

function runningNode(record: NodeRecord): RunningNode {
  if (record.pid === null || record.port === null) throw new Error(`node ${record.nodeId} is not running`);
  return {
    networkId: record.networkId,
    nodeId: record.nodeId,
    rpcUrl: rpcUrlOf(record.port),
    handle: `pid:${record.pid}`,
    pid: record.pid,
    startedAt: new Date(record.startedAt ?? Date.now()),
  };
}

async function readFrom(path: string, offset: number): Promise<string> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return '';
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const length = Math.max(0, size - offset);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, offset);
    return buffer.toString('utf8');
  } finally {
    await handle.close();
  }
}

/** The parsed file, or undefined if it is missing or not (yet, or no longer) valid JSON. */
async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

async function isJsonFile(path: string): Promise<boolean> {
  return (await readJson(path)) !== undefined;
}

async function atomicCopy(from: string, to: string): Promise<void> {
  const tmp = `${to}.${process.pid}.tmp`;
  await copyFile(from, tmp);
  await rename(tmp, to);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** JSON with sorted keys, so equal specs hash equally whatever their key order. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson(value[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
