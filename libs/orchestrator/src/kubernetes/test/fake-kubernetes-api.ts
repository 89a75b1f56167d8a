import { KubeConfig } from '@kubernetes/client-node';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseYaml } from 'yaml';
import { MANAGED_RESOURCES } from '../kubernetes-api.client';

/**
 * A FAKE of the Kubernetes API server, in process, for tests on a machine without a cluster. It
 * implements only what the kubernetes driver uses, with the semantics the driver relies on:
 *
 * - server-side apply (PATCH, application/apply-patch+yaml, fieldManager required, force):
 *   creates or updates; an apply that changes nothing keeps the resourceVersion; a conflicting
 *   apply by another manager without force answers 409; fields set by another manager's merge
 *   patch survive an apply that does not mention them and are taken over by one that does;
 * - JSON merge patch (application/merge-patch+json), GET, LIST (namespaced and cluster-wide,
 *   equality label selectors), POST create (409 AlreadyExists), DELETE (404; uid preconditions,
 *   409 on mismatch), pod logs;
 * - the API server's own rules the driver meets: namespaced objects need their namespace (404), a
 *   terminating namespace refuses new content (403), a namespace deletion is asynchronous
 *   (phase Terminating, then gone with everything in it), immutable Secrets and the StatefulSet
 *   fields that cannot change answer 422;
 * - a minimal StatefulSet controller: one replica makes pod `<name>-0` (status from a hook,
 *   Ready by default) and its volume claim from volumeClaimTemplates; zero replicas, or deleting
 *   the StatefulSet, removes the pod; deleting a pod of a scaled-up StatefulSet recreates it with a
 *   new uid (a restart).
 *
 * It does NOT: default fields, run admission (quota, Pod Security), enforce NetworkPolicies,
 * schedule, pull images, or run Besu. docs/kubernetes.md lists what only a real cluster shows.
 */

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly contentType?: string;
  readonly fieldManager?: string;
  readonly force?: boolean;
}

type Json = Record<string, unknown>;

interface Stored {
  object: Json;
  /** The last body applied per field manager. */
  applied: Map<string, Json>;
  /** Merge patches by other managers since, with the fields they own. */
  patched: Json;
  patchManager?: string;
}

interface Failure {
  readonly match: (request: RecordedRequest) => boolean;
  readonly status: number;
  readonly message: string;
  remaining: number;
}

interface ParsedPath {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly sub?: string;
}

const KIND_BY_PLURAL = new Map(
  Object.entries(MANAGED_RESOURCES).map(([key, value]) => {
    const cut = key.lastIndexOf('/');
    return [`${key.slice(0, cut)}/${value.plural}`, { apiVersion: key.slice(0, cut), kind: key.slice(cut + 1), namespaced: value.namespaced }];
  }),
);

const READY_STATUS: Json = {
  phase: 'Running',
  conditions: [
    { type: 'PodScheduled', status: 'True' },
    { type: 'Ready', status: 'True' },
  ],
  containerStatuses: [{ name: 'besu', ready: true, restartCount: 0, image: 'besu', imageID: '', state: { running: { startedAt: new Date(0).toISOString() } } }],
};

export class FakeKubernetesApi {
  readonly requests: RecordedRequest[] = [];
  /** Pod logs by `<namespace>/<pod>`. */
  readonly podLogs = new Map<string, string>();
  /** Status given to pods the fake controller creates; Ready unless a test says otherwise. */
  podStatusFor: (pod: Json) => Json = () => READY_STATUS;
  /**
   * Where the API server's service proxy (`…/services/http:<name>:<port>/proxy/`) forwards to;
   * undefined answers 503 as a Service without endpoints does.
   */
  serviceProxyTarget: (service: Json) => string | undefined = () => undefined;
  /** Told when a pod appears or goes (to bring a fake Besu node up or down). */
  onPodChange: (pod: Json, exists: boolean) => void = () => undefined;
  namespaceDeletionDelayMs = 20;
  podRestartDelayMs = 5;
  url = '';
  private readonly store = new Map<string, Stored>();
  private readonly failures: Failure[] = [];
  private server?: Server;
  private resourceVersion = 1000;

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** A kubeconfig for this fake: plain HTTP on loopback, which client-node allows with skipTLSVerify. */
  kubeConfig(): KubeConfig {
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromOptions({
      clusters: [{ name: 'fake', server: this.url, skipTLSVerify: true }],
      users: [{ name: 'fake', token: 'fake-token' }],
      contexts: [{ name: 'fake', cluster: 'fake', user: 'fake' }],
      currentContext: 'fake',
    });
    return kubeConfig;
  }

