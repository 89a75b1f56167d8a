import type { components } from './openapi';

/** RFC 9457 problem details as the API sends them; some codes carry extra members. */
export type Problem = components['schemas']['Problem'] & Record<string, unknown>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An error answer of the API: its status and its problem+json body (or a stand-in for none). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string | undefined;
  readonly problem: Problem;

  constructor(status: number, body: unknown) {
    const problem: Problem =
      isRecord(body) && typeof body['code'] === 'string'
        ? (body as Problem)
        : {
            type: 'about:blank',
            title: `HTTP ${status}`,
            status,
            code: status === 0 ? 'network_error' : `http_${status}`,
            detail: typeof body === 'string' && body.length > 0 && body.length < 500 ? body : undefined,
          };
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = status;
    this.code = problem.code;
    this.detail = problem.detail;
    this.problem = problem;
  }

  /** Field errors of a 400 (validation_failed), keyed by field path without its `body.` prefix. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.problem.errors ?? []) out[e.field.replace(/^(body|query|params)\./, '')] = e.message;
    return out;
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;
