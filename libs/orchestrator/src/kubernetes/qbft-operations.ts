import { getAddress } from 'ethers';
import { memberAddress, type BesuMember, type BesuNetworkSettings } from '../besu/besu-network';
import { checkValidatorChange, qbftVoteMajority } from '../besu/qbft-quorum';
import type { NodeHealth, NodeRef, NodeSpec } from '../chain-driver';
import { OrchestratorException } from '../orchestrator.exception';
import type { KubernetesDriver } from './kubernetes.driver';
import { KubernetesDriverException } from './kubernetes-driver.exception';

/**
 * Day-2 operations on a QBFT network, as steps the provisioning operation log can run (and run
 * again after a crash: every step first looks at the chain and skips what is already done).
 *
 * The chain, not the database, is the truth about who validates: each operation reads the
 * validator set with `qbft_getValidatorsByBlockNumber` before and after it acts.
 */

export interface QbftOperationOptions {
  /** For a whole operation (votes mined, node back, chain advanced); default 3 minutes. */
  readonly timeoutMs?: number;
  /** Progress lines for the operation log (the scenario script prints them). */
  readonly onProgress?: (message: string) => void;
}

export interface AddValidatorResult {
  readonly address: string;
  /** Validators that proposed the vote (empty when it was already a validator). */
  readonly voters: readonly string[];
  /** First block whose validator set includes the new validator. */
  readonly addedAtBlock: number;
  /** A block it proposed after joining: proof that it signs. */
  readonly proposedBlock: number;
  readonly warnings: readonly string[];
}

export interface RemoveValidatorResult {
  readonly address: string;
  readonly voters: readonly string[];
  readonly removedAtBlock: number;
  readonly warnings: readonly string[];
}

export interface RestartedNode {
  readonly nodeId: string;
  readonly role: BesuMember['role'];
  readonly tookMs: number;
  /** Head of the chain seen by the restarted node once it was back, above the head before. */
  readonly headAfter: number;
}

interface SignerMetric {
  readonly address: string;
  readonly proposedBlockCount: string;
  readonly lastProposedBlockNumber: string;
}

interface Observed {
  readonly member: BesuMember;
  readonly address: string;
  readonly health: NodeHealth;
}

export class QbftOperations {
  constructor(private readonly driver: KubernetesDriver) {}

  /**
   * Adds a validator: start the node (it syncs as a non-validator), check that the set can afford
   * the change, have the validators vote it in with `qbft_proposeValidatorVote(address, true)`,
   * wait until `qbft_getValidatorsByBlockNumber("latest")` lists it, withdraw the votes, and wait
   * until it has proposed a block (`qbft_getSignerMetrics`), i.e. it really signs.
   *
   * `spec` is the new node's NodeSpec; its network's members include it (role validator).
   */
  async addValidator(spec: NodeSpec, options: QbftOperationOptions = {}): Promise<AddValidatorResult> {
    const network = requireBesu(spec).network;
    const member = network.members.find((m) => m.nodeId === spec.nodeId);
    if (!member || member.role !== 'validator') {
      throw new OrchestratorException('invalid_spec', `Node ${spec.nodeId} must be a member of its network with role "validator".`);
    }
    const address = memberAddress(member);
    const deadline = Date.now() + (options.timeoutMs ?? 180_000);
    const say = options.onProgress ?? (() => undefined);

    say(`starting node ${spec.nodeId} (${address})`);
    await this.driver.ensureNode(spec);
    const others = validators(network).filter((v) => v.member.nodeId !== spec.nodeId);
    const observed = await this.observe(spec.networkId, others);
    const reporter = pickReporter(observed);
    let set = await this.validatorSet(spec.networkId, reporter);
    let voters: string[] = [];
    const warnings: string[] = [];
    // A block at which the set did not have it yet: the search for the change starts there.
    let before: number | null = null;

    if (!set.includes(address)) {
      before = await this.head(reporter);
      const online = observed.filter((o) => o.health.state === 'up' && set.includes(o.address));
      const check = checkValidatorChange({ kind: 'add', validators: set.length, online: online.length });
      if (!check.allowed) throw new KubernetesDriverException('validator_change_unsafe', `Cannot add validator ${address}: ${check.reason}`);
      warnings.push(...check.warnings);
      // A validator that is not in sync would count toward the quorum without contributing to it.
      await this.waitForSync(spec, reporter, deadline, say);
      voters = await this.vote(spec.networkId, online, address, true, set.length, say);
      say(`waiting for the vote to be mined`);
      set = await this.waitUntil(deadline, `validator ${address} to be voted in`, async () => {
        const now = await this.validatorSet(spec.networkId, reporter);
        return now.includes(address) ? now : null;
      });
    } else {
      say(`${address} is already a validator`);
    }
    const addedAtBlock = await this.changedAt(spec.networkId, reporter, address, true, before);
    await this.discardVotes(spec.networkId, observed, address);
    say(`voted in at block ${addedAtBlock}; waiting for it to propose a block`);
    const proposedBlock = await this.waitUntil(deadline, `validator ${address} to propose a block`, async () => {
      const metrics = await this.driver.rpcCall<SignerMetric[]>(reporter, 'qbft_getSignerMetrics', [toHex(addedAtBlock), 'latest']);
      const mine = metrics.find((m) => sameAddress(m.address, address));
      return mine && Number(mine.proposedBlockCount) > 0 ? Number(mine.lastProposedBlockNumber) : null;
    });
    say(`validator ${address} proposed block ${proposedBlock}`);
    return { address, voters, addedAtBlock, proposedBlock, warnings };
  }

