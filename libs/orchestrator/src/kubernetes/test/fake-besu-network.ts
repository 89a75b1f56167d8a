import { getAddress } from 'ethers';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { qbftQuorum } from '../../besu/qbft-quorum';

/**
 * A FAKE QBFT network behind one HTTP server: each node answers JSON-RPC at `/<nodeId>` while it
 * is online (its pod exists), and refuses connections otherwise. It models what the day-2
 * operations depend on, not Besu:
 *
 * - a block is produced only while a quorum ceil(2n/3) of the current validators is online;
 * - proposers take turns over the validator set (an offline proposer is skipped, as a round change);
 * - `qbft_proposeValidatorVote` queues a node's proposal; a validator casts one queued proposal in
 *   each block it proposes; when more than half of the validators have cast the same vote, the
 *   set changes from that block on; `qbft_discardValidatorVote` withdraws a proposal;
 * - `qbft_getValidatorsByBlockNumber`, `qbft_getSignerMetrics`, `eth_blockNumber`,
 *   `net_peerCount`, `eth_chainId` answer from that state.
 *
 * No gossip, no sync: an online node is always at the head. Transactions only with an EVM
 * upstream (`forwardEvmTo`, e.g. a real anvil): every method the fake does not model is relayed
 * there, so contracts can be deployed "on" the fake network; its blocks are not the fake's blocks.
 */

export interface RecordedCall {
  readonly nodeId: string;
  readonly method: string;
  readonly params: readonly unknown[];
}

interface Block {
  readonly number: number;
  readonly proposer: string;
  /** The validator set from this block on. */
  readonly validators: readonly string[];
}

export class FakeBesuNetwork {
  readonly calls: RecordedCall[] = [];
  private readonly online = new Set<string>();
  private readonly addresses: Map<string, string>;
  private readonly blocks: Block[];
  private readonly proposals = new Map<string, Map<string, boolean>>();
  private readonly tally = new Map<string, Map<string, boolean>>();
  private server?: Server;
  private timer?: NodeJS.Timeout;
  private base = '';
  private upstream?: string;
  /** Genesis balances copied to the upstream; forwarded calls wait for it. */
  private upstreamReady: Promise<unknown> = Promise.resolve();

  constructor(
    private chainId = 0,
    nodes: readonly { readonly nodeId: string; readonly address: string }[] = [],
    genesisValidators: readonly string[] = [],
  ) {
    this.addresses = new Map(nodes.map((n) => [n.nodeId, getAddress(n.address)]));
    this.blocks = [{ number: 0, proposer: '0x0000000000000000000000000000000000000000', validators: genesisValidators.map((v) => getAddress(v)) }];
  }

