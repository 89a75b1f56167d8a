import { OrchestratorException, type OrchestratorErrorCode } from '../orchestrator.exception';

/**
 * What went wrong in the Kubernetes driver, more precisely than OrchestratorErrorCode can say
 * today. The exception IS an OrchestratorException (callers that catch that keep working, and
 * `code` holds the nearest existing code); `failure` is the precise, stable reason. Once
 * OrchestratorErrorCode grows these codes, `code` can carry them directly.
 */
export type KubernetesFailure =
  /** the API server did not answer (network, DNS, TLS); running the step again may work */
  | 'cluster_unreachable'
  /** the API server refused the driver's credentials or RBAC; an operator must grant them */
  | 'cluster_forbidden'
  /** the API server rejected an object (an immutable field changed, a quota exceeded) */
  | 'cluster_rejected'
  /** the network's namespace is still being deleted; a create must wait for it to go */
  | 'namespace_terminating'
  /** the spec's genesis differs from the one the chain was created with */
  | 'genesis_conflict'
  /** a validator change or restart would leave QBFT without the validators it needs */
  | 'validator_change_unsafe'
  /** a vote, a block or a restarted node did not come in time */
  | 'validator_change_timeout'
  /** a node's pod crashed while starting */
  | 'pod_failed'
  /** a node's pod or JSON-RPC did not become ready in time */
  | 'pod_start_timeout';

const NEAREST: Readonly<Record<KubernetesFailure, OrchestratorErrorCode>> = {
  cluster_unreachable: 'node_start_failed',
  cluster_forbidden: 'invalid_spec',
  cluster_rejected: 'spec_conflict',
  namespace_terminating: 'node_start_failed',
  genesis_conflict: 'spec_conflict',
  validator_change_unsafe: 'invalid_spec',
  validator_change_timeout: 'node_start_timeout',
  pod_failed: 'node_start_failed',
  pod_start_timeout: 'node_start_timeout',
};

const RETRYABLE: ReadonlySet<KubernetesFailure> = new Set([
  'cluster_unreachable',
  'namespace_terminating',
  'validator_change_timeout',
  'pod_failed',
  'pod_start_timeout',
]);

export class KubernetesDriverException extends OrchestratorException {
  constructor(
    readonly failure: KubernetesFailure,
    message: string,
    logTail?: string,
  ) {
    super(NEAREST[failure], message, logTail);
    this.name = 'KubernetesDriverException';
  }

  override get retryable(): boolean {
    return RETRYABLE.has(this.failure);
  }
}
