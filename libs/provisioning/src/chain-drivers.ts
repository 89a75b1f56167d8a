import { ConfigError, type AppConfig } from '@chainloom/core';
import { KubeConfig } from '@kubernetes/client-node';
import { KubernetesDriver, LocalDriver, clusterDnsRpc, namespaceForNetwork, nodeWorkloadName, urlRpc, type ChainDriver, type NodeRpc } from '@chainloom/orchestrator';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { SignerVaultService } from './signer-vault.service';

/** The drivers this platform runs, by name: `local` always, `kubernetes` when KUBERNETES_DRIVER is on. */
export const CHAIN_DRIVERS = Symbol('CHAIN_DRIVERS');
export type ChainDrivers = ReadonlyMap<string, ChainDriver>;

/** Where a pod finds its service account's credentials (what KubeConfig.loadFromCluster reads). */
const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/** Whether this platform runs networks on `driver` (in any of its processes). */
export function driverEnabled(config: AppConfig, driver: string): boolean {
  return driver === 'local' || (driver === 'kubernetes' && config.KUBERNETES_DRIVER);
}

export function chainDriversFactory(config: AppConfig, signers: SignerVaultService, logger: Logger): ChainDrivers {
  const drivers = new Map<string, ChainDriver>([['local', new LocalDriver(join(config.DATA_DIR, 'chains'))]]);
  // Only workers call drivers (operations, health); an API process only answers whether a driver
  // is enabled, so it needs no cluster credentials (the Helm chart mounts them in workers only).
  if (config.KUBERNETES_DRIVER && config.CHAINLOOM_ROLE !== 'api') {
    drivers.set('kubernetes', kubernetesDriver(config, signers, logger.child({ component: 'kubernetes-driver' })));
  }
  return drivers;
}

function kubernetesDriver(config: AppConfig, signers: SignerVaultService, logger: Logger): KubernetesDriver {
  const kubeConfig = loadKubeConfig(config);
  return new KubernetesDriver({
    // The box exists only once SignerVaultService has initialised (it may read a dev key from disk).
    secretBox: () => signers.secretBox,
    kubeConfig,
    platformNamespace: config.KUBERNETES_PLATFORM_NAMESPACE,
    besuImage: config.KUBERNETES_BESU_IMAGE,
    clusterDomain: config.KUBERNETES_CLUSTER_DOMAIN,
    metricsNamespaces: (config.KUBERNETES_METRICS_NAMESPACES ?? '')
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean),
    rpc: nodeRpc(config),
    pollIntervalMs: config.KUBERNETES_POLL_INTERVAL_MS,
    startTimeoutMs: config.KUBERNETES_START_TIMEOUT_MS,
    onWarning: (message, context) => logger.warn(context, message),
  });
}

/**
 * How the platform (the driver, the RPC gateway, contract deployments) reaches a node: the URL is
 * recorded on the node row and called without credentials, so it must be one the platform can
 * reach directly: the Service's DNS name in the cluster, or the operator's own route to it.
 */
function nodeRpc(config: AppConfig): NodeRpc {
  const template = config.KUBERNETES_NODE_RPC_URL;
  if (!template) return clusterDnsRpc(config.KUBERNETES_CLUSTER_DOMAIN);
  return urlRpc(({ networkId, nodeId }) =>
    template
      .replaceAll('{namespace}', namespaceForNetwork(networkId))
      .replaceAll('{service}', nodeWorkloadName(nodeId))
      .replaceAll('{networkId}', networkId)
      .replaceAll('{nodeId}', nodeId),
  );
}

/**
 * KUBECONFIG (one file, its current context) or the in-cluster service account. Checked at
 * start-up so a platform told to use Kubernetes without credentials stops with a clear message
 * instead of failing every besu-qbft operation later. Whether the cluster answers and the RBAC
 * suffices is only known per call: the driver's errors say which (cluster_unreachable / forbidden).
 */
function loadKubeConfig(config: AppConfig): KubeConfig {
  const kubeConfig = new KubeConfig();
  if (config.KUBECONFIG) {
    if (!existsSync(config.KUBECONFIG)) {
      throw new ConfigError([{ variable: 'KUBECONFIG', problem: `no file at ${config.KUBECONFIG}`, hint: 'the path of a kubeconfig file' }]);
    }
    kubeConfig.loadFromFile(config.KUBECONFIG);
    if (!kubeConfig.getCurrentCluster()?.server) {
      throw new ConfigError([{ variable: 'KUBECONFIG', problem: 'the kubeconfig has no current context with a cluster', hint: 'kubectl config use-context <name>' }]);
    }
    return kubeConfig;
  }
  if (!existsSync(SERVICE_ACCOUNT_TOKEN)) {
    throw new ConfigError([
      {
        variable: 'KUBERNETES_DRIVER',
        problem: 'is true, but KUBECONFIG is unset and this process has no in-cluster service account',
        hint: 'set KUBECONFIG to a kubeconfig file, run inside the cluster (the Helm chart), or set KUBERNETES_DRIVER=false',
      },
    ]);
  }
  kubeConfig.loadFromCluster();
  return kubeConfig;
}
