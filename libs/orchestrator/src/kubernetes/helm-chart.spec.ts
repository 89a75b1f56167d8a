import { loadConfig } from '@chainloom/core';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { MANAGED_RESOURCES } from './kubernetes-api.client';
import { HelmTemplateRenderer, TemplateError, renderChart, type HelmContext, type RenderedChart } from './test/helm-template.renderer';
import { validateJsonSchema } from './test/json-schema.validator';
import { validateAgainstSchema } from './test/manifest-schemas';
import { typeCheckManifests } from './test/typed-manifests.checker';

/**
 * Checks helm/chainloom without a helm binary (none on this machine):
 * 1. Chart.yaml has the fields Helm requires; values.yaml parses and satisfies values.schema.json,
 *    and the schema rejects typos (it is strict);
 * 2. every template renders with our renderer for the chart's template SUBSET (it refuses any
 *    construct outside it), for the default values and for variants that switch every branch;
 * 3. every rendered object validates against the official Kubernetes schemas (kubernetes-models)
 *    and type-checks against their TypeScript interfaces (which rejects unknown fields);
 * 4. the objects say what the chart promises (probes, security contexts, secrets by reference,
 *    hook annotations, RBAC equal to what the driver uses);
 * 5. with CHAINLOOM_HELM_RENDERED=<file> from `helm template chainloom helm/chainloom --namespace
 *    chainloom > file` (on a machine with helm), the real helm output must equal ours.
 */

const CHART = resolve(__dirname, '../../../../helm/chainloom');
type Json = Record<string, unknown>;
const at = (object: unknown, ...path: (string | number)[]): unknown => path.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k], object);
const objects = (chart: RenderedChart, kind?: string) => chart.documents.map((d) => d.object).filter((o) => !kind || o['kind'] === kind);
const nameOf = (o: Json) => String(at(o, 'metadata', 'name'));

const VARIANTS: Record<string, Json> = {
  defaults: {},
  services: {
    mode: 'services',
    ingress: { enabled: true, className: 'nginx', tls: { enabled: true }, annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' } },
    rbac: { serviceProxy: true },
    secrets: { previousMasterKeysKey: 'MASTER_KEYS_PREVIOUS' },
    config: { publicUrl: 'https://chainloom.example.com', corsOrigins: 'https://app.example.com', extraEnv: { RECONCILE_INTERVAL_MS: '15000' } },
    kubernetesDriver: { enabled: true, besuImage: 'hyperledger/besu:24.12.2', metricsNamespaces: ['monitoring'] },
    imagePullSecrets: [{ name: 'registry' }],
    nodeSelector: { 'kubernetes.io/os': 'linux' },
    tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'chainloom', effect: 'NoSchedule' }],
    podAnnotations: { 'prometheus.io/scrape': 'true' },
  },
  autoscaled: {
    apps: { platform: { api: { autoscaling: { enabled: true } }, worker: { autoscaling: { enabled: true } } } },
    serviceAccount: { create: false, name: 'existing' },
    fullnameOverride: 'cl',
  },
  minimal: { migrations: { enabled: false }, kubernetesDriver: { enabled: false }, podDisruptionBudget: { enabled: false }, rbac: { create: false } },
};
const rendered = Object.fromEntries(Object.entries(VARIANTS).map(([name, values]) => [name, renderChart(CHART, { values })])) as Record<string, RenderedChart>;