  /**
   * Removes a validator: refuse if the remaining set cannot keep producing blocks (or would fall
   * below 4 without `allowUnsafe`), vote it out with `qbft_proposeValidatorVote(address, false)`,
   * wait until the set no longer lists it and the others have produced a block without it, then
   * stop the node (`removeNode`, data kept only with `keepData`).
   */
  async removeValidator(
    ref: NodeRef & { readonly network: BesuNetworkSettings },
    options: QbftOperationOptions & { readonly allowUnsafe?: boolean; readonly keepData?: boolean } = {},
  ): Promise<RemoveValidatorResult> {
    const member = ref.network.members.find((m) => m.nodeId === ref.nodeId);
    if (!member) throw new OrchestratorException('invalid_spec', `Node ${ref.nodeId} is not a member of network ${ref.networkId}.`);
    const address = memberAddress(member);
    const deadline = Date.now() + (options.timeoutMs ?? 180_000);
    const say = options.onProgress ?? (() => undefined);
    const everyone = await this.observe(ref.networkId, validators(ref.network));
    const others = everyone.filter((o) => o.member.nodeId !== ref.nodeId);
    const reporter = pickReporter(others);
    let set = await this.validatorSet(ref.networkId, reporter);
    let voters: string[] = [];
    const warnings: string[] = [];
    let before: number | null = null;

    if (set.includes(address)) {
      before = await this.head(reporter);
      const online = everyone.filter((o) => o.health.state === 'up' && set.includes(o.address));
      const check = checkValidatorChange({
        kind: 'remove',
        validators: set.length,
        online: online.length,
        targetOnline: online.some((o) => o.address === address),
        allowUnsafe: options.allowUnsafe,
      });
      if (!check.allowed) throw new KubernetesDriverException('validator_change_unsafe', `Cannot remove validator ${address}: ${check.reason}`);
      warnings.push(...check.warnings);
      // The leaving validator votes too: its proposal counts, and it is still up to include votes.
      voters = await this.vote(ref.networkId, online, address, false, set.length, say);
      say('waiting for the vote to be mined');
      set = await this.waitUntil(deadline, `validator ${address} to be voted out`, async () => {
        const now = await this.validatorSet(ref.networkId, reporter);
        return now.includes(address) ? null : now;
      });
    } else {
      say(`${address} is not a validator (any more)`);
    }
    const removedAtBlock = await this.changedAt(ref.networkId, reporter, address, false, before);
    await this.discardVotes(ref.networkId, everyone, address);
    // The remaining set must produce a block on its own before the node goes away.
    await this.waitUntil(deadline, 'the remaining validators to produce a block', async () => {
      const head = await this.head(reporter);
      return head > removedAtBlock ? head : null;
    });
    say(`voted out at block ${removedAtBlock}; stopping node ${ref.nodeId}`);
    await this.driver.removeNode(ref, { keepData: options.keepData ?? false });
    return { address, voters, removedAtBlock, warnings };
  }

