import { unwrap } from '@chainloom/sdk';
import { api } from './api';

/** Query options shared by several pages (same keys, so one fetch serves them all). */
export const networksQuery = {
  queryKey: ['networks'] as const,
  queryFn: () => unwrap(api.GET('/v1/networks')),
};
export const tenantQuery = {
  queryKey: ['tenant'] as const,
  queryFn: () => unwrap(api.GET('/v1/tenant')),
};
export const networkQuery = (id: string) => ({
  queryKey: ['networks', id] as const,
  queryFn: () => unwrap(api.GET('/v1/networks/{id}', { params: { path: { id } } })),
});
export const operationsQuery = (id: string) => ({
  queryKey: ['networks', id, 'operations'] as const,
  queryFn: () => unwrap(api.GET('/v1/networks/{id}/operations', { params: { path: { id } } })),
});
