import type { Prisma } from '@chainloom/db';
import type { BesuNetworkSettings, BesuNodeRole, NetworkResources } from '@chainloom/orchestrator';
import { z } from 'zod';

const Quantity = z.string().regex(/^[0-9]+(\.[0-9]+)?(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/);

/**
 * `networks.besu_settings`: what a besu-qbft network fixed at creation. Parsed with zod when read
 * (a JSON column is input like any other): a malformed row fails its operation with a message
 * instead of reaching the cluster.
 */
const BesuSettingsRow = z.object({
  genesisValidators: z.array(z.string().regex(/^0x[0-9a-fA-F]{40}$/)).min(1),
  allowSmallValidatorSet: z.boolean(),
  resources: z.object({
    maxNodes: z.number().int().min(1),
    storageClassName: z.string().optional(),
    node: z.object({ cpuRequest: Quantity, cpuLimit: Quantity, memoryRequest: Quantity, memoryLimit: Quantity, storage: Quantity }),
  }),
});
export type BesuSettingsRow = z.infer<typeof BesuSettingsRow> & { readonly resources: NetworkResources };

export function besuSettingsOf(network: { id: string; besuSettings: Prisma.JsonValue }): BesuSettingsRow {
  const parsed = BesuSettingsRow.safeParse(network.besuSettings);
  if (!parsed.success) throw new Error(`network ${network.id} has no valid besu settings: ${parsed.error.issues[0]?.message ?? 'missing'}`);
  return parsed.data;
}

type NodeRow = Prisma.NodeGetPayload<object>;

/**
 * The network as every node's spec carries it: the members are the nodes that are not removed
 * (their public keys make the static-nodes list). Nodes without a public key cannot be members:
 * that is a row written by something other than the create or add-node request.
 */
export function besuNetworkOf(network: { id: string; tenantId: string; besuSettings: Prisma.JsonValue }, nodes: readonly NodeRow[]): BesuNetworkSettings {
  const settings = besuSettingsOf(network);
  return {
    tenantId: network.tenantId,
    genesisValidators: settings.genesisValidators,
    allowUnsafeValidatorCount: settings.allowSmallValidatorSet,
    resources: settings.resources,
    members: nodes
      .filter((n) => n.status !== 'REMOVED')
      .map((n) => {
        if (!n.publicKey) throw new Error(`node ${n.id} of network ${network.id} has no public key`);
        return { nodeId: n.id, role: n.role as BesuNodeRole, publicKey: n.publicKey };
      }),
  };
}
