// A raw HTTP call for the suites: any body (bytes, malformed JSON, wrong content type), a hard
// timeout, and no hang on streaming answers (server-sent events are closed after the headers).

export interface RawRequest {
  method: string;
  /** Path and query, already encoded. */
  url: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  contentType: string;
  /** The body as text (empty for a stream that was closed after its headers). */
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
  durationMs: number;
  /** True when the answer was a stream (text/event-stream) that the client closed. */
  streamed: boolean;
}

export class RequestTimeout extends Error {
  constructor(
    readonly request: RawRequest,
    readonly timeoutMs: number,
  ) {
    super(`${request.method} ${request.url} did not answer within ${timeoutMs} ms`);
    this.name = 'RequestTimeout';
  }
}

export async function send(baseUrl: string, request: RawRequest, timeoutMs = 10_000): Promise<RawResponse> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const started = performance.now();
  try {
    const res = await fetch(baseUrl + request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: controller.signal,
      redirect: 'manual',
    });
    const contentType = res.headers.get('content-type') ?? '';
    if (contentType.startsWith('text/event-stream')) {
      await res.body?.cancel();
      return {
        status: res.status,
        headers: res.headers,
        contentType,
        text: '',
        json: undefined,
        durationMs: performance.now() - started,
        streamed: true,
      };
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? (JSON.parse(text) as unknown) : undefined;
    } catch {
      json = undefined;
    }
    return {
      status: res.status,
      headers: res.headers,
      contentType,
      text,
      json,
      durationMs: performance.now() - started,
      streamed: false,
    };
  } catch (error) {
    if (controller.signal.aborted) throw new RequestTimeout(request, timeoutMs);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What is wrong with an error answer, or null: every 4xx/5xx must be RFC 9457 problem+json whose
 * `status` repeats the HTTP status and whose `code` says which error it is.
 */
export function problemViolation(res: Pick<RawResponse, 'status' | 'contentType' | 'json'>): string | null {
  if (res.status < 400) return null;
  if (!res.contentType.startsWith('application/problem+json'))
    return `content-type ${JSON.stringify(res.contentType)} is not application/problem+json`;
  if (!isRecord(res.json)) return 'the body is not a JSON object';
  if (res.json.status !== res.status)
    return `body.status ${JSON.stringify(res.json.status)} differs from HTTP ${res.status}`;
  if (typeof res.json.code !== 'string' || !res.json.code) return 'body.code is missing';
  return null;
}
