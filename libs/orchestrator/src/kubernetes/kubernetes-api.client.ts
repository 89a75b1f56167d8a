import type { KubeConfig } from '@kubernetes/client-node';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { KubernetesDriverException } from './kubernetes-driver.exception';
import { FIELD_MANAGER } from './kubernetes-names';

/** Standard object metadata, as the official OpenAPI schema (via kubernetes-models' types) defines it. */
export type ObjectMeta = NonNullable<IConfigMap['metadata']>;

/** Any Kubernetes object on the wire. */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata?: ObjectMeta;
}

/** Names one object (or, without `name`, a collection). */
export interface ObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

/** Counts of API calls by verb, for operators and the benchmark ("calls per network created"). */
export interface ApiCallCounts {
  apply: number;
  read: number;
  list: number;
  delete: number;
  patch: number;
  log: number;
}

/**
 * The resources the driver manages, with their REST paths. A fixed table rather than API
 * discovery: the driver only ever touches these, and it saves a discovery call per group.
 */
const RESOURCES: Readonly<Record<string, { readonly plural: string; readonly namespaced: boolean }>> = {
  'v1/Namespace': { plural: 'namespaces', namespaced: false },
  'v1/ResourceQuota': { plural: 'resourcequotas', namespaced: true },
  'v1/LimitRange': { plural: 'limitranges', namespaced: true },
  'v1/ConfigMap': { plural: 'configmaps', namespaced: true },
  'v1/Secret': { plural: 'secrets', namespaced: true },
  'v1/Service': { plural: 'services', namespaced: true },
  'v1/Pod': { plural: 'pods', namespaced: true },
  'v1/PersistentVolumeClaim': { plural: 'persistentvolumeclaims', namespaced: true },
  'apps/v1/StatefulSet': { plural: 'statefulsets', namespaced: true },
  'networking.k8s.io/v1/NetworkPolicy': { plural: 'networkpolicies', namespaced: true },
};