describe('helm/chainloom', () => {
  it('has the Chart.yaml fields Helm needs', () => {
    const chart = parseYaml(readFileSync(join(CHART, 'Chart.yaml'), 'utf8')) as Json;
    expect(chart).toMatchObject({ apiVersion: 'v2', name: 'chainloom', type: 'application' });
    expect(String(chart['version'])).toMatch(/^\d+\.\d+\.\d+(-[\w.]+)?$/);
    expect(String(chart['appVersion'])).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('has values that satisfy values.schema.json, and a schema that rejects mistakes', () => {
    const schema = JSON.parse(readFileSync(join(CHART, 'values.schema.json'), 'utf8')) as Json;
    const values = parseYaml(readFileSync(join(CHART, 'values.yaml'), 'utf8')) as Json;
    expect(validateJsonSchema(schema, values)).toEqual([]);
    expect(validateJsonSchema(schema, { ...values, mode: 'servces' })).toEqual([expect.stringContaining('mode: must be one of')]);
    expect(validateJsonSchema(schema, { ...values, imge: {} })).toEqual([expect.stringContaining('unknown key "imge"')]);
    const badReplicas = structuredClone(values) as { apps: { platform: { api: { replicas: unknown } } } };
    badReplicas.apps.platform.api.replicas = 'two';
    expect(validateJsonSchema(schema, badReplicas)).toEqual([expect.stringContaining('apps.platform.api.replicas: must be integer')]);
  });

  it.each(Object.keys(VARIANTS))('renders the %s variant into objects valid against the Kubernetes schemas', (variant) => {
    const chart = rendered[variant];
    expect(chart.documents.length).toBeGreaterThan(3);
    for (const { object } of chart.documents) validateAgainstSchema(object);
  });

  it('type-checks every rendered object against the official schemas’ interfaces (no unknown fields)', () => {
    const all = Object.entries(rendered).flatMap(([variant, chart]) => chart.documents.map((d) => ({ object: d.object, label: `${variant}/${d.file}/${nameOf(d.object)}` })));
    expect(typeCheckManifests(all)).toEqual([]);
    // The check can fail: a misspelt field is caught.
    const [deployment] = objects(rendered['defaults'], 'Deployment');
    const typo = structuredClone(deployment) as { spec: { template: { spec: { containers: Json[] } } } };
    typo.spec.template.spec.containers[0]['readinesProbe'] = { httpGet: { path: '/health/ready', port: 'http' } };
    expect(typeCheckManifests([{ object: typo as unknown as Json, label: 'typo' }])).toEqual([expect.stringMatching(/readinesProbe.*does not exist in type 'IContainer'/)]);
  });

  it('installs the platform by default: API and worker Deployments, a Service, the migration hook, RBAC', () => {
    const chart = rendered['defaults'];
    const kinds = chart.documents.map((d) => `${d.object['kind']}/${nameOf(d.object)}`).sort();
    expect(kinds).toEqual(
      [
        'ClusterRole/chainloom-chain-driver',
        'ClusterRoleBinding/chainloom-chain-driver',
        'ConfigMap/chainloom',
        'Deployment/chainloom-platform-api',
        'Deployment/chainloom-platform-worker',
        'Job/chainloom-migrate',
        'PodDisruptionBudget/chainloom-platform-api',
        'Service/chainloom-platform',
        'ServiceAccount/chainloom',
      ].sort(),
    );
    for (const object of objects(chart)) {
      expect(at(object, 'metadata', 'labels')).toMatchObject({
        'app.kubernetes.io/name': 'chainloom',
        'app.kubernetes.io/instance': 'chainloom',
        'app.kubernetes.io/managed-by': 'Helm',
        'app.kubernetes.io/part-of': 'chainloom',
      });
    }
    expect(at(objects(chart, 'ConfigMap')[0], 'data')).toMatchObject({ HOST: '0.0.0.0', DATABASE_MIGRATE: 'false', KUBERNETES_PLATFORM_NAMESPACE: 'chainloom', NOTARY_NETWORK: 'off' });
    expect(chart.notes).toContain('port-forward svc/chainloom-platform');
  });

  it("writes a configuration the platform's env schema accepts (e.g. KUBERNETES_DRIVER as true, not on)", () => {
    // The Secret's values (by reference in the chart) stand in as placeholders.
    const secrets = { MASTER_KEY: Buffer.alloc(32, 1).toString('base64'), DATABASE_URL: 'postgresql://u@db:5432/chainloom', REDIS_URL: 'redis://redis:6379' };
    for (const chart of Object.values(rendered)) {
      expect(() => loadConfig({ ...(at(objects(chart, 'ConfigMap')[0], 'data') as Record<string, string>), ...secrets })).not.toThrow();
    }
    expect(loadConfig({ ...(at(objects(rendered['defaults'], 'ConfigMap')[0], 'data') as Record<string, string>), ...secrets }).KUBERNETES_DRIVER).toBe(true);
  });

  it('runs every Deployment non-root on a read-only filesystem, probed on /health, with secrets by reference', () => {
    for (const chart of Object.values(rendered)) {
      for (const deployment of objects(chart, 'Deployment')) {
        const pod = at(deployment, 'spec', 'template', 'spec') as Json;
        const [container] = pod['containers'] as Json[];
        expect(at(pod, 'securityContext', 'runAsNonRoot')).toBe(true);
        expect(container['securityContext']).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
        expect(at(container, 'livenessProbe', 'httpGet', 'path')).toBe('/health/live');
        expect(at(container, 'readinessProbe', 'httpGet', 'path')).toBe('/health/ready');
        expect(at(container, 'resources', 'limits')).toBeDefined();
        const env = container['env'] as { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string } } }[];
        for (const name of ['DATABASE_URL', 'REDIS_URL', 'MASTER_KEY']) {
          expect(env.find((e) => e.name === name)?.valueFrom?.secretKeyRef?.name).toBe('chainloom');
        }
        const role = env.find((e) => e.name === 'CHAINLOOM_ROLE')?.value;
        expect(['api', 'worker']).toContain(role);
        expect(nameOf(deployment).endsWith(`-${role}`)).toBe(true);
        // The selector picks this Deployment's own pods.
        expect(at(deployment, 'spec', 'template', 'metadata', 'labels')).toMatchObject(at(deployment, 'spec', 'selector', 'matchLabels') as Json);
      }
    }
  });

  it('mounts the Kubernetes API token only where the chain driver runs', () => {
    const tokens = (chart: RenderedChart) =>
      Object.fromEntries(objects(chart, 'Deployment').map((d) => [nameOf(d), at(d, 'spec', 'template', 'spec', 'automountServiceAccountToken')]));
    expect(tokens(rendered['defaults'])).toEqual({ 'chainloom-platform-api': false, 'chainloom-platform-worker': true });
    expect(tokens(rendered['services'])).toMatchObject({ 'chainloom-chain-service-worker': true, 'chainloom-tenant-service-worker': false, 'chainloom-chain-service-api': false });
    expect(tokens(rendered['minimal'])).toEqual({ 'chainloom-platform-api': false, 'chainloom-platform-worker': false });
  });

  it('migrates in a pre-install/pre-upgrade Job that needs only the pre-existing Secret', () => {
    const [job] = objects(rendered['defaults'], 'Job');
    expect(at(job, 'metadata', 'annotations')).toMatchObject({ 'helm.sh/hook': 'pre-install,pre-upgrade', 'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded' });
    const pod = at(job, 'spec', 'template', 'spec') as Json;
    expect(pod).toMatchObject({ restartPolicy: 'Never', automountServiceAccountToken: false });
    expect(pod['serviceAccountName']).toBeUndefined();
    expect(at(pod, 'containers', 0, 'args')).toEqual(['migrate']);
    expect(JSON.stringify(job)).not.toContain('configMapRef');
    expect(objects(rendered['minimal'], 'Job')).toEqual([]);
    expect(at(objects(rendered['minimal'], 'ConfigMap')[0], 'data', 'DATABASE_MIGRATE')).toBeUndefined();
  });

  it('grants the chain driver exactly the resources it manages, and no more', () => {
    const [role] = objects(rendered['defaults'], 'ClusterRole');
    const granted = (at(role, 'rules') as { apiGroups: string[]; resources: string[]; verbs: string[] }[]).flatMap((rule) =>
      rule.resources.map((r) => `${rule.apiGroups[0] === '' ? 'v1' : rule.apiGroups[0]}/${r}`),
    );
    const managed = Object.entries(MANAGED_RESOURCES).map(([key, { plural }]) => `${key.split('/').slice(0, -1).join('/').replace(/\/v1$/, '') || 'v1'}/${plural}`);
    expect(granted.sort()).toEqual([...managed, 'v1/pods/log'].sort());
    expect(JSON.stringify(role)).not.toContain('"*"');
    const [binding] = objects(rendered['defaults'], 'ClusterRoleBinding');
    expect(at(binding, 'subjects', 0)).toEqual({ kind: 'ServiceAccount', name: 'chainloom', namespace: 'chainloom' });
    const proxied = at(objects(rendered['services'], 'ClusterRole')[0], 'rules') as { resources: string[] }[];
    expect(proxied.flatMap((r) => r.resources)).toContain('services/proxy');
    expect(objects(rendered['minimal'], 'ClusterRole')).toEqual([]);
  });

  it('splits per service with an Ingress routing every path to a rendered Service', () => {
    const chart = rendered['services'];
    expect(objects(chart, 'Deployment').map(nameOf).sort()).toEqual(
      ['certificate-service', 'chain-service', 'tenant-service'].flatMap((s) => [`chainloom-${s}-api`, `chainloom-${s}-worker`]).sort(),
    );
    const services = new Set(objects(chart, 'Service').map(nameOf));
    const [ingress] = objects(chart, 'Ingress');
    const paths = at(ingress, 'spec', 'rules', 0, 'http', 'paths') as { path: string; backend: { service: { name: string } } }[];
    expect(paths.length).toBeGreaterThan(10);
    for (const p of paths) expect(services).toContain(p.backend.service.name);
    expect(paths.find((p) => p.path === '/rpc')?.backend.service.name).toBe('chainloom-chain-service');
    expect(at(ingress, 'spec', 'tls', 0, 'secretName')).toBe('chainloom-tls');
  });

  it('autoscales with HPAs that target rendered Deployments, which then leave replicas to the HPA', () => {
    const chart = rendered['autoscaled'];
    const deployments = new Map(objects(chart, 'Deployment').map((d) => [nameOf(d), d]));
    const hpas = objects(chart, 'HorizontalPodAutoscaler');
    expect(hpas.map(nameOf).sort()).toEqual(['cl-platform-api', 'cl-platform-worker']);
    for (const hpa of hpas) {
      const target = deployments.get(String(at(hpa, 'spec', 'scaleTargetRef', 'name')));
      expect(target).toBeDefined();
      expect(at(target, 'spec', 'replicas')).toBeUndefined();
    }
    expect(at(deployments.get('cl-platform-api'), 'spec', 'template', 'spec', 'serviceAccountName')).toBe('existing');
    expect(objects(chart, 'ServiceAccount')).toEqual([]);
  });

  it('matches real `helm template` output when one is provided (CHAINLOOM_HELM_RENDERED)', () => {
    const file = process.env['CHAINLOOM_HELM_RENDERED'];
    if (!file || !existsSync(file)) {
      // Nothing to compare on this machine: no helm. docs/kubernetes.md says how to produce the file.
      return;
    }
    const helm = parseAllDocuments(readFileSync(file, 'utf8'))
      .map((d) => d.toJS() as Json | null)
      .filter((o): o is Json => o !== null);
    const key = (o: Json) => `${o['kind']}/${nameOf(o)}`;
    const ours = objects(rendered['defaults']);
    expect(helm.map(key).sort()).toEqual(ours.map(key).sort());
    for (const object of ours) expect(helm.find((h) => key(h) === key(object))).toEqual(object);
  });
});

