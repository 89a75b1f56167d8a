import type { z } from 'zod';
import type { FieldError } from '../errors/app.exception';

export function zodIssuesToFieldErrors(issues: readonly z.core.$ZodIssue[], prefix?: string): FieldError[] {
  return issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter((p) => p !== undefined && p !== '').join('.') || prefix || '(root)',
    message: issue.message,
  }));
}
