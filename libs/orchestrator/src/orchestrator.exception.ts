export type OrchestratorErrorCode =
  /** the driver cannot run this protocol */
  | 'protocol_unsupported'
  /** a NodeSpec field is malformed (a caller bug: the API validates first) */
  | 'invalid_spec'
  /** the spec contradicts the node's existing data (another network, another chain id) */
  | 'spec_conflict'
  /** the node program (anvil) is not installed where the driver looks */
  | 'binary_not_found'
  /** the node process exited while starting */
  | 'node_start_failed'
  /** the node process did not answer JSON-RPC in time */
  | 'node_start_timeout'
  /** the persisted chain state is unreadable and no snapshot could replace it */
  | 'state_corrupt';

/**
 * The one error type drivers throw. Framework-free on purpose: the provisioning service records
 * `code` and `message` in the operation log and decides whether a retry can help. `logTail` is
 * the end of the node's own log, for the operator; it never contains secrets (anvil is started
 * without keys).
 */
export class OrchestratorException extends Error {
  constructor(
    readonly code: OrchestratorErrorCode,
    message: string,
    readonly logTail?: string,
  ) {
    super(logTail ? `${message}\n--- node log (tail) ---\n${logTail}` : message);
    this.name = 'OrchestratorException';
  }

  /** Whether running the step again may succeed (start failures may be a port race or load). */
  get retryable(): boolean {
    return this.code === 'node_start_failed' || this.code === 'node_start_timeout';
  }
}