/** Where an API path is: exported for the fake API server, which serves the same table. */
export function resourcePath(apiVersion: string, kind: string, namespace?: string, name?: string): string {
  const resource = RESOURCES[`${apiVersion}/${kind}`];
  if (!resource) throw new Error(`The driver does not manage ${apiVersion} ${kind}.`);
  const group = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  const scope = resource.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${group}${scope}/${resource.plural}${name ? `/${encodeURIComponent(name)}` : ''}`;
}

export const MANAGED_RESOURCES = RESOURCES;

interface Reply {
  readonly status: number;
  readonly body: string;
}

/**
 * The few Kubernetes API verbs the driver needs: server-side apply, get, list, delete, a merge
 * patch and a log tail. Credentials, TLS and proxies come from @kubernetes/client-node's
 * KubeConfig (in-cluster service account, or KUBECONFIG); the requests themselves carry the exact
 * JSON the manifests build. Not the client's typed API: its serializer renames fields (`from` →
 * `_from`, `default` → `_default`) and drops any it does not model, and in a server-side apply
 * the body defines which fields we own — a dropped field would be deleted from the object.
 *
 * 404 becomes null/false; other refusals become KubernetesDriverExceptions that say what an
 * operator should do (unreachable → retry; forbidden → grant RBAC; rejected → fix the spec).
 */
export class KubernetesApiClient {
  readonly calls: ApiCallCounts = { apply: 0, read: 0, list: 0, delete: 0, patch: 0, log: 0 };
  readonly server: string;

  constructor(
    readonly kubeConfig: KubeConfig,
    private readonly timeoutMs = 30_000,
  ) {
    this.server = (kubeConfig.getCurrentCluster()?.server ?? '').replace(/\/+$/, '');
  }

  /**
   * Server-side apply by our field manager with force: the fields we set end up as given, whoever
   * changed them since, and applying an unchanged object changes nothing (same resourceVersion,
   * no new generation, no rollout).
   */
  async apply<T extends KubeObject>(object: T): Promise<T> {
    this.calls.apply++;
    const path = resourcePath(object.apiVersion, object.kind, object.metadata?.namespace, object.metadata?.name);
    const what = `apply ${describe(object)}`;
    const reply = await this.send(what, 'PATCH', `${path}?fieldManager=${FIELD_MANAGER}&force=true`, JSON.stringify(object), 'application/apply-patch+yaml');
    return this.expect<T>(what, reply);
  }

  /** A JSON merge patch under another field manager (replica changes by stop); null if absent. */
  async mergePatch<T extends KubeObject>(ref: ObjectRef, patch: Record<string, unknown>, fieldManager: string): Promise<T | null> {
    this.calls.patch++;
    const what = `patch ${describe(ref)}`;
    const reply = await this.send(what, 'PATCH', `${resourcePath(ref.apiVersion, ref.kind, ref.namespace, ref.name)}?fieldManager=${fieldManager}`, JSON.stringify(patch), 'application/merge-patch+json');
    return reply.status === 404 ? null : this.expect<T>(what, reply);
  }

  async read<T extends KubeObject>(ref: ObjectRef): Promise<T | null> {
    this.calls.read++;
    const what = `read ${describe(ref)}`;
    const reply = await this.send(what, 'GET', resourcePath(ref.apiVersion, ref.kind, ref.namespace, ref.name));
    return reply.status === 404 ? null : this.expect<T>(what, reply);
  }

  /** Lists in one namespace, or cluster-wide without one; `labelSelector` as `k=v,k2=v2`. */
  async list<T extends KubeObject>(apiVersion: string, kind: string, namespace?: string, labelSelector?: string): Promise<T[]> {
    this.calls.list++;
    const what = `list ${kind} in ${namespace ?? 'all namespaces'}`;
    const query = labelSelector ? `?labelSelector=${encodeURIComponent(labelSelector)}` : '';
    const reply = await this.send(what, 'GET', `${resourcePath(apiVersion, kind, namespace)}${query}`);
    // A namespace that does not exist lists as empty.
    if (reply.status === 404) return [];
    return this.expect<{ items: T[] }>(what, reply).items ?? [];
  }

  /** Deletes; false if it was not there. `uid` deletes only that incarnation (a pod restart). */
  async delete(ref: ObjectRef, options: { readonly uid?: string } = {}): Promise<boolean> {
    this.calls.delete++;
    const what = `delete ${describe(ref)}`;
    const body = JSON.stringify({
      apiVersion: 'v1',
      kind: 'DeleteOptions',
      propagationPolicy: 'Background',
      ...(options.uid ? { preconditions: { uid: options.uid } } : {}),
    });
    const reply = await this.send(what, 'DELETE', resourcePath(ref.apiVersion, ref.kind, ref.namespace, ref.name), body, 'application/json');
    if (reply.status === 404) return false;
    // 409 on a uid precondition: that incarnation is already gone, which is what we wanted.
    if (reply.status === 409 && options.uid) return false;
    this.expect(what, reply);
    return true;
  }

  /** The end of the Besu container's log, for an operator reading a failed start; '' when unavailable. */
  async podLogTail(namespace: string, pod: string, lines = 40): Promise<string> {
    this.calls.log++;
    try {
      const reply = await this.send('read log', 'GET', `${resourcePath('v1', 'Pod', namespace, pod)}/log?container=besu&tailLines=${lines}`);
      return reply.status === 200 ? reply.body : '';
    } catch {
      return '';
    }
  }

  private expect<T>(what: string, reply: Reply): T {
    if (reply.status >= 200 && reply.status < 300) return JSON.parse(reply.body) as T;
    const reason = statusMessage(reply.body);
    if (reply.status === 401 || reply.status === 403) {
      throw new KubernetesDriverException(
        'cluster_forbidden',
        `The Kubernetes API at ${this.server} refused to ${what} (HTTP ${reply.status}): ${reason}. ` +
          "Grant the platform's service account the driver's ClusterRole (helm/chainloom/templates/rbac.yaml).",
      );
    }
    if (reply.status >= 500 || reply.status === 429) {
      throw new KubernetesDriverException('cluster_unreachable', `The Kubernetes API at ${this.server} failed to ${what} (HTTP ${reply.status}): ${reason}.`);
    }
    throw new KubernetesDriverException('cluster_rejected', `The Kubernetes API rejected: ${what} (HTTP ${reply.status}): ${reason}.`);
  }

  private async send(what: string, method: string, path: string, body?: string, contentType?: string): Promise<Reply> {
    if (!this.server) {
      throw new KubernetesDriverException('cluster_unreachable', 'No Kubernetes cluster is configured: set KUBECONFIG (or run in a cluster with a service account).');
    }
    const url = new URL(`${this.server}${path}`);
    const headers: Record<string, string | number> = { accept: 'application/json' };
    if (body !== undefined) {
      headers['content-type'] = contentType ?? 'application/json';
      headers['content-length'] = Buffer.byteLength(body);
    }
    const options: RequestOptions = {
      method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port,
      path: `${url.pathname}${url.search}`,
      headers,
      timeout: this.timeoutMs,
    };
    try {
      await this.kubeConfig.applyToHTTPSOptions(options);
    } catch (error) {
      // E.g. a plain-http server without skipTLSVerify, an exec credential plugin that fails: a
      // configuration an operator must fix, which no retry changes.
      throw new KubernetesDriverException('cluster_forbidden', `The kubeconfig cannot be used to ${what} (${(error as Error).message}); check KUBECONFIG or the service account.`);
    }
    const requester = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<Reply>((resolve, reject) => {
      const req = requester(options, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (error) => reject(this.unreachable(what, error)));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('timeout', () => req.destroy(new Error(`no answer in ${this.timeoutMs} ms`)));
      req.on('error', (error) => reject(this.unreachable(what, error)));
      req.end(body);
    });
  }

  private unreachable(what: string, error: Error): KubernetesDriverException {
    const code = (error as Error & { code?: string }).code;
    return new KubernetesDriverException(
      'cluster_unreachable',
      `The Kubernetes API at ${this.server} cannot be reached to ${what} (${code ?? error.message}). ` +
        'Check KUBECONFIG (or the in-cluster service account) and that the cluster is up.',
    );
  }
}

function describe(ref: { kind?: string; metadata?: { name?: string; namespace?: string }; name?: string; namespace?: string }): string {
  const name = ref.metadata?.name ?? ref.name;
  const namespace = ref.metadata?.namespace ?? ref.namespace;
  return `${ref.kind ?? 'object'} ${namespace ? `${namespace}/` : ''}${name ?? ''}`;
}

function statusMessage(body: string): string {
  try {
    const status = JSON.parse(body) as { message?: unknown };
    if (typeof status.message === 'string') return status.message;
  } catch {
    // not a Status object
  }
  return body.slice(0, 300) || 'no message';
}
