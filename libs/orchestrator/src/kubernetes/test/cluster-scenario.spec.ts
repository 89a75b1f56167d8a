import { runScenario } from './cluster-scenario';
import { FakeBesuNetwork } from './fake-besu-network';
import { connectFakeCluster } from './fake-cluster';
import { FakeKubernetesApi } from './fake-kubernetes-api';

/**
 * The real-cluster scenario script (deploy/scripts/k8s-scenario.sh), run against the FAKE cluster
 * (fake API server + fake Besu JSON-RPC through the API server's service proxy): it proves the
 * script's own logic and the proxy transport here; only a real cluster proves Besu and Kubernetes.
 */
describe('cluster scenario script, against the fake cluster', () => {
  it('creates, re-applies, waits for blocks, adds, removes, refuses, restarts and deletes', async () => {
    const api = new FakeKubernetesApi();
    await api.start();
    const besu = await new FakeBesuNetwork().start();
    connectFakeCluster(api, besu);
    besu.autoMine(10);
    const lines: string[] = [];
    try {
      const ok = await runScenario({ kubeConfig: api.kubeConfig(), env: { SCENARIO_TIMEOUT_SECONDS: '20', SCENARIO_BLOCK_SECONDS: '1' }, out: (l) => lines.push(l), pollIntervalMs: 5 });
      const text = lines.join('\n');
      expect({ ok, text }).toMatchObject({ ok: true });
      expect(text).toMatch(/genesis, pod\/cl-net-scenario/);
      expect(text.match(/: adopted/g)).toHaveLength(4);
      expect(text).toMatch(/refused: Cannot remove validator/);
      expect(text).toMatch(/namespace deleted: true; 4 keys retained/);
      // The network's namespace is gone; the scenario's own namespace is on its way out.
      const left = api.all('Namespace').map((n) => [(n['metadata'] as { name: string }).name, (n['status'] as { phase?: string } | undefined)?.phase]);
      expect(left.filter(([, phase]) => phase !== 'Terminating')).toEqual([]);
      expect(besu.calls.some((c) => c.method === 'qbft_proposeValidatorVote')).toBe(true);
      // Every node call went through the API server's service proxy.
      expect(api.requests.some((r) => r.path.includes('/services/http:besu-nod-') && r.path.endsWith('/proxy/'))).toBe(true);
    } finally {
      await besu.stop();
      await api.stop();
    }
  });
});
