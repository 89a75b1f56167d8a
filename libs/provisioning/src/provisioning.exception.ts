import { AppException } from '@chainloom/core';

export class ProvisioningException extends AppException {
  static unsupported(code: string, reason: string) {
    return new ProvisioningException(400, code, reason);
  }
  static quota(limit: 'networks' | 'nodesPerNetwork', value: number) {
    return new ProvisioningException(403, 'quota_exceeded', `Your plan allows ${value} ${limit === 'networks' ? 'networks' : 'nodes per network'}.`, { limit, value });
  }
  static chainIdTaken(chainId: number) {
    return new ProvisioningException(409, 'chain_id_taken', `Chain id ${chainId} is already used on this platform; leave chainId out to get one allocated.`);
  }
  static deleted() {
    return new ProvisioningException(409, 'network_deleted', 'This network is deleted; nothing more can be done with it.');
  }
  static notRunning(status: string) {
    return new ProvisioningException(409, 'network_not_running', `The network is ${status}; start it first.`, { networkStatus: status });
  }
  static externalNeedsRpc() {
    return new ProvisioningException(400, 'rpc_url_required', 'An external network needs rpcUrl: the JSON-RPC URL of the existing chain.');
  }
  static fieldNotForProtocol(field: string, protocol: string) {
    return new ProvisioningException(400, 'field_not_allowed', `${field} does not apply to ${protocol} networks.`, { field });
  }
  static driverNotConfigured(driver: string) {
    return new ProvisioningException(
      400,
      'driver_not_configured',
      driver === 'kubernetes'
        ? 'The kubernetes driver is not enabled on this platform. An operator enables it with KUBERNETES_DRIVER=true and a cluster ' +
          '(KUBECONFIG, or the in-cluster service account of the Helm install; see docs/kubernetes.md). Meanwhile use protocol "dev" on the local driver.'
        : `The ${driver} driver is not configured on this platform; use protocol "dev" on the local driver.`,
    );
  }
  static externalUnreachable() {
    return new ProvisioningException(400, 'external_rpc_unreachable', 'The RPC URL did not answer eth_chainId with a chain id.');
  }
  static privateRpcUrl() {
    return new ProvisioningException(400, 'rpc_url_not_allowed', 'The RPC URL points at a loopback or private address; use a public address.');
  }
}
