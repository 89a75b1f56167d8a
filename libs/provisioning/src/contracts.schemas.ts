import { idPattern } from '@chainloom/core';
import { z } from 'zod';

const Hex = z.string().regex(/^0x([0-9a-fA-F]{2})*$/, 'hex bytes with a 0x prefix');
const Args = z.array(z.unknown()).max(32).default([]).describe('arguments in ABI order; big integers as decimal strings');

export const DeployContractBody = z
  .union([
    z.object({ template: z.enum(['anchor-registry', 'points-token']), args: Args, name: z.string().trim().min(1).max(80).optional() }).strict(),
    z
      .object({
        name: z.string().trim().min(1).max(80),
        abi: z.array(z.record(z.string(), z.unknown())).min(1).max(500),
        bytecode: Hex.refine((b) => b.length > 2 && b.length <= 2 * 48 * 1024 + 2, 'contract bytecode of at most 48 KiB'),
        args: Args,
      })
      .strict(),
  ])
  .meta({ id: 'DeployContractRequest' });

export const ContractView = z
  .object({
    id: z.string(),
    networkId: z.string(),
    name: z.string(),
    template: z.string().nullable(),
    address: z.string(),
    txHash: z.string(),
    system: z.boolean(),
    abi: z.array(z.record(z.string(), z.unknown())),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Contract' });

export const CallBody = z
  .object({
    function: z.string().min(1).max(200).describe('name or full signature, e.g. "balanceOf" or "transfer(address,uint256)"'),
    args: Args,
    value: z.string().regex(/^\d{1,60}$/).optional().describe('wei to send with a payable function'),
  })
  .strict();

export const CallResultView = z.object({ result: z.unknown() }).meta({ id: 'CallResult' });

export const TransactionView = z
  .object({
    id: z.string(),
    networkId: z.string(),
    contractId: z.string().nullable(),
    method: z.string(),
    hash: z.string(),
    status: z.enum(['PENDING', 'MINED', 'REVERTED']),
    blockNumber: z.number().nullable(),
    receipt: z.record(z.string(), z.unknown()).nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Transaction' });

export const TemplateView = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    constructorArgs: z.array(z.object({ name: z.string(), type: z.string(), description: z.string() })),
    abi: z.array(z.record(z.string(), z.unknown())),
  })
  .meta({ id: 'ContractTemplate' });

export const BlocksQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });
export const BlockParams = z.object({ id: z.string().regex(idPattern('net')), number: z.coerce.number().int().min(0) });
export const TxHashParams = z.object({ id: z.string().regex(idPattern('net')), hash: z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'a 32-byte transaction hash') });
