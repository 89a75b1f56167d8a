import { SetMetadata, applyDecorators } from '@nestjs/common';
import type { z } from 'zod';

export const CONTRACT_METADATA = 'chainloom:contract';

/**
 * What a route accepts and returns, as zod schemas. The same object validates the request (see
 * ContractGuard) and produces the OpenAPI document (see OpenApiService), so the two cannot
 * disagree.
 */
export interface RouteContract {
  summary: string;
  description?: string;
  tags?: string[];
  body?: z.ZodType;
  /** Content types the body may come in, when not JSON (e.g. a file upload). */
  bodyContentType?: string;
  query?: z.ZodObject;
  params?: z.ZodObject;
  /** Response schemas by status code. */
  responses?: Record<number, { description: string; schema?: z.ZodType; contentType?: string }>;
  /** Security requirement names (from the OpenAPI securitySchemes); empty = public. */
  security?: string[];
  /** Headers the route reads (e.g. Idempotency-Key). */
  headers?: z.ZodObject;
}

export const Contract = (contract: RouteContract) => applyDecorators(SetMetadata(CONTRACT_METADATA, contract));

export const PUBLIC_ROUTE = 'chainloom:public';
/** Marks a route (or a whole controller) as open to anonymous callers. Everything else needs auth. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
