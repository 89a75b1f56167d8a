import { SecretBox, parseMasterKey } from '@chainloom/chain';
import { randomBytes } from 'node:crypto';
import { planBesuNetwork } from '../besu/besu-network';
import { decodeQbftExtraData } from '../besu/qbft-extra-data';
import type { KubeObject } from './kubernetes-api.client';
import { LABEL, namespaceForNetwork, nodeDataClaimName, nodePodName, nodeWorkloadName } from './kubernetes-names';
import { networkObjects, nodeObjects, retainedKeySecret, type ManifestContext, type NetworkManifestInput } from './manifests';
import { PLAN_NETWORK_RESOURCES } from './network-resources';
import { validateAgainstSchema } from './test/manifest-schemas';

const ctx: ManifestContext = { platformNamespace: 'chainloom', besuImage: 'hyperledger/besu:24.12.2', clusterDomain: 'cluster.local', metricsNamespaces: ['monitoring'] };
const box = new SecretBox([parseMasterKey(randomBytes(32).toString('hex'))]);
const plan = planBesuNetwork(box, [
  { nodeId: 'nod_01hzz000000000000000000001', role: 'validator' },
  { nodeId: 'nod_01hzz000000000000000000002', role: 'validator' },
  { nodeId: 'nod_01hzz000000000000000000003', role: 'validator' },
  { nodeId: 'nod_01hzz000000000000000000004', role: 'validator' },
  { nodeId: 'nod_01hzz000000000000000000005', role: 'rpc' },
]);
const input: NetworkManifestInput = {
  networkId: 'net_01hzz0000000000000000000aa',
  chainId: 4242,
  blockTimeSeconds: 2,
  genesisAlloc: { '0x00000000000000000000000000000000000000aa': '1000' },
  besu: {
    tenantId: 'ten_01hzz0000000000000000000tt',
    genesisValidators: plan.genesisValidators,
    members: plan.nodes,
    resources: { ...PLAN_NETWORK_RESOURCES.STANDARD, maxNodes: 5, storageClassName: 'fast-ssd' },
    consortiumNamespaces: ['cl-net-partner'],
  },
};
const validator = { nodeId: plan.nodes[0].nodeId, role: 'validator' as const, privateKey: '0x' + '11'.repeat(32), replicas: 1 as const };
const everything = (): KubeObject[] => [
  ...networkObjects(ctx, input),
  ...plan.nodes.flatMap((n) => nodeObjects(ctx, input, { nodeId: n.nodeId, role: n.role, privateKey: '0x' + '22'.repeat(32), replicas: 1 })),
  retainedKeySecret(ctx, { networkId: input.networkId, nodeId: validator.nodeId, tenantId: input.besu.tenantId }, 'v1.sealed', new Date('2030-01-01T00:00:00Z')),
];
const byKind = (objects: KubeObject[], kind: string, name?: string) => objects.filter((o) => o.kind === kind && (!name || o.metadata?.name === name));
// Narrow reads of the plain objects without asserting a type per line.
const at = (object: unknown, ...path: (string | number)[]): unknown => path.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k], object);

