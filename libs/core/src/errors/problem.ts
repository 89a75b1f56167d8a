import { STATUS_CODES } from 'node:http';
import { PROBLEM_TYPE_BASE, type ProblemDetails } from './app.exception';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problem(status: number, code: string, detail?: string, extra: Record<string, unknown> = {}): ProblemDetails {
  return {
    type: PROBLEM_TYPE_BASE + code.replace(/_/g, '-'),
    title: STATUS_CODES[status] ?? 'Error',
    status,
    code,
    ...(detail ? { detail } : {}),
    ...extra,
  };
}
