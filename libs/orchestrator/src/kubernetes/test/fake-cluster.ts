import { besuNodeKeyFrom } from '../../besu/besu-node-key';
import { decodeQbftExtraData } from '../../besu/qbft-extra-data';
import { LABEL, NETWORK_CONFIG_MAP, nodeKeySecretName } from '../kubernetes-names';
import type { FakeBesuNetwork } from './fake-besu-network';
import type { FakeKubernetesApi } from './fake-kubernetes-api';

type Json = Record<string, unknown>;

/**
 * Joins the two fakes into a FAKE cluster that runs "Besu": when the fake StatefulSet controller
 * starts a pod, the fake Besu network learns the chain from the network's ConfigMap (chain id,
 * genesis validators from extraData) and the node's address from its key Secret, then answers
 * JSON-RPC for it until the pod goes; the API server's service proxy reaches those nodes. Tests
 * that plan their own keys (the scenario) need nothing else.
 */
export function connectFakeCluster(api: FakeKubernetesApi, besu: FakeBesuNetwork): void {
  api.onPodChange = (pod, exists) => {
    const metadata = (pod['metadata'] ?? {}) as { namespace?: string; labels?: Record<string, string> };
    const nodeId = metadata.labels?.[LABEL.nodeId];
    if (!nodeId) return;
    if (exists) {
      const config = api.get('v1', 'ConfigMap', metadata.namespace, NETWORK_CONFIG_MAP) as { data?: Record<string, string> } | undefined;
      const genesis = JSON.parse(config?.data?.['genesis.json'] ?? '{}') as { config?: { chainId?: number }; extraData?: string; alloc?: Record<string, { balance: string }> };
      if (!besu.configured && genesis.extraData) besu.configure(Number(genesis.config?.chainId), decodeQbftExtraData(genesis.extraData).validators, genesis.alloc);
      const secret = api.get('v1', 'Secret', metadata.namespace, nodeKeySecretName(nodeId)) as { data?: Record<string, string> } | undefined;
      if (secret?.data?.['key']) besu.addNode(nodeId, besuNodeKeyFrom(Buffer.from(secret.data['key'], 'base64').toString()).address);
    }
    besu.setOnline(nodeId, exists);
  };
  api.serviceProxyTarget = (service: Json) => {
    const nodeId = ((service['metadata'] ?? {}) as { labels?: Record<string, string> }).labels?.[LABEL.nodeId];
    return nodeId && besu.isOnline(nodeId) ? besu.url(nodeId) : undefined;
  };
}