describe('the chart’s template renderer', () => {
  const context = (values: Json): HelmContext => ({
    Values: values,
    Release: { Name: 'r', Namespace: 'ns', Service: 'Helm', IsInstall: true, IsUpgrade: false, Revision: 1 },
    Chart: { Name: 'c', Version: '1.0.0', AppVersion: '1.0.0' },
  });
  const render = (source: string, values: Json = {}) => {
    const renderer = new HelmTemplateRenderer('t');
    return renderer.render(renderer.load(source), context(values));
  };

  it('trims whitespace, ranges over sorted map keys, and pipes like Go templates', () => {
    expect(render('a:\n  {{- range $k, $v := .Values.m }}\n  {{ $k }}: {{ $v | quote }}\n  {{- end }}\n', { m: { b: 2, a: 'x' } })).toBe('a:\n  a: "x"\n  b: "2"\n');
    expect(render('{{ printf "%s-%s" .Release.Name .Chart.Name | trunc 3 | trimSuffix "-" }}')).toBe('r-c');
    expect(render('{{ if and .Values.a (not .Values.b) }}yes{{ else if .Values.b }}b{{ else }}no{{ end }}', { a: 1, b: 0 })).toBe('yes');
    expect(render('x:{{ toYaml .Values.o | nindent 2 }}', { o: { z: 1, a: [1, 2] } })).toBe('x:\n  a:\n    - 1\n    - 2\n  z: 1');
  });

  it('refuses what it does not implement, and nil fields as Helm does', () => {
    expect(() => render('{{ tpl .Values.x . }}')).toThrow(TemplateError);
    expect(() => render('{{ upper "x" }}')).toThrow(/outside the supported subset/);
    expect(() => render('{{ .Values.missing.field }}')).toThrow(/nil pointer/);
    expect(render('[{{ .Values.missing }}]')).toBe('[]');
    expect(() => render('{{ if .Values.a }}open')).toThrow(/missing/);
  });
});
