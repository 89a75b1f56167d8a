import { idPattern } from '@chainloom/core';
import { z } from 'zod';

// Request and response contracts of the chain-service API (networks, nodes, operations,
// contracts, explorer). The API validates with them and the OpenAPI document comes from them.

const Id = (prefix: string) => z.string().regex(idPattern(prefix), `must be an id starting with ${prefix}_`);
export const NetworkIdParam = z.object({ id: Id('net') });
export const NodeParams = z.object({ id: Id('net'), nodeId: Id('nod') });
export const ContractIdParam = z.object({ id: Id('con') });
export const TransactionIdParam = z.object({ id: Id('tx') });
export const RpcParams = z.object({ networkId: Id('net') });

const Address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'a 0x-prefixed 20-byte hex address');
const Wei = z.string().regex(/^\d{1,60}$/, 'an amount of wei as a decimal string');

export const PROTOCOLS = ['dev', 'besu-qbft', 'external'] as const;
export const DRIVERS = ['local', 'kubernetes'] as const;

export const CreateNetworkBody = z
  .object({
    name: z.string().trim().min(1).max(80),
    protocol: z.enum(PROTOCOLS),
    driver: z.enum(DRIVERS).optional().describe('default: local for dev, kubernetes for besu-qbft; none for external'),
    nodeCount: z.number().int().min(1).max(64).optional().describe("default: the protocol's minimum (besu-qbft: validators plus rpcNodes)"),
    validators: z.number().int().min(1).max(16).optional().describe('besu-qbft: validators at genesis (default 4; fewer only with allowSmallValidatorSet)'),
    rpcNodes: z.number().int().min(0).max(8).optional().describe('besu-qbft: non-validating nodes that serve JSON-RPC (default 0)'),
    allowSmallValidatorSet: z
      .boolean()
      .optional()
      .describe('besu-qbft: accept fewer than 4 validators; such a network stops producing blocks when one node fails (warned in the response)'),
    blockTimeSeconds: z.number().int().min(0).max(3600).optional().describe('0 = a block per transaction (dev only)'),
    chainId: z
      .number()
      .int()
      .min(1)
      .max(2 ** 31 - 1)
      .optional()
      .describe('allocated uniquely on the platform unless given'),
    confirmations: z.number().int().min(0).max(128).optional().describe('blocks before an anchor counts as confirmed'),
    genesisAlloc: z
      .record(Address, Wei)
      .refine((r) => Object.keys(r).length <= 100, 'at most 100 genesis allocations')
      .optional(),
    rpcUrl: z.url({ protocol: /^https?$/ }).max(500).optional().describe('external networks: the RPC URL of an existing EVM chain'),
    signerPrivateKey: z
      .string()
      .regex(/^0x[0-9a-fA-F]{64}$/)
      .optional()
      .describe('external networks: import this key as your signer instead of generating one'),
  })
  .strict()
  .meta({ id: 'CreateNetworkRequest' });

export const AddNodeBody = z
  .object({
    role: z.enum(['validator', 'rpc']).default('validator').describe('besu-qbft: a validator is voted in by the others; an rpc node only follows the chain'),
  })
  .strict()
  // Optional as a whole: `POST …/nodes` without a body adds a validator.
  .default({ role: 'validator' })
  .meta({ id: 'AddNodeRequest' });

export const NodeView = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.string(),
    publicKey: z.string().nullable().describe("besu-qbft: the node's secp256k1 public key (its enode id)"),
    address: z.string().nullable().describe('besu-qbft: the address the node signs blocks with as a validator'),
    status: z.string(),
    blockNumber: z.number().nullable(),
    lastSeenAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Node' });

export const OperationStep = z.object({
  name: z.string(),
  status: z.enum(['pending', 'running', 'done', 'failed']),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
  detail: z.string().nullable(),
});
export type OperationStep = z.infer<typeof OperationStep>;

export const OperationView = z
  .object({
    id: z.string(),
    networkId: z.string(),
    kind: z.enum(['CREATE', 'ADD_NODE', 'REMOVE_NODE', 'STOP', 'START', 'DELETE', 'RESTART']),
    status: z.enum(['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED']),
    steps: z.array(OperationStep),
    attempts: z.number(),
    lastError: z.string().nullable(),
    createdAt: z.iso.datetime(),
    startedAt: z.iso.datetime().nullable(),
    finishedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Operation' });

export const NetworkView = z
  .object({
    id: z.string(),
    name: z.string(),
    protocol: z.string(),
    driver: z.string(),
    chainId: z.number(),
    blockTimeSeconds: z.number(),
    confirmations: z.number(),
    status: z.enum(['PENDING', 'PROVISIONING', 'RUNNING', 'DEGRADED', 'STOPPED', 'DELETED', 'FAILED']),
    statusReason: z.string().nullable(),
    registryAddress: z.string().nullable(),
    signerAddress: z.string().nullable().describe("your signer's address on this network (fund it on external networks)"),
    rpcEndpoint: z.string().describe('the authenticated JSON-RPC endpoint: POST with Authorization: Bearer <API key with the rpc scope>'),
    nodes: z.array(NodeView),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Network' });

export const CreatedNetworkView = z
  .object({
    network: NetworkView,
    operation: OperationView,
    warnings: z.array(z.string()).describe('what the request was allowed to do but should not, e.g. fewer than 4 validators'),
  })
  .meta({ id: 'CreatedNetwork' });
export const NetworkListQuery = z.object({
  status: z.enum(['PENDING', 'PROVISIONING', 'RUNNING', 'DEGRADED', 'STOPPED', 'DELETED', 'FAILED']).optional(),
  includeDeleted: z.enum(['true', 'false']).default('false'),
});

export const NETWORK_STATUSES = ['PENDING', 'PROVISIONING', 'RUNNING', 'DEGRADED', 'STOPPED', 'DELETED', 'FAILED'] as const;

export const NetworksByStatusView = z
  .object({
    networks: z.array(z.object({ status: z.enum(NETWORK_STATUSES), count: z.number().int().nonnegative() })).describe('every status, 0 included'),
    nodes: z.array(z.object({ status: z.string(), count: z.number().int().nonnegative() })).describe('nodes of networks not deleted, by health'),
    byDriver: z.array(z.object({ driver: z.string(), protocol: z.string(), count: z.number().int().nonnegative() })).describe('networks not deleted'),
  })
  .meta({ id: 'NetworksByStatus' });
