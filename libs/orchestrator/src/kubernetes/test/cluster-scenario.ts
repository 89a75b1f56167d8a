// The create / wait for blocks / add / remove / restart / delete scenario against a REAL cluster
// (kind, k3d, minikube, any KUBECONFIG context). Run it through deploy/scripts/k8s-scenario.sh,
// which checks the context first. It creates one namespace for the network and one for the
// "platform" (retained keys), and removes both at the end, or on failure unless SCENARIO_KEEP=1.
//
// Environment (all optional):
//   SCENARIO_PLATFORM_NAMESPACE  default chainloom-scenario
//   SCENARIO_RPC                 proxy (default: through the API server) | port-forward (kubectl)
//   SCENARIO_BESU_IMAGE          default the driver's pinned image
//   SCENARIO_STORAGE_CLASS       default the cluster's default StorageClass
//   SCENARIO_BLOCK_SECONDS       default 2
//   SCENARIO_TIMEOUT_SECONDS     per step, default 600 (image pulls on a fresh cluster are slow)
//   SCENARIO_SKIP_RESTART=1      skip the rolling restart
//   SCENARIO_KEEP=1              keep everything on failure, for inspection
import { SecretBox, parseMasterKey } from '@chainloom/chain';
import { KubeConfig } from '@kubernetes/client-node';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { planBesuNetwork, type BesuNetworkSettings } from '../../besu/besu-network';
import type { NodeSpec } from '../../chain-driver';
import { jsonRpc } from '../../json-rpc.client';
import { KubernetesDriver } from '../kubernetes.driver';
import { namespaceForNetwork, nodePodName } from '../kubernetes-names';
import { apiServerProxyRpc, type NodeRpc, type RpcTarget } from '../node-rpc.client';
import { QbftOperations } from '../qbft-operations';

type Env = Readonly<Record<string, string | undefined>>;

export interface ScenarioOptions {
  readonly kubeConfig: KubeConfig;
  readonly env: Env;
  readonly out: (line: string) => void;
  /** How often to poll the cluster and the nodes (2 s against a real cluster). */
  readonly pollIntervalMs?: number;
}

/** Refuses (throws) unless there is a kubeconfig with a current context, or in-cluster config. */
export function loadKubeConfig(env: Env): KubeConfig {
  const files = (env['KUBECONFIG'] ?? '').split(':').filter(Boolean);
  const inCluster = Boolean(env['KUBERNETES_SERVICE_HOST']);
  if (files.length === 0 && !existsSync(join(homedir(), '.kube', 'config')) && !inCluster) {
    throw new Error('No KUBECONFIG is set and ~/.kube/config does not exist: this scenario needs a real cluster (kind, k3d, minikube, …). Nothing was done.');
  }
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromDefault();
  const context = kubeConfig.getCurrentContext();
  const cluster = kubeConfig.getCurrentCluster();
  if (!context || context === 'loaded-context' || !cluster?.server) {
    throw new Error('The kubeconfig has no current context; pick one with `kubectl config use-context <name>`. Nothing was done.');
  }
  return kubeConfig;
}

/** JSON-RPC through `kubectl port-forward` to each node's pod; NetworkPolicies do not apply to it. */
function portForwardRpc(): NodeRpc & { close(): void } {
  const forwards = new Map<string, { child: ChildProcess; port: Promise<number> }>();
  const open = (t: RpcTarget) => {
    const key = `${t.networkId}/${t.nodeId}`;
    let forward = forwards.get(key);
    if (!forward || forward.child.exitCode !== null) {
      const child = spawn('kubectl', ['port-forward', '--namespace', namespaceForNetwork(t.networkId), `pod/${nodePodName(t.nodeId)}`, ':8545'], { stdio: ['ignore', 'pipe', 'pipe'] });
      const port = new Promise<number>((resolve, reject) => {
        child.stdout?.on('data', (chunk: Buffer) => {
          const match = /127\.0\.0\.1:(\d+)/.exec(chunk.toString());
          if (match) resolve(Number(match[1]));
        });
        child.on('exit', (code) => reject(new Error(`kubectl port-forward exited with ${code}`)));
        child.on('error', reject);
      });
      port.catch(() => undefined);
      forward = { child, port };
      forwards.set(key, forward);
    }
    return forward;
  };
  return {
    url: (t) => `kubectl-port-forward://${namespaceForNetwork(t.networkId)}/${nodePodName(t.nodeId)}`,
    call: async <T>(t: RpcTarget, method: string, params: readonly unknown[] = [], timeoutMs = 5_000): Promise<T> => {
      const forward = open(t);
      try {
        return await jsonRpc<T>(`http://127.0.0.1:${await forward.port}`, method, params, timeoutMs);
      } catch (error) {
        // The pod may have been restarted under the forward: drop it, the next call reopens.
        forward.child.kill();
        forwards.delete(`${t.networkId}/${t.nodeId}`);
        throw error;
      }
    },
    close: () => forwards.forEach((f) => f.child.kill()),
  };
}

