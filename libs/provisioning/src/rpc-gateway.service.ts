import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppException, type AppConfig } from '@chainloom/core';
import { UsageMeter } from '@chainloom/db';
import { z } from 'zod';
import { ChainGatewayService } from './chain-gateway.service';
import { NetworkEventsService } from './network-events.service';
import { NetworksService } from './networks.service';
import { ProvisioningException } from './provisioning.exception';

const JsonRpcRequest = z.object({
  jsonrpc: z.literal('2.0'),
  method: z.string().min(1).max(100),
  params: z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())]).optional(),
  id: z.union([z.string().max(200), z.number(), z.null()]).optional(),
});
type JsonRpcRequest = z.infer<typeof JsonRpcRequest>;
type JsonRpcReply = { jsonrpc: '2.0'; id: string | number | null; result?: unknown; error?: { code: number; message: string } };

/**
 * The methods a tenant may call: reading the chain, estimating, sending signed transactions, and
 * log filters. An allowlist, not a denylist: nodes keep adding methods that act without a
 * signature (anvil's eth_sendUnsignedTransaction spends any account's funds), and a method we
 * have not reviewed must not reach a platform-run node.
 */
const ALLOWED_METHODS = new Set([
  'web3_clientVersion', 'web3_sha3', 'net_version', 'net_listening', 'net_peerCount',
  'eth_chainId', 'eth_blockNumber', 'eth_syncing', 'eth_protocolVersion', 'eth_gasPrice', 'eth_maxPriorityFeePerGas',
  'eth_feeHistory', 'eth_blobBaseFee', 'eth_getBalance', 'eth_getCode', 'eth_getStorageAt', 'eth_getTransactionCount',
  'eth_getProof', 'eth_call', 'eth_estimateGas', 'eth_createAccessList', 'eth_sendRawTransaction',
  'eth_getBlockByNumber', 'eth_getBlockByHash', 'eth_getBlockReceipts', 'eth_getBlockTransactionCountByNumber',
  'eth_getBlockTransactionCountByHash', 'eth_getTransactionByHash', 'eth_getTransactionByBlockNumberAndIndex',
  'eth_getTransactionByBlockHashAndIndex', 'eth_getTransactionReceipt', 'eth_getUncleCountByBlockNumber',
  'eth_getUncleCountByBlockHash', 'eth_getLogs', 'eth_newFilter', 'eth_newBlockFilter',
  'eth_newPendingTransactionFilter', 'eth_getFilterChanges', 'eth_getFilterLogs', 'eth_uninstallFilter',
]);

export const isRefusedMethod = (method: string) => !ALLOWED_METHODS.has(method);

const ROUTE_TTL_MS = 1_000;
const MAX_NODE_ANSWER_BYTES = 16 * 1024 * 1024;

