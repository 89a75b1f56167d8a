import { Injectable } from '@nestjs/common';
import { AppException } from '@chainloom/core';
import { PrismaService, tenantScoped } from '@chainloom/db';
import { Interface, type InterfaceAbi, type Log } from 'ethers';
import { ChainGatewayService } from './chain-gateway.service';
import { toJsonValue } from './json-values';
import { NetworksService } from './networks.service';
import { ProvisioningException } from './provisioning.exception';

/** A block explorer over the network's own JSON-RPC: blocks, transactions, decoded events. */
@Injectable()
export class ExplorerService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly networks: NetworksService,
    private readonly gateway: ChainGatewayService,
  ) {}

  private async provider(tenantId: string, networkId: string) {
    const network = await this.networks.find(tenantId, networkId);
    if (!['RUNNING', 'DEGRADED'].includes(network.status)) throw ProvisioningException.notRunning(network.status);
    const wallet = await this.gateway.signer(tenantId, networkId);
    if (!wallet.provider) throw ProvisioningException.notRunning(network.status);
    return wallet.provider;
  }

  async latestBlocks(tenantId: string, networkId: string, limit: number) {
    const provider = await this.provider(tenantId, networkId);
    const head = await provider.getBlockNumber();
    const numbers = Array.from({ length: Math.min(limit, head + 1) }, (_, i) => head - i);
    const blocks = await Promise.all(numbers.map((n) => provider.getBlock(n)));
    return {
      items: blocks.filter((b) => b !== null).map((b) => ({ number: b.number, hash: b.hash, timestamp: b.timestamp, transactions: b.transactions.length, gasUsed: b.gasUsed.toString() })),
      nextCursor: null,
    };
  }

  async block(tenantId: string, networkId: string, number: number) {
    const provider = await this.provider(tenantId, networkId);
    const block = await provider.getBlock(number);
    if (!block) throw AppException.notFound('Block');
    return toJsonValue({
      number: block.number,
      hash: block.hash,
      parentHash: block.parentHash,
      timestamp: block.timestamp,
      miner: block.miner,
      gasUsed: block.gasUsed,
      gasLimit: block.gasLimit,
      baseFeePerGas: block.baseFeePerGas,
      transactions: block.transactions,
    }) as Record<string, unknown>;
  }

  /** A transaction with its receipt, its events decoded with the ABIs of the network's known contracts. */
  async transaction(tenantId: string, networkId: string, hash: string) {
    const provider = await this.provider(tenantId, networkId);
    const [tx, receipt] = await Promise.all([provider.getTransaction(hash), provider.getTransactionReceipt(hash)]);
    if (!tx) throw AppException.notFound('Transaction');
    const contracts = await tenantScoped(this.prisma, tenantId).contract.findMany({ where: { networkId } });
    const byAddress = new Map(contracts.map((c) => [c.address.toLowerCase(), { name: c.name, iface: new Interface(c.abi as InterfaceAbi) }]));
    const decode = (log: Log) => {
      const known = byAddress.get(log.address.toLowerCase());
      const parsed = known ? known.iface.parseLog({ topics: [...log.topics], data: log.data }) : null;
      return {
        address: log.address,
        logIndex: log.index,
        contract: known?.name ?? null,
        event: parsed?.name ?? null,
        args: parsed ? Object.fromEntries(parsed.fragment.inputs.map((input, i) => [input.name || String(i), toJsonValue(parsed.args[i])])) : null,
        topics: log.topics,
        data: log.data,
      };
    };
    return toJsonValue({
      hash: tx.hash,
      from: tx.from,
      to: tx.to,
      nonce: tx.nonce,
      value: tx.value,
      data: tx.data,
      blockNumber: tx.blockNumber,
      receipt: receipt ? { status: receipt.status, gasUsed: receipt.gasUsed, contractAddress: receipt.contractAddress, blockHash: receipt.blockHash } : null,
      events: receipt ? receipt.logs.map(decode) : [],
    }) as Record<string, unknown>;
  }
}