describe('manifests', () => {
  it('validates every object against the official Kubernetes schemas (kubernetes-models)', () => {
    const objects = everything();
    expect(objects.map((o) => o.kind)).toEqual(
      expect.arrayContaining(['Namespace', 'ResourceQuota', 'LimitRange', 'NetworkPolicy', 'ConfigMap', 'Secret', 'Service', 'StatefulSet']),
    );
    for (const object of objects) validateAgainstSchema(object);
  });

  it('has a validator that can fail: a wrong type is rejected', () => {
    const [sts] = byKind(nodeObjects(ctx, input, validator), 'StatefulSet');
    const broken = JSON.parse(JSON.stringify(sts)) as { spec: { replicas: unknown } };
    broken.spec.replicas = 'one';
    expect(() => validateAgainstSchema(broken as unknown as KubeObject)).toThrow(/replicas must be integer/);
  });

  it('labels every object with app.kubernetes.io/* and the tenant and network', () => {
    for (const object of everything()) {
      const labels = object.metadata?.labels ?? {};
      expect(labels).toMatchObject({ [LABEL.partOf]: 'chainloom', [LABEL.managedBy]: 'chainloom', [LABEL.networkId]: input.networkId, [LABEL.tenantId]: input.besu.tenantId });
    }
    const [sts] = byKind(nodeObjects(ctx, input, validator), 'StatefulSet');
    expect(at(sts, 'spec', 'template', 'metadata', 'labels')).toMatchObject({
      [LABEL.name]: 'besu',
      [LABEL.instance]: nodeWorkloadName(validator.nodeId),
      [LABEL.component]: 'validator',
      [LABEL.version]: '24.12.2',
      [LABEL.nodeId]: validator.nodeId,
    });
  });

  it('is a pure function of its input (a second apply has nothing to change)', () => {
    expect(everything()).toEqual(everything());
  });

  it('sizes quota and limits from the plan', () => {
    const objects = networkObjects(ctx, input);
    expect(at(byKind(objects, 'ResourceQuota')[0], 'spec', 'hard')).toMatchObject({
      pods: '5',
      persistentvolumeclaims: '5',
      'requests.cpu': '2500m',
      'limits.cpu': '10',
      'requests.memory': '10Gi',
      'limits.memory': '15Gi',
      'requests.storage': '100Gi',
      'services.loadbalancers': '0',
      'services.nodeports': '0',
    });
    expect(at(byKind(objects, 'LimitRange')[0], 'spec', 'limits', 0)).toMatchObject({ default: { cpu: '2', memory: '3Gi' }, defaultRequest: { cpu: '500m', memory: '2Gi' } });
  });

  it('allows p2p only inside the network and from consortium namespaces, JSON-RPC only from the platform', () => {
    const objects = networkObjects(ctx, input);
    expect(at(byKind(objects, 'NetworkPolicy', 'default-deny')[0], 'spec')).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    const p2p = byKind(objects, 'NetworkPolicy', 'besu-p2p')[0];
    expect(at(p2p, 'spec', 'ingress', 0)).toEqual({
      from: [
        { podSelector: { matchLabels: { [LABEL.name]: 'besu' } } },
        {
          namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['cl-net-partner'] }] },
          podSelector: { matchLabels: { [LABEL.name]: 'besu' } },
        },
      ],
      ports: [{ protocol: 'TCP', port: 30303 }],
    });
    const rpc = byKind(objects, 'NetworkPolicy', 'besu-rpc-from-platform')[0];
    expect(at(rpc, 'spec', 'ingress', 0)).toEqual({
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'chainloom' } } }],
      ports: [{ protocol: 'TCP', port: 8545 }],
    });
    // No rule anywhere admits 8545 from another namespace or from pods of the network itself.
    const rules = byKind(objects, 'NetworkPolicy').flatMap((p) => (at(p, 'spec', 'ingress') as { ports?: { port: number }[]; from?: unknown[] }[] | undefined) ?? []);
    const rpcRules = rules.filter((r) => r.ports?.some((p) => p.port === 8545));
    expect(rpcRules).toHaveLength(1);
  });

  it('puts the genesis (QBFT extraData with the validators) and the static nodes in the ConfigMap', () => {
    const config = byKind(networkObjects(ctx, input), 'ConfigMap')[0];
    const genesis = JSON.parse(String(at(config, 'data', 'genesis.json'))) as { extraData: string; config: { qbft: unknown } };
    expect(decodeQbftExtraData(genesis.extraData).validators).toEqual(plan.genesisValidators);
    expect(genesis.config.qbft).toEqual({ blockperiodseconds: 2, epochlength: 30000, requesttimeoutseconds: 4 });
    const enodes = JSON.parse(String(at(config, 'data', 'static-nodes.json'))) as string[];
    expect(enodes).toHaveLength(5);
    expect(enodes[0]).toBe(`enode://${plan.nodes[0].publicKey}@${nodeWorkloadName(plan.nodes[0].nodeId)}.${namespaceForNetwork(input.networkId)}.svc.cluster.local:30303`);
  });

  it('runs one Besu replica per node with a volume, probes on Besu’s health endpoints and a restricted security context', () => {
    const [secret, service, sts] = nodeObjects(ctx, input, validator);
    expect(at(secret, 'data', 'key')).toBe(Buffer.from(validator.privateKey).toString('base64'));
    expect(at(service, 'spec')).toMatchObject({ clusterIP: 'None', publishNotReadyAddresses: true });
    expect(at(sts, 'spec', 'replicas')).toBe(1);
    expect(at(sts, 'spec', 'volumeClaimTemplates', 0, 'spec')).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '20Gi' } }, storageClassName: 'fast-ssd' });
    const container = at(sts, 'spec', 'template', 'spec', 'containers', 0) as Record<string, unknown>;
    expect(at(container, 'livenessProbe', 'httpGet')).toEqual({ path: '/liveness', port: 'rpc' });
    expect(at(container, 'readinessProbe', 'httpGet', 'path')).toMatch(/^\/readiness\?/);
    expect(container['args']).toEqual(expect.arrayContaining(['--rpc-http-enabled=true', '--discovery-enabled=false', '--node-private-key-file=/etc/besu/key/key']));
    expect(at(container, 'resources')).toEqual({ requests: { cpu: '500m', memory: '2Gi' }, limits: { cpu: '2', memory: '3Gi' } });
    expect(at(container, 'securityContext')).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(at(sts, 'spec', 'template', 'spec', 'automountServiceAccountToken')).toBe(false);
    expect(nodePodName(validator.nodeId)).toBe(`${nodeWorkloadName(validator.nodeId)}-0`);
    expect(nodeDataClaimName(validator.nodeId)).toBe(`data-${nodeWorkloadName(validator.nodeId)}-0`);
    expect(nodeWorkloadName(validator.nodeId).length).toBeLessThanOrEqual(52);
  });
});
