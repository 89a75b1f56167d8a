import { Injectable } from '@nestjs/common';
import type { Actor } from '@chainloom/auth';
import { ContractTemplates, type ContractTemplateId } from '@chainloom/contracts';
import { AppException, newId } from '@chainloom/core';
import { AuditLog, PrismaService, tenantScoped, type Prisma } from '@chainloom/db';
import { ContractFactory, Interface, type InterfaceAbi, type TransactionReceipt } from 'ethers';
import type { z } from 'zod';
import { ChainGatewayService } from './chain-gateway.service';
import type { CallBody, DeployContractBody } from './contracts.schemas';
import { toJsonValue } from './json-values';
import { NetworksService } from './networks.service';
import { ProvisioningException } from './provisioning.exception';

const contractView = (c: Prisma.ContractGetPayload<object>) => ({
  id: c.id,
  networkId: c.networkId,
  name: c.name,
  template: c.template,
  address: c.address,
  txHash: c.txHash,
  system: c.system,
  abi: c.abi as Record<string, unknown>[],
  createdAt: c.createdAt.toISOString(),
});

const receiptView = (r: TransactionReceipt | null) =>
  r ? (toJsonValue({ status: r.status, blockNumber: r.blockNumber, blockHash: r.blockHash, gasUsed: r.gasUsed, contractAddress: r.contractAddress, logs: r.logs.length }) as Record<string, unknown>) : null;

const badArguments = (error: unknown) =>
  AppException.badRequest('invalid_arguments', `The arguments do not fit the ABI: ${(error as Error).message.split(' (')[0]}`);

/**
 * The contract gateway: deploy from a template or from the user's ABI and bytecode, call read
 * functions and send write functions through REST, arguments checked against the ABI, signed by
 * the tenant's signer through the nonce manager.
 */