/** Runs the whole scenario; true when every step passed. Cleans up after a failure unless SCENARIO_KEEP=1. */
export async function runScenario(options: ScenarioOptions): Promise<boolean> {
  const { kubeConfig, env, out } = options;
  const started = Date.now();
  const step = (title: string) => out(`\n\x1b[1m==> ${title}\x1b[0m  (+${((Date.now() - started) / 1000).toFixed(0)} s)`);
  const info = (line: string) => out(`    ${line}`);
  const platformNamespace = env['SCENARIO_PLATFORM_NAMESPACE'] ?? 'chainloom-scenario';
  const timeoutMs = Number(env['SCENARIO_TIMEOUT_SECONDS'] ?? 600) * 1000;
  const blockTimeSeconds = Number(env['SCENARIO_BLOCK_SECONDS'] ?? 2);
  const usePortForward = env['SCENARIO_RPC'] === 'port-forward';
  const forwarded = usePortForward ? portForwardRpc() : undefined;
  step(`Cluster: context ${kubeConfig.getCurrentContext()} at ${kubeConfig.getCurrentCluster()?.server}`);
  info(`JSON-RPC to nodes: ${usePortForward ? 'kubectl port-forward' : 'the API server service proxy'}`);

  const box = new SecretBox([parseMasterKey(randomBytes(32).toString('base64'))]);
  const driver = new KubernetesDriver({
    secretBox: box,
    kubeConfig,
    platformNamespace,
    besuImage: env['SCENARIO_BESU_IMAGE'] || undefined,
    rpc: forwarded ?? apiServerProxyRpc(kubeConfig),
    startTimeoutMs: timeoutMs,
    stopTimeoutMs: timeoutMs,
    pollIntervalMs: options.pollIntervalMs ?? 2_000,
    rpcTimeoutMs: 5_000,
    onWarning: (message) => info(`warning: ${message}`),
  });
  const ops = new QbftOperations(driver);
  const suffix = randomBytes(4).toString('hex');
  const networkId = `net_scenario${suffix}`;
  const roles = [0, 1, 2, 3, 4].map((i) => ({ nodeId: `nod_${suffix}v${i}`, role: 'validator' as const }));
  const planned = planBesuNetwork(box, roles);
  const genesisValidators = planned.nodes.slice(0, 4).map((n) => n.address).sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
  const network = (count: number): BesuNetworkSettings => ({
    tenantId: 'ten_scenario',
    genesisValidators,
    members: planned.nodes.slice(0, count).map(({ nodeId, role, publicKey }) => ({ nodeId, role, publicKey })),
    resources: {
      maxNodes: 5,
      node: { cpuRequest: '100m', cpuLimit: '1', memoryRequest: '768Mi', memoryLimit: '1536Mi', storage: '1Gi' },
      storageClassName: env['SCENARIO_STORAGE_CLASS'] || undefined,
    },
  });
  const chainId = randomInt(100_000, 900_000);
  const spec = (index: number, members: number): NodeSpec => ({
    networkId,
    nodeId: planned.nodes[index].nodeId,
    protocol: 'besu-qbft',
    chainId,
    blockTimeSeconds,
    genesisAlloc: {},
    besu: { sealedNodeKey: planned.nodes[index].sealedNodeKey, network: network(members) },
  });

  try {
    step(`Platform namespace ${platformNamespace}`);
    await driver.api.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: platformNamespace, labels: { 'app.kubernetes.io/part-of': 'chainloom' } } });
    info('ready');

    step(`Create network ${networkId} (4 validators, chain id ${chainId}) in namespace ${namespaceForNetwork(networkId)}`);
    for (let i = 0; i < 4; i++) {
      const t = Date.now();
      const runtime = await driver.ensureNode(spec(i, 4));
      info(`${runtime.nodeId}: ${runtime.startedFrom}, ${runtime.handle} ready in ${((Date.now() - t) / 1000).toFixed(0)} s`);
    }
    step('Apply the same network again (must change nothing)');
    const calls = { ...driver.api.calls };
    for (let i = 0; i < 4; i++) info(`${planned.nodes[i].nodeId}: ${(await driver.ensureNode(spec(i, 4))).startedFrom}`);
    info(`${driver.api.calls.apply - calls.apply} applies, all no-ops if every node says "adopted"`);

    step('Wait for blocks');
    info(`head at block ${await ops.waitForBlocks(networkId, network(4), 3, { timeoutMs })}`);
    const status = await driver.networkStatus(networkId);
    info(`network ${status.state}; ${status.nodes.map((n) => `${n.nodeId} peers=${n.peers ?? '?'} block=${n.health.blockNumber ?? '?'}`).join(', ')}`);

    step(`Add validator ${planned.nodes[4].nodeId} (${planned.nodes[4].address})`);
    const added = await ops.addValidator(spec(4, 5), { timeoutMs, onProgress: info });
    info(`in the validator set from block ${added.addedAtBlock}, proposed block ${added.proposedBlock}`);

    step(`Remove validator ${planned.nodes[4].nodeId}`);
    const removed = await ops.removeValidator({ networkId, nodeId: planned.nodes[4].nodeId, network: network(5) }, { timeoutMs, onProgress: info });
    info(`out of the validator set from block ${removed.removedAtBlock}; node stopped and its data deleted`);

    step('Refuse an unsafe removal (4 validators → 3)');
    const refused = await ops.removeValidator({ networkId, nodeId: planned.nodes[0].nodeId, network: network(4) }).then(
      () => 'NOT refused (this is a bug)',
      (error: Error) => `refused: ${error.message}`,
    );
    info(refused);

    if (env['SCENARIO_SKIP_RESTART'] !== '1') {
      step('Rolling restart, one node at a time');
      for (const node of await ops.rollingRestart(networkId, network(4), { timeoutMs, onProgress: info })) {
        info(`${node.nodeId} back in ${(node.tookMs / 1000).toFixed(0)} s at block ${node.headAfter}`);
      }
    }

    step('Delete the network (keys retained one day, then purged by this script)');
    const deletion = await driver.deleteNetwork(networkId, { retainKeysUntil: new Date(Date.now() + 86_400_000) });
    info(`namespace deleted: ${deletion.namespaceDeleted}; ${deletion.retainedKeys.length} keys retained`);
    info(`purged ${await driver.purgeRetainedKeys(new Date(Date.now() + 2 * 86_400_000))} retained keys`);
    await driver.api.delete({ apiVersion: 'v1', kind: 'Namespace', name: platformNamespace });
    step(`Done in ${((Date.now() - started) / 1000).toFixed(0)} s; Kubernetes API calls: ${JSON.stringify(driver.api.calls)}`);
    return refused.startsWith('refused');
  } catch (error) {
    out(`\n\x1b[31mxx ${(error as Error).message}\x1b[0m`);
    const tail = (error as { logTail?: string }).logTail;
    if (tail) out(tail);
    if (env['SCENARIO_KEEP'] === '1') {
      out(`Kept for inspection: kubectl get all,pvc,netpol,secret,cm -n ${namespaceForNetwork(networkId)}`);
    } else {
      out('Cleaning up (set SCENARIO_KEEP=1 to keep the namespaces for inspection)…');
      await driver.deleteNetwork(networkId).catch((e: Error) => out(`cleanup failed: ${e.message}`));
      await driver.api.delete({ apiVersion: 'v1', kind: 'Namespace', name: platformNamespace }).catch(() => false);
    }
    return false;
  } finally {
    forwarded?.close();
  }
}

if (require.main === module) {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  Promise.resolve()
    .then(() => runScenario({ kubeConfig: loadKubeConfig(process.env), env: process.env, out }))
    .then(
      (ok) => (process.exitCode = ok ? 0 : 1),
      (error: Error) => {
        out(`\x1b[31mxx ${error.message}\x1b[0m`);
        process.exitCode = 1;
      },
    );
}