  /**
   * Sets the chain from a genesis learnt later (from the cluster's ConfigMap); once, before block 1.
   * With an EVM upstream, its chain id and the genesis balances are set there too (anvil_* calls).
   */
  configure(chainId: number, genesisValidators: readonly string[], alloc: Readonly<Record<string, { balance: string }>> = {}): void {
    if (this.chainId !== 0 || this.head > 0) return;
    this.chainId = chainId;
    this.blocks[0] = { number: 0, proposer: this.blocks[0].proposer, validators: genesisValidators.map((v) => getAddress(v)) };
    const upstream = this.upstream;
    if (upstream) {
      const call = (method: string, params: unknown[]) =>
        fetch(upstream, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) });
      this.upstreamReady = (async () => {
        await call('anvil_setChainId', [chainId]);
        for (const [address, { balance }] of Object.entries(alloc)) await call('anvil_setBalance', [`0x${address.replace(/^0x/, '')}`, `0x${BigInt(balance).toString(16)}`]);
      })();
    }
  }

  /** Relays the methods the fake does not model (transactions, state) to a real EVM node. */
  forwardEvmTo(url: string): this {
    this.upstream = url;
    return this;
  }

  get configured(): boolean {
    return this.chainId !== 0;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  url(nodeId: string): string {
    return `${this.base}/${nodeId}`;
  }

  /** Adds a node the network did not know at construction (a validator being added). */
  addNode(nodeId: string, address: string): void {
    this.addresses.set(nodeId, getAddress(address));
  }

  setOnline(nodeId: string, online: boolean): void {
    if (online) this.online.add(nodeId);
    else this.online.delete(nodeId);
  }

  isOnline(nodeId: string): boolean {
    return this.online.has(nodeId);
  }

  /** Produces blocks every `ms` while a quorum is online. */
  autoMine(ms: number): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = setInterval(() => this.mine(), ms);
  }

  get head(): number {
    return this.blocks.length - 1;
  }

  validatorsAt(block = this.head): readonly string[] {
    return this.blocks[Math.min(block, this.head)].validators;
  }

  /** One block if the online validators reach the quorum; false (a stalled chain) otherwise. */
  mine(): boolean {
    const set = this.validatorsAt();
    if (set.length === 0) return false;
    const onlineValidators = set.filter((address) => [...this.online].some((id) => this.addresses.get(id) === address));
    if (onlineValidators.length < qbftQuorum(set.length)) return false;
    const next = this.head + 1;
    let proposer = set[next % set.length];
    for (let i = 0; !onlineValidators.includes(proposer); i++) proposer = set[(next + i) % set.length];
    let validators = [...set];
    const proposerNode = [...this.addresses.entries()].find(([, address]) => address === proposer)?.[0];
    const queued = proposerNode ? this.proposals.get(proposerNode) : undefined;
    // One vote per block: the first queued proposal that would change something.
    const vote = [...(queued?.entries() ?? [])].find(([target, add]) => set.includes(target) !== add);
    if (vote) {
      const [target, add] = vote;
      const votes = this.tally.get(target) ?? new Map<string, boolean>();
      votes.set(proposer, add);
      this.tally.set(target, votes);
      const agreeing = [...votes.values()].filter((v) => v === add).length;
      if (agreeing > set.length / 2) {
        validators = add ? [...set, target].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())) : set.filter((v) => v !== target);
        this.tally.delete(target);
      }
    }
    this.blocks.push({ number: next, proposer, validators });
    return true;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const nodeId = decodeURIComponent((req.url ?? '/').slice(1));
    const body = await new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
    if (!this.online.has(nodeId)) {
      // A node whose pod is gone: the connection fails, as a dead Service endpoint's would.
      req.socket.destroy();
      return;
    }
    const parsed = JSON.parse(body) as RpcCall | RpcCall[];
    res.setHeader('content-type', 'application/json');
    if (Array.isArray(parsed)) {
      // A batch (the platform's RPC gateway sends them): each call answered in order.
      res.end(JSON.stringify(await Promise.all(parsed.map((c) => this.answer(nodeId, c)))));
      return;
    }
    res.end(JSON.stringify(await this.answer(nodeId, parsed)));
  }

  private async answer(nodeId: string, call: RpcCall): Promise<unknown> {
    const params = call.params ?? [];
    this.calls.push({ nodeId, method: call.method, params });
    const reply = (result: unknown) => ({ jsonrpc: '2.0', id: call.id, result });
    const fail = (code: number, message: string) => ({ jsonrpc: '2.0', id: call.id, error: { code, message } });
    switch (call.method) {
      case 'eth_chainId':
        return reply(hex(this.chainId));
      case 'eth_blockNumber':
        return reply(hex(this.head));
      case 'net_peerCount':
        return reply(hex(Math.max(0, this.online.size - 1)));
      case 'eth_syncing':
        return reply(false);
      case 'qbft_getValidatorsByBlockNumber': {
        const block = blockOf(params[0], this.head);
        if (block > this.head) return fail(-32000, 'Block not found');
        return reply(this.validatorsAt(block).map((a) => a.toLowerCase()));
      }
      case 'qbft_proposeValidatorVote': {
        const [address, add] = params as [string, boolean];
        const mine = this.proposals.get(nodeId) ?? new Map<string, boolean>();
        mine.set(getAddress(address), add);
        this.proposals.set(nodeId, mine);
        return reply(true);
      }
      case 'qbft_discardValidatorVote': {
        this.proposals.get(nodeId)?.delete(getAddress(String(params[0])));
        return reply(true);
      }
      case 'qbft_getPendingVotes':
        return reply(Object.fromEntries(this.proposals.get(nodeId) ?? []));
      case 'qbft_getSignerMetrics': {
        const from = blockOf(params[0] ?? '0x0', this.head);
        const to = blockOf(params[1] ?? 'latest', this.head);
        const metrics = new Map<string, { count: number; last: number }>();
        for (const block of this.blocks.slice(Math.max(1, from), to + 1)) {
          const entry = metrics.get(block.proposer) ?? { count: 0, last: 0 };
          metrics.set(block.proposer, { count: entry.count + 1, last: block.number });
        }
        return reply(
          [...metrics.entries()].map(([address, m]) => ({ address: address.toLowerCase(), proposedBlockCount: hex(m.count), lastProposedBlockNumber: hex(m.last) })),
        );
      }
      default: {
        if (!this.upstream) return fail(-32601, 'Method not found');
        await this.upstreamReady;
        const relayed = await fetch(this.upstream, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(call) });
        return relayed.json();
      }
    }
  }
}

interface RpcCall {
  readonly id: number;
  readonly method: string;
  readonly params?: unknown[];
}

const hex = (n: number) => `0x${n.toString(16)}`;

function blockOf(tag: unknown, head: number): number {
  if (tag === 'latest' || tag === undefined) return head;
  if (tag === 'earliest') return 0;
  return Number(tag);
}
