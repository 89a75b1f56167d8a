import { z } from 'zod';
import { AppException } from '../errors/app.exception';

/** Query parameters every list endpoint accepts. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(512).optional().describe('opaque cursor from the previous page'),
});

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const encodeCursor = (value: Record<string, string | number>) =>
  Buffer.from(JSON.stringify(value)).toString('base64url');

export function decodeCursor<T extends z.ZodType>(cursor: string, schema: T): z.infer<T> {
  try {
    return schema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw AppException.badRequest('invalid_cursor', 'The cursor is not one this API issued.');
  }
}

export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