@Injectable()
export class ContractsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly networks: NetworksService,
    private readonly gateway: ChainGatewayService,
    private readonly audit: AuditLog,
  ) {}

  templates() {
    return Object.values(ContractTemplates).map((t) => ({ id: t.id, name: t.name, description: t.description, constructorArgs: [...t.constructorArgs], abi: t.artifact.abi as unknown as Record<string, unknown>[] }));
  }

  private async runningNetwork(tenantId: string, networkId: string) {
    const network = await this.networks.find(tenantId, networkId);
    if (network.status === 'DELETED') throw ProvisioningException.deleted();
    if (!['RUNNING', 'DEGRADED'].includes(network.status)) throw ProvisioningException.notRunning(network.status);
    return network;
  }

  async deploy(tenantId: string, networkId: string, body: z.infer<typeof DeployContractBody>, actor: Actor) {
    await this.runningNetwork(tenantId, networkId);
    const template = 'template' in body ? ContractTemplates[body.template as ContractTemplateId] : null;
    const custom = 'abi' in body ? body : null;
    const abi = (template ? template.artifact.abi : custom?.abi) as InterfaceAbi;
    const bytecode = template ? template.artifact.bytecode : (custom?.bytecode ?? '0x');
    const name = body.name ?? template?.name ?? 'Contract';
    let iface: Interface;
    try {
      iface = new Interface(abi);
    } catch (error) {
      throw AppException.badRequest('invalid_abi', `The ABI is not valid: ${(error as Error).message.split(' (')[0]}`);
    }
    const wallet = await this.gateway.signer(tenantId, networkId);
    let data: string;
    try {
      data = (await new ContractFactory(iface, bytecode, wallet).getDeployTransaction(...body.args)).data;
    } catch (error) {
      throw badArguments(error);
    }
    const sent = await this.gateway.send(wallet, { data });
    const receipt = await wallet.provider?.waitForTransaction(sent.hash, 1, 60_000);
    if (!receipt?.contractAddress || receipt.status !== 1) throw new AppException(422, 'deployment_failed', 'The deployment transaction reverted.', { txHash: sent.hash });
    const id = newId('con');
    const row = await this.prisma.$transaction(async (tx) => {
      const created = await tx.contract.create({
        data: { id, tenantId, networkId, name, template: template?.id ?? null, address: receipt.contractAddress ?? '', abi: JSON.parse(iface.formatJson()) as Prisma.InputJsonValue, txHash: sent.hash },
      });
      await tx.chainTransaction.create({ data: { id: newId('tx'), tenantId, networkId, contractId: id, method: 'deploy', hash: sent.hash, status: 'MINED', blockNumber: BigInt(receipt.blockNumber) } });
      await this.audit.append(tx, { tenantId, actor, action: 'contract.deploy', target: { type: 'contract', id }, details: { networkId, template: template?.id ?? null, address: receipt.contractAddress } });
      return created;
    });
    return contractView(row);
  }

  async list(tenantId: string, networkId: string) {
    await this.networks.find(tenantId, networkId);
    const rows = await tenantScoped(this.prisma, tenantId).contract.findMany({ where: { networkId }, orderBy: { createdAt: 'desc' }, take: 500 });
    return { items: rows.map(contractView), nextCursor: null };
  }

  private async find(tenantId: string, contractId: string) {
    const row = await tenantScoped(this.prisma, tenantId).contract.findUnique({ where: { id: contractId } });
    if (!row) throw AppException.notFound('Contract');
    return row;
  }

  async get(tenantId: string, contractId: string) {
    return contractView(await this.find(tenantId, contractId));
  }

  private encode(abi: unknown, input: z.infer<typeof CallBody>) {
    const iface = new Interface(abi as InterfaceAbi);
    const fragment = iface.getFunction(input.function);
    if (!fragment) throw AppException.badRequest('unknown_function', `The contract has no function "${input.function}".`);
    try {
      return { iface, fragment, data: iface.encodeFunctionData(fragment, input.args) };
    } catch (error) {
      throw badArguments(error);
    }
  }

  /** Calls a read function (view or pure) and returns its decoded result. */
  async call(tenantId: string, contractId: string, input: z.infer<typeof CallBody>) {
    const contract = await this.find(tenantId, contractId);
    await this.runningNetwork(tenantId, contract.networkId);
    const { iface, fragment, data } = this.encode(contract.abi, input);
    if (!fragment.constant) throw AppException.badRequest('not_a_read_function', `${fragment.name} changes state; send it with /send.`);
    const wallet = await this.gateway.signer(tenantId, contract.networkId);
    try {
      const raw = await wallet.call({ to: contract.address, data });
      const result = iface.decodeFunctionResult(fragment, raw);
      return { result: toJsonValue(result.length === 1 ? result[0] : result) };
    } catch (error) {
      throw new AppException(422, 'call_reverted', `The call reverted: ${(error as Error).message.split(' (')[0]}`);
    }
  }

  /** Sends a write function from the tenant's signer; returns the transaction to poll. */
  async send(tenantId: string, contractId: string, input: z.infer<typeof CallBody>, actor: Actor) {
    const contract = await this.find(tenantId, contractId);
    await this.runningNetwork(tenantId, contract.networkId);
    const { fragment, data } = this.encode(contract.abi, input);
    const wallet = await this.gateway.signer(tenantId, contract.networkId);
    // Estimate first so a call that would revert is refused with a 422 instead of mined and failed.
    try {
      await wallet.estimateGas({ to: contract.address, data, value: input.value ? BigInt(input.value) : undefined });
    } catch (error) {
      throw new AppException(422, 'transaction_would_revert', `The transaction would revert: ${(error as Error).message.split(' (')[0]}`);
    }
    const sent = await this.gateway.send(wallet, { to: contract.address, data, value: input.value ? BigInt(input.value) : undefined });
    const id = newId('tx');
    const row = await this.prisma.$transaction(async (tx) => {
      const created = await tx.chainTransaction.create({ data: { id, tenantId, networkId: contract.networkId, contractId, method: fragment.format(), hash: sent.hash } });
      await this.audit.append(tx, { tenantId, actor, action: 'contract.send', target: { type: 'contract', id: contractId }, details: { method: fragment.format(), txHash: sent.hash } });
      return created;
    });
    return this.transactionView(row, null);
  }

  /** A transaction's status; a pending one is looked up on chain and updated. */
  async transaction(tenantId: string, transactionId: string) {
    let row = await tenantScoped(this.prisma, tenantId).chainTransaction.findUnique({ where: { id: transactionId } });
    if (!row) throw AppException.notFound('Transaction');
    const wallet = await this.gateway.signer(tenantId, row.networkId).catch(() => null);
    const receipt = wallet?.provider ? await wallet.provider.getTransactionReceipt(row.hash).catch(() => null) : null;
    if (receipt && row.status === 'PENDING') {
      row = await this.prisma.chainTransaction.update({
        where: { id: row.id },
        data: { status: receipt.status === 1 ? 'MINED' : 'REVERTED', blockNumber: BigInt(receipt.blockNumber) },
      });
    }
    return this.transactionView(row, receipt);
  }

  private transactionView(t: Prisma.ChainTransactionGetPayload<object>, receipt: TransactionReceipt | null) {
    return {
      id: t.id,
      networkId: t.networkId,
      contractId: t.contractId,
      method: t.method,
      hash: t.hash,
      status: t.status as 'PENDING' | 'MINED' | 'REVERTED',
      blockNumber: t.blockNumber === null ? null : Number(t.blockNumber),
      receipt: receiptView(receipt),
      createdAt: t.createdAt.toISOString(),
    };
  }
}
