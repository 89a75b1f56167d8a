import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { applyNetworkEvent, NETWORK_EVENT_TYPES, parseNetworkEvent, type Network, type NetworkStreamEvent, type Operation } from '@chainloom/sdk';
import { networkQuery, operationsQuery } from './queries';

export interface LiveEvent {
  at: number;
  event: NetworkStreamEvent;
}
export type StreamState = 'connecting' | 'open' | 'reconnecting';

type OperationPage = { items: Operation[]; nextCursor: string | null };

const upsert = (page: OperationPage | undefined, op: Operation): OperationPage | undefined => {
  if (!page) return page;
  const rest = page.items.filter((o) => o.id !== op.id);
  return { ...page, items: [op, ...rest].sort((a, b) => b.createdAt.localeCompare(a.createdAt)) };
};

/**
 * Follows GET /v1/networks/{id}/events (server-sent events, authenticated by the session
 * cookie) and writes each change into the query cache, so every view of the network updates as
 * the step happens. EventSource reconnects by itself; the first event after it is a snapshot.
 */
export function useNetworkEvents(id: string, enabled: boolean) {
  const client = useQueryClient();
  const [state, setState] = useState<StreamState>('connecting');
  const [log, setLog] = useState<LiveEvent[]>([]);

  useEffect(() => {
    if (!enabled) return;
    const source = new EventSource(`/v1/networks/${encodeURIComponent(id)}/events`, { withCredentials: true });
    const onEvent = (type: string) => (message: MessageEvent<string>) => {
      const event = parseNetworkEvent(type, message.data);
      if (!event) return;
      client.setQueryData<Network>(networkQuery(id).queryKey, (current) =>
        current ? applyNetworkEvent(current, event) : event.type === 'snapshot' ? event.data.network : current,
      );
      const op = event.type === 'operation' ? event.data : event.type === 'snapshot' ? event.data.operation : null;
      if (op) client.setQueryData<OperationPage>(operationsQuery(id).queryKey, (page) => upsert(page, op));
      // A finished operation changes more than the event carries (nodes, registry): refetch.
      if (event.type === 'network' || (event.type === 'operation' && (event.data.status === 'SUCCEEDED' || event.data.status === 'FAILED'))) {
        void client.invalidateQueries({ queryKey: networkQuery(id).queryKey, exact: true });
        void client.invalidateQueries({ queryKey: ['networks'], exact: true });
      }
      if (event.type !== 'snapshot') setLog((l) => [...l.slice(-99), { at: Date.now(), event }]);
    };
    for (const type of NETWORK_EVENT_TYPES) source.addEventListener(type, onEvent(type) as EventListener);
    source.onopen = () => setState('open');
    source.onerror = () => setState('reconnecting');
    return () => source.close();
  }, [id, enabled, client]);

  return { state, log };
}
