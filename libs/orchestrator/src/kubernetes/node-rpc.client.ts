import type { KubeConfig } from '@kubernetes/client-node';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { JsonRpcError, jsonRpc } from '../json-rpc.client';
import { namespaceForNetwork, nodeServiceHost, nodeWorkloadName } from './kubernetes-names';
import { RPC_PORT } from './manifests';

/** A node to call: the driver knows the namespace and Service from the ids. */
export interface RpcTarget {
  readonly networkId: string;
  readonly nodeId: string;
}

/**
 * How the platform reaches a node's JSON-RPC. In the cluster (the Helm install) that is the node's
 * Service DNS name, which the NetworkPolicy admits from the platform's namespace. From outside (the
 * scenario script on a laptop) it is the API server's service proxy, authenticated with the
 * kubeconfig's credentials.
 */
export interface NodeRpc {
  /** The URL recorded as the node's rpcUrl (what the RPC gateway forwards to). */
  url(target: RpcTarget): string;
  call<T>(target: RpcTarget, method: string, params?: readonly unknown[], timeoutMs?: number): Promise<T>;
}

export function clusterDnsRpc(clusterDomain = 'cluster.local'): NodeRpc {
  const url = (t: RpcTarget) => `http://${nodeServiceHost(t.nodeId, namespaceForNetwork(t.networkId), clusterDomain)}:${RPC_PORT}`;
  return { url, call: (t, method, params = [], timeoutMs) => jsonRpc(url(t), method, params, timeoutMs) };
}

/** Fixed URLs per node: tests (a fake JSON-RPC server) and installs with their own routing. */
export function urlRpc(urlOf: (target: RpcTarget) => string): NodeRpc {
  return { url: urlOf, call: (t, method, params = [], timeoutMs) => jsonRpc(urlOf(t), method, params, timeoutMs) };
}

/**
 * Through `…/api/v1/namespaces/<ns>/services/http:<svc>:rpc/proxy/` with the kubeconfig's TLS
 * settings and credentials. Needs RBAC `services/proxy` (get, create). Note that the proxied
 * connection comes from the API server, which a CNI may classify as outside the platform's
 * namespace: the NetworkPolicy then blocks it unless the cluster admits API-server traffic.
 */
export function apiServerProxyRpc(kubeConfig: KubeConfig): NodeRpc {
  const server = (kubeConfig.getCurrentCluster()?.server ?? '').replace(/\/$/, '');
  const url = (t: RpcTarget) =>
    `${server}/api/v1/namespaces/${namespaceForNetwork(t.networkId)}/services/http:${nodeWorkloadName(t.nodeId)}:rpc/proxy/`;
  return {
    url,
    call: async <T>(t: RpcTarget, method: string, params: readonly unknown[] = [], timeoutMs = 5_000): Promise<T> => {
      const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method, params });
      const target = new URL(url(t));
      const options: RequestOptions & { headers: Record<string, string | number> } = {
        method: 'POST',
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        path: target.pathname,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        timeout: timeoutMs,
        agent: false,
      };
      await kubeConfig.applyToHTTPSOptions(options);
      return postJson<T>(target.protocol === 'https:' ? httpsRequest : httpRequest, options, body, method);
    },
  };
}

type Requester = typeof httpRequest;

function postJson<T>(requester: Requester, options: RequestOptions, body: string, method: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const req = requester(options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          const reply = JSON.parse(text) as { result?: T; error?: { code?: number; message?: string } };
          if (reply.error) reject(new JsonRpcError(`${method}: ${reply.error.message ?? 'error'}`, reply.error.code));
          else resolve(reply.result as T);
        } catch {
          reject(new JsonRpcError(`${method}: HTTP ${res.statusCode} through the API server proxy: ${text.slice(0, 200)}`));
        }
      });
    });
    req.on('timeout', () => req.destroy(new JsonRpcError(`${method}: no answer in ${options.timeout} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