async function readLimited(res: Response, limit: number): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new Error(`the node's answer is larger than ${limit} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const rpcError = (id: JsonRpcReply['id'], code: number, message: string): JsonRpcReply => ({ jsonrpc: '2.0', id, error: { code, message } });

/**
 * The authenticated JSON-RPC endpoint: checks every call of a request (single or batch), answers
 * refused or malformed calls with JSON-RPC errors in place, forwards the rest to a node of the
 * network in one request, and meters the calls. Works unchanged with ethers, Hardhat and Foundry.
 */
@Injectable()
export class RpcGatewayService implements OnModuleInit {
  /**
   * tenant/network → where to forward. Looking the network up on every call cost about 1 ms of
   * CPU (bench/provisioning); entries live a second and are dropped when the network changes.
   */
  private readonly routes = new Map<string, { status: string; rpcUrl: string | null; expires: number }>();

  constructor(
    private readonly networks: NetworksService,
    private readonly gateway: ChainGatewayService,
    private readonly usage: UsageMeter,
    private readonly events: NetworkEventsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit() {
    this.events.subscribeAll((event) => {
      if (event.type !== 'network') return;
      for (const key of this.routes.keys()) if (key.endsWith(`/${event.networkId}`)) this.routes.delete(key);
    });
  }

  /** The network's status and RPC URL for this tenant; 404 (uncached) for another tenant's id. */
  private async route(tenantId: string, networkId: string) {
    const key = `${tenantId}/${networkId}`;
    const now = Date.now();
    const cached = this.routes.get(key);
    if (cached && cached.expires > now) return cached;
    const network = await this.networks.find(tenantId, networkId);
    const access = ['RUNNING', 'DEGRADED'].includes(network.status) ? await this.gateway.network(networkId) : null;
    const entry = { status: network.status, rpcUrl: access?.rpcUrl ?? null, expires: now + ROUTE_TTL_MS };
    if (this.routes.size >= 10_000) this.routes.clear();
    this.routes.set(key, entry);
    return entry;
  }

  async handle(tenantId: string, networkId: string, body: unknown): Promise<JsonRpcReply | JsonRpcReply[]> {
    const network = await this.route(tenantId, networkId);
    if (network.status === 'DELETED') throw ProvisioningException.deleted();
    const batch = Array.isArray(body);
    const calls: unknown[] = batch ? body : [body];
    if (batch && calls.length === 0) return rpcError(null, -32600, 'empty batch');
    if (calls.length > this.config.RPC_MAX_BATCH) {
      throw AppException.badRequest('rpc_batch_too_large', `A batch may hold at most ${this.config.RPC_MAX_BATCH} calls; this one has ${calls.length}.`, { max: this.config.RPC_MAX_BATCH });
    }
    const replies: (JsonRpcReply | undefined)[] = new Array(calls.length);
    const forward: { index: number; call: JsonRpcRequest }[] = [];
    calls.forEach((raw, index) => {
      const parsed = JsonRpcRequest.safeParse(raw);
      const id = (raw as { id?: JsonRpcReply['id'] })?.id ?? null;
      if (!parsed.success) replies[index] = rpcError(typeof id === 'object' ? null : id, -32600, 'invalid request: expected {"jsonrpc":"2.0","method":…,"id":…}');
      else if (isRefusedMethod(parsed.data.method)) replies[index] = rpcError(parsed.data.id ?? null, -32601, `method ${parsed.data.method} is not available through the gateway`);
      else forward.push({ index, call: parsed.data });
    });
    if (forward.length) {
      if (!network.rpcUrl || !['RUNNING', 'DEGRADED'].includes(network.status)) throw ProvisioningException.notRunning(network.status);
      const answers = await this.post(network.rpcUrl, forward.map((f) => f.call));
      const byId = new Map(answers.map((a) => [JSON.stringify(a.id), a]));
      forward.forEach(({ index, call }, i) => {
        replies[index] = (call.id !== undefined ? byId.get(JSON.stringify(call.id)) : answers[i]) ?? rpcError(call.id ?? null, -32603, 'no answer from the node');
      });
      this.usage.addBuffered(tenantId, 'rpc_calls', forward.length);
    }
    const out = replies as JsonRpcReply[];
    return batch ? out : out[0];
  }

  private async post(rpcUrl: string, calls: JsonRpcRequest[]): Promise<JsonRpcReply[]> {
    try {
      const res = await fetch(rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(calls),
        signal: AbortSignal.timeout(30_000),
      });
      // A compromised or broken node must not make the platform buffer an unbounded answer.
      const declared = Number(res.headers.get('content-length') ?? 0);
      if (declared > MAX_NODE_ANSWER_BYTES) throw new Error(`the node's answer is too large (${declared} bytes)`);
      const text = await readLimited(res, MAX_NODE_ANSWER_BYTES);
      const json = JSON.parse(text) as JsonRpcReply | JsonRpcReply[];
      return Array.isArray(json) ? json : [json];
    } catch (error) {
      throw new AppException(502, 'node_unreachable', `No node of the network answered: ${(error as Error).message}`);
    }
  }
}
