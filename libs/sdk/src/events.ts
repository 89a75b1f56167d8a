import type { Network, NetworkNode, Operation } from './types';

/**
 * What GET /v1/networks/{id}/events streams (text/event-stream): a snapshot first, then each
 * change as it happens. Browsers read it with EventSource (cookie-authenticated).
 */
export type NetworkStreamEvent =
  | { type: 'snapshot'; data: { network: Network; operation: Operation | null } }
  | { type: 'network'; data: { status: Network['status']; statusReason: string | null; registryAddress?: string | null } }
  | { type: 'node'; data: { id: string; status: NetworkNode['status']; reason?: string; startedFrom?: string } }
  | { type: 'operation'; data: Operation };

export const NETWORK_EVENT_TYPES = ['snapshot', 'network', 'node', 'operation'] as const;

/** Parses one event's data; undefined for a type this client does not know. */
export function parseNetworkEvent(type: string, data: string): NetworkStreamEvent | undefined {
  if (!(NETWORK_EVENT_TYPES as readonly string[]).includes(type)) return undefined;
  return { type, data: JSON.parse(data) } as NetworkStreamEvent;
}

/** Applies a stream event to the network the client holds. */
export function applyNetworkEvent(network: Network, event: NetworkStreamEvent): Network {
  switch (event.type) {
    case 'snapshot':
      return event.data.network;
    case 'network':
      return {
        ...network,
        status: event.data.status,
        statusReason: event.data.statusReason,
        ...(event.data.registryAddress !== undefined ? { registryAddress: event.data.registryAddress } : {}),
      };
    case 'node':
      return { ...network, nodes: network.nodes.map((n) => (n.id === event.data.id ? { ...n, status: event.data.status } : n)) };
    case 'operation':
      return network;
  }
}