  /** The next `times` requests matching answer `status` (an unreachable or refusing cluster). */
  failWhen(match: (request: RecordedRequest) => boolean, status: number, message: string, times = 1): void {
    this.failures.push({ match, status, message, remaining: times });
  }

  get(apiVersion: string, kind: string, namespace: string | undefined, name: string): Json | undefined {
    return this.store.get(keyOf(apiVersion, kind, namespace, name))?.object;
  }

  all(kind?: string): Json[] {
    return [...this.store.values()].map((s) => s.object).filter((o) => !kind || o['kind'] === kind);
  }

  /** Replaces a pod's status (a crash, a probe failing) as the kubelet would. */
  setPodStatus(namespace: string, name: string, status: Json): void {
    const stored = this.store.get(keyOf('v1', 'Pod', namespace, name));
    if (!stored) throw new Error(`no pod ${namespace}/${name}`);
    stored.object = { ...stored.object, status, metadata: { ...meta(stored.object), resourceVersion: this.nextVersion() } };
  }

  // ---- HTTP ----------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const body = await readBody(req);
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      contentType: req.headers['content-type'],
      fieldManager: url.searchParams.get('fieldManager') ?? undefined,
      force: url.searchParams.has('force') ? url.searchParams.get('force') === 'true' : undefined,
    };
    this.requests.push(request);
    try {
      if (req.headers.authorization !== 'Bearer fake-token') return send(res, 401, status(401, 'Unauthorized', 'no valid bearer token'));
      const failure = this.failures.find((f) => f.remaining > 0 && f.match(request));
      if (failure) {
        failure.remaining--;
        return send(res, failure.status, status(failure.status, 'InjectedFailure', failure.message));
      }
      const path = parsePath(url.pathname);
      if (!path) return send(res, 404, status(404, 'NotFound', `the server could not find the requested resource ${url.pathname}`));
      if (path.kind === 'Service' && path.sub === 'proxy') return await this.proxy(path, req, body, res);
      if (path.sub === 'log') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(this.podLogs.get(`${path.namespace}/${path.name}`) ?? '');
        return;
      }
      const [code, reply] = this.route(request.method, path, body, request, url.searchParams);
      send(res, code, reply);
    } catch (error) {
      send(res, 500, status(500, 'InternalError', (error as Error).message));
    }
  }

  private route(method: string, path: ParsedPath, body: string, request: RecordedRequest, query: URLSearchParams): [number, Json] {
    if (method === 'GET' && !path.name) return [200, this.list(path, query.get('labelSelector') ?? '')];
    if (!path.name) {
      if (method === 'POST') return this.create(path, body);
      return [405, status(405, 'MethodNotAllowed', `${method} on a collection`)];
    }
    const key = keyOf(path.apiVersion, path.kind, path.namespace, path.name);
    switch (method) {
      case 'GET': {
        const stored = this.store.get(key);
        return stored ? [200, stored.object] : [404, notFound(path)];
      }
      case 'PATCH':
        if (request.contentType?.startsWith('application/apply-patch+yaml')) return this.apply(path, key, body, request);
        if (request.contentType?.startsWith('application/merge-patch+json')) return this.mergePatch(path, key, body, request);
        return [415, status(415, 'UnsupportedMediaType', `the fake does not do ${request.contentType} patches`)];
      case 'DELETE':
        return this.remove(path, key, body);
      default:
        return [405, status(405, 'MethodNotAllowed', method)];
    }
  }

  private list(path: ParsedPath, labelSelector: string): Json {
    const wanted = labelSelector
      .split(',')
      .filter((term) => term !== '')
      .map((term) => term.split('=') as [string, string | undefined]);
    const items = [...this.store.values()]
      .map((s) => s.object)
      .filter((o) => o['apiVersion'] === path.apiVersion && o['kind'] === path.kind)
      .filter((o) => !path.namespace || meta(o).namespace === path.namespace)
      .filter((o) => wanted.every(([k, v]) => (v === undefined ? k in labelsOf(o) : labelsOf(o)[k] === v)))
      .sort((a, b) => String(meta(a).name).localeCompare(String(meta(b).name)));
    return { apiVersion: path.apiVersion, kind: `${path.kind}List`, metadata: { resourceVersion: String(this.resourceVersion) }, items };
  }

  private create(path: ParsedPath, body: string): [number, Json] {
    const object = JSON.parse(body) as Json;
    const name = String(meta(object).name ?? '');
    const key = keyOf(path.apiVersion, path.kind, path.namespace, name);
    if (this.store.has(key)) return [409, status(409, 'AlreadyExists', `${path.kind.toLowerCase()} "${name}" already exists`)];
    const refusal = this.namespaceRefusal(path);
    if (refusal) return refusal;
    this.store.set(key, { object: this.stamp(object, undefined, 'create-manager', 'Update'), applied: new Map(), patched: {} });
    this.afterChange(path.kind, key);
    return [201, this.store.get(key)?.object ?? {}];
  }

  private apply(path: ParsedPath, key: string, body: string, request: RecordedRequest): [number, Json] {
    if (!request.fieldManager) return [400, status(400, 'BadRequest', 'PATCH with application/apply-patch+yaml requires fieldManager')];
    const applied = parseYaml(body) as Json;
    if (applied['apiVersion'] !== path.apiVersion || applied['kind'] !== path.kind || meta(applied).name !== path.name) {
      return [400, status(400, 'BadRequest', 'the apply body does not name the object of the URL')];
    }
    if (path.namespace && meta(applied).namespace !== undefined && meta(applied).namespace !== path.namespace) {
      return [400, status(400, 'BadRequest', 'the namespace of the body does not match the URL')];
    }
    const existing = this.store.get(key);
    if (!existing) {
      const refusal = this.namespaceRefusal(path);
      if (refusal) return refusal;
      const stored: Stored = { object: this.stamp(applied, undefined, request.fieldManager, 'Apply'), applied: new Map([[request.fieldManager, applied]]), patched: {} };
      this.store.set(key, stored);
      this.afterChange(path.kind, key);
      return [201, stored.object];
    }
    const others = [...existing.applied.keys()].filter((m) => m !== request.fieldManager);
    const conflicting = others.filter((m) => overlaps(existing.applied.get(m) ?? {}, applied));
    if (!request.force && existing.patchManager && overlaps(existing.patched, applied)) conflicting.push(existing.patchManager);
    if (conflicting.length && !request.force) {
      return [409, status(409, 'Conflict', `Apply failed with conflicts: fields managed by ${conflicting.join(', ')}`)];
    }
    // Ownership of fields this apply sets moves to its manager; a merge patch's other fields stay.
    const patched = request.force ? without(existing.patched, applied) : existing.patched;
    const desired = mergeJson(applied, patched);
    const refusal = immutabilityRefusal(path.kind, existing.object, desired);
    if (refusal) return refusal;
    existing.applied.set(request.fieldManager, applied);
    existing.patched = patched;
    if (sameContent(existing.object, desired)) return [200, existing.object];
    existing.object = this.stamp(desired, existing.object, request.fieldManager, 'Apply');
    this.afterChange(path.kind, key);
    return [200, existing.object];
  }

  private mergePatch(path: ParsedPath, key: string, body: string, request: RecordedRequest): [number, Json] {
    const existing = this.store.get(key);
    if (!existing) return [404, notFound(path)];
    const patch = JSON.parse(body) as Json;
    const desired = mergeJson(contentOf(existing.object), patch);
    const refusal = immutabilityRefusal(path.kind, existing.object, desired);
    if (refusal) return refusal;
    existing.patched = mergeJson(existing.patched, patch);
    existing.patchManager = request.fieldManager;
    if (sameContent(existing.object, desired)) return [200, existing.object];
    existing.object = this.stamp(desired, existing.object, request.fieldManager ?? 'unknown', 'Update');
    this.afterChange(path.kind, key);
    return [200, existing.object];
  }

  private remove(path: ParsedPath, key: string, body: string): [number, Json] {
    const existing = this.store.get(key);
    if (!existing) return [404, notFound(path)];
    const options = body ? (JSON.parse(body) as { preconditions?: { uid?: string } }) : {};
    const uid = options.preconditions?.uid;
    if (uid && uid !== meta(existing.object).uid) {
      return [409, status(409, 'Conflict', `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${String(meta(existing.object).uid)}`)];
    }
    if (path.kind === 'Namespace') {
      if (!existing.object['status'] || (existing.object['status'] as Json)['phase'] !== 'Terminating') {
        existing.object = {
          ...existing.object,
          metadata: { ...meta(existing.object), deletionTimestamp: new Date().toISOString(), resourceVersion: this.nextVersion() },
          status: { phase: 'Terminating' },
        };
        setTimeout(() => this.finishNamespaceDeletion(String(path.name)), this.namespaceDeletionDelayMs);
      }
      return [200, existing.object];
    }
    this.store.delete(key);
    if (path.kind === 'Pod') {
      this.onPodChange(existing.object, false);
      const owner = String(labelsOf(existing.object)['app.kubernetes.io/instance'] ?? '');
      const sts = this.store.get(keyOf('apps/v1', 'StatefulSet', path.namespace, owner));
      // The StatefulSet controller notices the missing pod and starts a new one: a restart.
      if (sts) setTimeout(() => this.reconcileStatefulSet(keyOf('apps/v1', 'StatefulSet', path.namespace, owner)), this.podRestartDelayMs);
    }
    if (path.kind === 'StatefulSet') this.deletePodsOf(path.namespace, String(path.name));
    return [200, status(200, 'Success', 'deleted')];
  }

  private async proxy(path: ParsedPath, req: IncomingMessage, body: string, res: ServerResponse): Promise<void> {
    const serviceName = String(path.name).split(':')[1] ?? String(path.name);
    const service = this.store.get(keyOf('v1', 'Service', path.namespace, serviceName));
    const target = service ? this.serviceProxyTarget(service.object) : undefined;
    if (!target) return send(res, 503, status(503, 'ServiceUnavailable', `no endpoints available for service "${serviceName}"`));
    try {
      const reply = await fetch(target, { method: req.method, headers: { 'content-type': 'application/json' }, body: req.method === 'GET' ? undefined : body });
      res.writeHead(reply.status, { 'content-type': reply.headers.get('content-type') ?? 'application/json' });
      res.end(await reply.text());
    } catch (error) {
      send(res, 503, status(503, 'ServiceUnavailable', `error trying to reach service: ${(error as Error).message}`));
    }
  }

  // ---- simulated cluster behaviour -------------------------------------------------------------

  private namespaceRefusal(path: ParsedPath): [number, Json] | null {
    if (!path.namespace || path.kind === 'Namespace') return null;
    const ns = this.store.get(keyOf('v1', 'Namespace', undefined, path.namespace));
    if (!ns) return [404, status(404, 'NotFound', `namespaces "${path.namespace}" not found`)];
    if ((ns.object['status'] as Json | undefined)?.['phase'] === 'Terminating') {
      return [403, status(403, 'Forbidden', `unable to create new content in namespace ${path.namespace} because it is being terminated`)];
    }
    return null;
  }

  private finishNamespaceDeletion(namespace: string): void {
    for (const [key, stored] of [...this.store.entries()]) {
      if (meta(stored.object).namespace === namespace) {
        this.store.delete(key);
        if (stored.object['kind'] === 'Pod') this.onPodChange(stored.object, false);
      }
    }
    this.store.delete(keyOf('v1', 'Namespace', undefined, namespace));
  }

  private afterChange(kind: string, key: string): void {
    if (kind === 'StatefulSet') this.reconcileStatefulSet(key);
  }

  private reconcileStatefulSet(key: string): void {
    const stored = this.store.get(key);
    if (!stored) return;
    const sts = stored.object;
    const namespace = String(meta(sts).namespace);
    const name = String(meta(sts).name);
    const spec = (sts['spec'] ?? {}) as Json;
    const replicas = Number(spec['replicas'] ?? 1);
    const podKey = keyOf('v1', 'Pod', namespace, `${name}-0`);
    if (replicas < 1) {
      this.deletePodsOf(namespace, name);
      return;
    }
    const template = (spec['template'] ?? {}) as Json;
    for (const claim of (spec['volumeClaimTemplates'] ?? []) as Json[]) {
      const claimName = `${String(meta(claim).name)}-${name}-0`;
      const claimKey = keyOf('v1', 'PersistentVolumeClaim', namespace, claimName);
      if (!this.store.has(claimKey)) {
        const pvc = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: claimName, namespace, labels: meta(claim).labels }, spec: claim['spec'], status: { phase: 'Bound' } };
        this.store.set(claimKey, { object: this.stamp(pvc, undefined, 'kube-controller-manager', 'Update'), applied: new Map(), patched: {} });
      }
    }
    if (this.store.has(podKey)) return;
    const pod: Json = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${name}-0`,
        namespace,
        labels: { ...((meta(template).labels ?? {}) as Json), 'statefulset.kubernetes.io/pod-name': `${name}-0` },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name, uid: meta(sts).uid, controller: true }],
      },
      spec: template['spec'],
    };
    const created = this.stamp(pod, undefined, 'kube-controller-manager', 'Update');
    created['status'] = { ...this.podStatusFor(created), startTime: new Date().toISOString() };
    this.store.set(podKey, { object: created, applied: new Map(), patched: {} });
    this.onPodChange(created, true);
  }

  private deletePodsOf(namespace: string | undefined, statefulSet: string): void {
    const key = keyOf('v1', 'Pod', namespace, `${statefulSet}-0`);
    const pod = this.store.get(key);
    if (pod) {
      this.store.delete(key);
      this.onPodChange(pod.object, false);
    }
  }

  /** Server-set metadata: uid and creation time once, a new resourceVersion per change. */
  private stamp(content: Json, previous: Json | undefined, manager: string, operation: 'Apply' | 'Update'): Json {
    const before = previous ? meta(previous) : undefined;
    const specChanged = !previous || JSON.stringify(previous['spec']) !== JSON.stringify(content['spec']);
    const generation = Number(before?.generation ?? 0) + (specChanged ? 1 : 0);
    return {
      ...content,
      metadata: {
        ...meta(content),
        uid: before?.uid ?? randomUUID(),
        creationTimestamp: before?.creationTimestamp ?? new Date().toISOString(),
        resourceVersion: this.nextVersion(),
        generation,
        managedFields: [{ manager, operation, apiVersion: content['apiVersion'] }],
      },
      ...(previous?.['status'] !== undefined ? { status: previous['status'] } : {}),
    };
  }

  private nextVersion(): string {
    return String(++this.resourceVersion);
  }
}

// ---- helpers -----------------------------------------------------------------------------------

function parsePath(pathname: string): ParsedPath | null {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  let apiVersion: string;
  let rest: string[];
  if (parts[0] === 'api' && parts[1] === 'v1') [apiVersion, rest] = ['v1', parts.slice(2)];
  else if (parts[0] === 'apis' && parts.length >= 3) [apiVersion, rest] = [`${parts[1]}/${parts[2]}`, parts.slice(3)];
  else return null;
  const resolve = (plural: string) => KIND_BY_PLURAL.get(`${apiVersion}/${plural}`);
  if (rest[0] === 'namespaces' && rest.length <= 2 && apiVersion === 'v1') return { apiVersion: 'v1', kind: 'Namespace', name: rest[1] };
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const kind = resolve(rest[2]);
    return kind ? { apiVersion, kind: kind.kind, namespace: rest[1], name: rest[3], sub: rest[4] } : null;
  }
  const kind = resolve(rest[0] ?? '');
  return kind && rest.length === 1 ? { apiVersion, kind: kind.kind } : null;
}

const keyOf = (apiVersion: string, kind: string, namespace: string | undefined, name: string) => `${apiVersion}/${kind}/${namespace ?? ''}/${name}`;

function meta(object: Json): Json & { name?: string; namespace?: string; uid?: string; labels?: Record<string, string>; generation?: number; creationTimestamp?: string } {
  return (object['metadata'] ?? {}) as Json;
}

function labelsOf(object: Json): Record<string, string> {
  return (meta(object).labels ?? {}) as Record<string, string>;
}

/** What a client set, without server-owned metadata and status. */
function contentOf(object: Json): Json {
  return { ...omit(object, ['status']), metadata: omit(meta(object), SERVER_METADATA) };
}

const SERVER_METADATA = ['uid', 'creationTimestamp', 'resourceVersion', 'generation', 'managedFields', 'deletionTimestamp'];

export function omit(object: Json, keys: readonly string[]): Json {
  return Object.fromEntries(Object.entries(object).filter(([key]) => !keys.includes(key)));
}

function sameContent(stored: Json, desired: Json): boolean {
  return canonical(contentOf(stored)) === canonical(contentOf(desired));
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Json)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** RFC 7386 JSON merge patch. */
function mergeJson(target: Json, patch: Json): Json {
  const out: Json = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else if (isObject(value) && isObject(out[key])) out[key] = mergeJson(out[key] as Json, value);
    else out[key] = value;
  }
  return out;
}

/** `patch` minus every leaf that `applied` also sets (those fields change owner). */
function without(patch: Json, applied: Json): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(patch)) {
    if (!(key in applied)) out[key] = value;
    else if (isObject(value) && isObject(applied[key])) {
      const rest = without(value, applied[key] as Json);
      if (Object.keys(rest).length) out[key] = rest;
    }
  }
  return out;
}

/** Whether two applied bodies set a common leaf field to different values. */
function overlaps(a: Json, b: Json): boolean {
  for (const [key, value] of Object.entries(b)) {
    if (key === 'apiVersion' || key === 'kind' || !(key in a)) continue;
    if (key === 'metadata') {
      const am = a[key] as Json;
      const bm = value as Json;
      if (overlaps({ labels: am['labels'] ?? {}, annotations: am['annotations'] ?? {} }, { labels: bm['labels'] ?? {}, annotations: bm['annotations'] ?? {} })) return true;
      continue;
    }
    if (isObject(value) && isObject(a[key])) {
      if (overlaps(a[key] as Json, value)) return true;
    } else if (canonical(value) !== canonical(a[key])) return true;
  }
  return false;
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The API server's validation of updates the driver can run into. */
function immutabilityRefusal(kind: string, before: Json, after: Json): [number, Json] | null {
  if (kind === 'Secret' && before['immutable'] === true && canonical(before['data']) !== canonical(after['data'])) {
    return [422, status(422, 'Invalid', 'Secret is invalid: data: Forbidden: field is immutable when `immutable` is set')];
  }
  if (kind === 'StatefulSet') {
    const mutable = ['replicas', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds', 'ordinals', 'revisionHistoryLimit'];
    const strip = (spec: unknown) => Object.fromEntries(Object.entries((spec ?? {}) as Json).filter(([k]) => !mutable.includes(k)));
    if (canonical(strip(before['spec'])) !== canonical(strip(after['spec']))) {
      return [
        422,
        status(422, 'Invalid', "StatefulSet.apps is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"),
      ];
    }
  }
  return null;
}

function notFound(path: ParsedPath): Json {
  return status(404, 'NotFound', `${path.kind.toLowerCase()}s "${path.name}" not found`);
}

function status(code: number, reason: string, message: string): Json {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: code < 300 ? 'Success' : 'Failure', message, reason, code };
}

function send(res: ServerResponse, code: number, body: Json): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
