import { z } from 'zod';

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().describe('stable machine-readable error code'),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    errorId: z.string().optional().describe('present on 500: quote it when reporting the error'),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });
