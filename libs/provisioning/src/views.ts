import type { Prisma } from '@chainloom/db';
import type { OperationStep } from './provisioning.schemas';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export type NetworkWithNodes = Prisma.NetworkGetPayload<{ include: { nodes: true } }>;

export const nodeView = (n: Prisma.NodeGetPayload<object>) => ({
  id: n.id,
  name: n.name,
  role: n.role,
  publicKey: n.publicKey,
  address: n.address,
  status: n.status,
  blockNumber: n.blockNumber === null ? null : Number(n.blockNumber),
  lastSeenAt: iso(n.lastSeenAt),
});

export const networkView = (n: NetworkWithNodes, signerAddress: string | null, publicUrl: string) => ({
  id: n.id,
  name: n.name,
  protocol: n.protocol,
  driver: n.driver,
  chainId: n.chainId,
  blockTimeSeconds: n.blockTimeSeconds,
  confirmations: n.confirmations,
  status: n.status,
  statusReason: n.statusReason,
  registryAddress: n.registryAddress,
  signerAddress,
  rpcEndpoint: `${publicUrl}/rpc/${n.id}`,
  nodes: n.nodes.filter((node) => node.status !== 'REMOVED').map(nodeView),
  createdAt: n.createdAt.toISOString(),
});

export const operationView = (o: Prisma.OperationGetPayload<object>) => ({
  id: o.id,
  networkId: o.networkId,
  kind: o.kind,
  status: o.status,
  steps: o.steps as OperationStep[],
  attempts: o.attempts,
  lastError: o.lastError,
  createdAt: o.createdAt.toISOString(),
  startedAt: iso(o.startedAt),
  finishedAt: iso(o.finishedAt),
});
