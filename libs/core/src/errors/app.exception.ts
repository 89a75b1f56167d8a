/** One field-level problem, as listed in a 400 response. */
export interface FieldError {
  /** JSON pointer-like dotted path of the bad field, e.g. `body.items.3.hash`. */
  field: string;
  message: string;
}

/** RFC 9457 problem details, as every error response carries them. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  errorId?: string;
  [extension: string]: unknown;
}

export const PROBLEM_TYPE_BASE = 'https://chainloom.dev/problems/';

/**
 * The one error type services throw. Each domain subclasses it with its own string codes; the
 * problem filter turns it into application/problem+json. `code` is stable API: clients switch on it.
 */
export class AppException extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }

  static badRequest(code: string, detail: string, extensions?: Record<string, unknown>) {
    return new AppException(400, code, detail, extensions);
  }
  static notFound(what: string) {
    return new AppException(404, 'not_found', `${what} not found`);
  }
  static conflict(code: string, detail: string) {
    return new AppException(409, code, detail);
  }
}

/** 400 with one entry per bad field. */
export class ValidationException extends AppException {
  constructor(readonly errors: FieldError[], detail = 'The request is not valid; see errors for each field.') {
    super(400, 'validation_failed', detail, { errors });
  }
}
