import { request } from 'node:http';

export class JsonRpcError extends Error {
  constructor(
    message: string,
    readonly rpcCode?: number,
  ) {
    super(message);
    this.name = 'JsonRpcError';
  }
}

/**
 * One JSON-RPC call over plain node:http. Not ethers: the orchestrator only probes and seeds nodes
 * and should not depend on a wallet library. `agent: false` opens a fresh connection per call, so
 * no pooled keep-alive socket outlives a probe (a dead node's socket would otherwise linger, and
 * test runners would wait on it).
 */
export function jsonRpc<T>(url: string, method: string, params: readonly unknown[] = [], timeoutMs = 2_000): Promise<T> {
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method, params });
  return new Promise<T>((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let reply: { result?: T; error?: { code?: number; message?: string } };
          try {
            reply = JSON.parse(text) as typeof reply;
          } catch {
            reject(new JsonRpcError(`${method}: HTTP ${res.statusCode} with a body that is not JSON: ${text.slice(0, 200)}`));
            return;
          }
          if (reply.error) reject(new JsonRpcError(`${method}: ${reply.error.message ?? 'error'}`, reply.error.code));
          else resolve(reply.result as T);
        });
      },
    );
    req.on('timeout', () => req.destroy(new JsonRpcError(`${method}: no answer in ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