  /**
   * Restarts the nodes one at a time: RPC nodes first (no effect on consensus), then validators.
   * Before each validator, checks that the others keep the quorum while it is down (else refuses,
   * unless `allowUnsafe` accepts a pause); after each, waits until the restarted node is ready and
   * its head is past the head before the restart — the chain advanced and the node is in it.
   */
  async rollingRestart(
    networkId: string,
    network: BesuNetworkSettings,
    options: QbftOperationOptions & {
      readonly allowUnsafe?: boolean;
      /** Nodes already restarted by an earlier, interrupted run of the same operation. */
      readonly skip?: ReadonlySet<string>;
      /** Called once each node is back, before the next goes down: where a caller records progress. */
      readonly onRestarted?: (nodeId: string) => Promise<void> | void;
    } = {},
  ): Promise<RestartedNode[]> {
    const say = options.onProgress ?? (() => undefined);
    const timeout = options.timeoutMs ?? 180_000;
    const order = [...network.members]
      .filter((m) => !options.skip?.has(m.nodeId))
      .sort((a, b) => (a.role === b.role ? a.nodeId.localeCompare(b.nodeId) : a.role === 'rpc' ? -1 : 1));
    const done: RestartedNode[] = [];
    for (const member of order) {
      const started = Date.now();
      const deadline = started + timeout;
      const all = await this.observe(networkId, network.members.map((m) => ({ member: m, address: memberAddress(m) })));
      const reporter = pickReporter(all.filter((o) => o.member.nodeId !== member.nodeId && o.member.role === 'validator'), false) ?? pickReporter(all);
      const set = await this.validatorSet(networkId, reporter);
      const target = all.find((o) => o.member.nodeId === member.nodeId) as Observed;
      if (set.includes(target.address)) {
        const online = all.filter((o) => o.health.state === 'up' && set.includes(o.address));
        const check = checkValidatorChange({
          kind: 'restart',
          validators: set.length,
          online: online.length,
          targetOnline: target.health.state === 'up',
          allowUnsafe: options.allowUnsafe,
        });
        if (!check.allowed) throw new KubernetesDriverException('validator_change_unsafe', `Cannot restart ${member.nodeId}: ${check.reason}`);
        check.warnings.forEach(say);
      }
      const headBefore = Math.max(0, ...all.map((o) => o.health.blockNumber ?? 0));
      say(`restarting ${member.role} ${member.nodeId} at block ${headBefore}`);
      await this.driver.restartNode({ networkId, nodeId: member.nodeId });
      const headAfter = await this.waitUntil(deadline, `${member.nodeId} to follow the chain past block ${headBefore}`, async () => {
        const head = Number(await this.driver.rpcCall<string>({ networkId, nodeId: member.nodeId }, 'eth_blockNumber'));
        return head > headBefore ? head : null;
      });
      done.push({ nodeId: member.nodeId, role: member.role, tookMs: Date.now() - started, headAfter });
      say(`${member.nodeId} is back at block ${headAfter}`);
      await options.onRestarted?.(member.nodeId);
    }
    return done;
  }

  /** Waits until the chain has produced `count` more blocks (seen from any up node). */
  async waitForBlocks(networkId: string, network: BesuNetworkSettings, count: number, options: QbftOperationOptions = {}): Promise<number> {
    const deadline = Date.now() + (options.timeoutMs ?? 180_000);
    const reporter = pickReporter(await this.observe(networkId, network.members.map((m) => ({ member: m, address: memberAddress(m) }))));
    const start = Number(await this.driver.rpcCall<string>(reporter, 'eth_blockNumber'));
    return this.waitUntil(deadline, `${count} new blocks after block ${start}`, async () => {
      const head = Number(await this.driver.rpcCall<string>(reporter, 'eth_blockNumber'));
      return head >= start + count ? head : null;
    });
  }

  // ---- internals -----------------------------------------------------------------------------

  private async observe(networkId: string, members: readonly { member: BesuMember; address: string }[]): Promise<Observed[]> {
    const healths = await Promise.all(members.map((m) => this.driver.nodeStatus({ networkId, nodeId: m.member.nodeId })));
    const heads = healths.filter((h) => h.state === 'up').map((h) => h.blockNumber ?? 0);
    const head = heads.length ? Math.max(...heads) : 0;
    // A node more than a few blocks behind does not help the quorum: it cannot sign the current height.
    return members.map((m, i) => {
      const health = healths[i];
      const behind = health.state === 'up' && head - (health.blockNumber ?? 0) > 2;
      return { ...m, health: behind ? { ...health, state: 'down' as const, reason: 'rpc_unreachable' as const, detail: 'behind the chain head' } : health };
    });
  }

  private async validatorSet(networkId: string, reporter: NodeRef, block = 'latest'): Promise<string[]> {
    const set = await this.driver.rpcCall<string[]>({ networkId, nodeId: reporter.nodeId }, 'qbft_getValidatorsByBlockNumber', [block]);
    return set.map((a) => getAddress(a));
  }

