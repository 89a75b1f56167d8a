// autocannon with a POST body, for the certificates benchmarks (bench/lib/load.ts drives GETs).
import autocannon from 'autocannon';
import { Samples, quantileSorted } from '../lib/stats';

export interface PostLoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  statusCodes: Record<string, number>;
}

export function postLoad(options: { url: string; body: string; headers: Record<string, string>; connections: number; durationSec: number; pipelining?: number }): Promise<PostLoadResult> {
  const latencies = new Samples();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        method: 'POST',
        body: options.body,
        headers: { 'content-type': 'application/json', ...options.headers },
        connections: options.connections,
        pipelining: options.pipelining ?? 1,
        duration: options.durationSec,
        timeout: 60,
      },
      (error: unknown, result: autocannon.Result) => {
        if (error) return reject(error instanceof Error ? error : new Error(String(error)));
        const sorted = latencies.sorted();
        const seconds = (result.finish.getTime() - result.start.getTime()) / 1000 || options.durationSec;
        const statusCodes: Record<string, number> = {};
        for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stat.count ?? 0;
        resolve({
          requests: result['2xx'],
          rps: result['2xx'] / seconds,
          p50: quantileSorted(sorted, 0.5),
          p99: quantileSorted(sorted, 0.99),
          non2xx: result.non2xx,
          errors: result.errors,
          statusCodes,
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  });
}
