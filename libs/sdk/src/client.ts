import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './openapi';
import { ApiError } from './problem';

export type ChainloomClient = Client<paths>;

export interface ChainloomClientOptions {
  /** Where the API is: '' (same origin, the console) or e.g. http://127.0.0.1:3000 */
  baseUrl?: string;
  /** An API key (clk_…) or a session token (cls_…). The console leaves it out and uses its cookie. */
  token?: string;
  /** Defaults to the global fetch. */
  fetch?: (input: Request) => Promise<Response>;
  headers?: Record<string, string>;
  /** Called on every 401 (the console sends the user to the login page). */
  onUnauthenticated?: (response: Response) => void;
}

/** A typed client of the REST API: every path, parameter, body and answer comes from openapi.d.ts. */
export function createChainloomClient(options: ChainloomClientOptions = {}): ChainloomClient {
  const client = createClient<paths>({
    baseUrl: (options.baseUrl ?? '').replace(/\/$/, ''),
    fetch: options.fetch,
    // The console's session is an httpOnly cookie: same-origin requests carry it.
    credentials: 'same-origin',
    headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers },
  });
  if (options.onUnauthenticated) {
    const notify = options.onUnauthenticated;
    client.use({
      onResponse({ response }) {
        if (response.status === 401) notify(response);
        return undefined;
      },
    });
  }
  return client;
}

type Result<T> = { data?: T; error?: unknown; response: Response };

/**
 * The data of a successful answer, or an ApiError carrying the problem+json body. openapi-fetch
 * returns `{ data, error }`; code that shows errors to people wants them thrown.
 */
export async function unwrap<T>(request: Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await request;
  } catch (cause) {
    // fetch itself failed: offline, DNS, the server is down.
    throw new ApiError(0, cause instanceof Error ? cause.message : String(cause));
  }
  if (result.error !== undefined || !result.response.ok) throw new ApiError(result.response.status, result.error);
  return result.data as T;
}