  /** Proposes the vote on every reachable validator; needs more than half of the set to succeed. */
  private async vote(networkId: string, online: readonly Observed[], address: string, add: boolean, setSize: number, say: (m: string) => void): Promise<string[]> {
    const needed = qbftVoteMajority(setSize);
    const voters: string[] = [];
    const failures: string[] = [];
    for (const voter of online) {
      try {
        await this.driver.rpcCall<boolean>({ networkId, nodeId: voter.member.nodeId }, 'qbft_proposeValidatorVote', [address, add]);
        voters.push(voter.member.nodeId);
      } catch (error) {
        failures.push(`${voter.member.nodeId}: ${(error as Error).message}`);
      }
    }
    say(`${voters.length} of ${setSize} validators proposed to ${add ? 'add' : 'remove'} ${address} (${needed} needed)`);
    if (voters.length < needed) {
      // Withdraw the votes already cast so a half-done vote does not linger and fire later.
      await this.discardVotes(networkId, online, address);
      throw new KubernetesDriverException(
        'validator_change_timeout',
        `Only ${voters.length} of ${setSize} validators accepted the vote to ${add ? 'add' : 'remove'} ${address}; ${needed} are needed. ${failures.join('; ')}`,
      );
    }
    return voters;
  }

  /**
   * Withdraws our proposals once the change has landed: a proposal stays in force until discarded,
   * and an old "add" would re-add a validator removed later (or an old "remove" drop a re-added one).
   */
  private async discardVotes(networkId: string, voters: readonly Observed[], address: string): Promise<void> {
    await Promise.all(
      voters
        .filter((v) => v.health.state === 'up')
        .map((v) => this.driver.rpcCall<boolean>({ networkId, nodeId: v.member.nodeId }, 'qbft_discardValidatorVote', [address]).catch(() => false)),
    );
  }

  private async head(reporter: NodeRef): Promise<number> {
    return Number(await this.driver.rpcCall<string>(reporter, 'eth_blockNumber'));
  }

  /**
   * The first block after `before` at which `address` is (or, with `present` false, is no longer) a
   * validator. Between `before` (where it was not so) and the head (where it is) the set changed
   * once, so a binary search finds it in O(log n) calls. With `before` null — a step resumed after
   * the change had landed — the exact block is unknown and the current head is returned: the change
   * holds from there at the latest.
   */
  private async changedAt(networkId: string, reporter: NodeRef, address: string, present: boolean, before: number | null): Promise<number> {
    let high = await this.head(reporter);
    if (before === null) return high;
    let low = before + 1;
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      const has = (await this.validatorSet(networkId, reporter, toHex(mid))).includes(address);
      if (has === present) high = mid;
      else low = mid + 1;
    }
    return high;
  }

  private async waitForSync(spec: NodeRef, reporter: NodeRef, deadline: number, say: (m: string) => void): Promise<void> {
    await this.waitUntil(deadline, `node ${spec.nodeId} to catch up with the chain`, async () => {
      const [head, mine] = await Promise.all([
        this.driver.rpcCall<string>(reporter, 'eth_blockNumber').then(Number),
        this.driver.rpcCall<string>(spec, 'eth_blockNumber').then(Number),
      ]);
      return head - mine <= 2 ? mine : null;
    });
    say(`node ${spec.nodeId} is in sync`);
  }

  private async waitUntil<T>(deadline: number, what: string, probe: () => Promise<T | null>): Promise<T> {
    let last = '';
    for (;;) {
      try {
        const value = await probe();
        if (value !== null) return value;
      } catch (error) {
        last = ` (last error: ${(error as Error).message})`;
      }
      if (Date.now() > deadline) throw new KubernetesDriverException('validator_change_timeout', `Timed out waiting for ${what}${last}.`);
      await new Promise((resolve) => setTimeout(resolve, this.driver.pollInterval));
    }
  }
}

function requireBesu(spec: NodeSpec): NonNullable<NodeSpec['besu']> {
  if (!spec.besu) throw new OrchestratorException('invalid_spec', `Node ${spec.nodeId}: a besu-qbft NodeSpec needs its besu settings.`);
  return spec.besu;
}

function validators(network: BesuNetworkSettings): { member: BesuMember; address: string }[] {
  return network.members.filter((m) => m.role === 'validator').map((member) => ({ member, address: memberAddress(member) }));
}

function pickReporter(observed: readonly Observed[]): NodeRef;
function pickReporter(observed: readonly Observed[], required: false): NodeRef | undefined;
function pickReporter(observed: readonly Observed[], required = true): NodeRef | undefined {
  const up = observed.find((o) => o.health.state === 'up');
  if (!up && required) throw new KubernetesDriverException('validator_change_unsafe', 'No node of the network answers JSON-RPC; nothing can be voted.');
  return up ? { networkId: up.health.networkId, nodeId: up.member.nodeId } : undefined;
}

const toHex = (n: number) => `0x${n.toString(16)}`;
const sameAddress = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
