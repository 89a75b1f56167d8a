/**
 * The platform's readiness probe (GET /health/ready). It is an operations endpoint, not part of
 * the /v1 contract, so it is not in openapi.d.ts; this is its shape (libs/core health.controller).
 */
export interface Readiness {
  ready: boolean;
  checks: Record<string, { status: 'up' | 'down'; [key: string]: unknown }>;
}

export async function fetchReadiness(baseUrl = '', fetchImpl: typeof fetch = fetch): Promise<Readiness> {
  const res = await fetchImpl(`${baseUrl.replace(/\/$/, '')}/health/ready`, { headers: { accept: 'application/json' } });
  const body = (await res.json().catch(() => ({}))) as { checks?: Readiness['checks'] };
  return { ready: res.ok, checks: body.checks ?? {} };
}
