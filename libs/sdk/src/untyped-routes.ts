import { unwrap, type ChainloomClient } from './client';
import type { AdminUsage, BlockDetail, BlockPage, ExplorerTransaction } from './types';

// Routes whose contract declares no response schema yet (openapi.d.ts types their answer as
// undefined): the one place their shape is asserted. Remove each when its contract says it.

export async function getBlocks(client: ChainloomClient, networkId: string, limit = 20): Promise<BlockPage> {
  return (await unwrap(client.GET('/v1/networks/{id}/blocks', { params: { path: { id: networkId }, query: { limit } } }))) as unknown as BlockPage;
}

export async function getBlock(client: ChainloomClient, networkId: string, number: number): Promise<BlockDetail> {
  return (await unwrap(client.GET('/v1/networks/{id}/blocks/{number}', { params: { path: { id: networkId, number } } }))) as unknown as BlockDetail;
}

export async function getExplorerTransaction(client: ChainloomClient, networkId: string, hash: string): Promise<ExplorerTransaction> {
  return (await unwrap(client.GET('/v1/networks/{id}/transactions/{hash}', { params: { path: { id: networkId, hash } } }))) as unknown as ExplorerTransaction;
}

export async function getAdminUsage(client: ChainloomClient, day?: string): Promise<AdminUsage> {
  return (await unwrap(client.GET('/v1/admin/usage', { params: { query: day ? { day } : {} } }))) as unknown as AdminUsage;
}
