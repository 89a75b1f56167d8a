import { defineJob, QueueName, type RetryPolicy } from '@chainloom/queue';
import { z } from 'zod';
import type { OperationStep } from './provisioning.schemas';

export type OperationKind = 'CREATE' | 'ADD_NODE' | 'REMOVE_NODE' | 'STOP' | 'START' | 'DELETE' | 'RESTART';

/** Step names, in order, per operation kind; each names an idempotent function of the runner. */
export function planSteps(kind: OperationKind, protocol: string): string[] {
  const external = protocol === 'external';
  if (protocol === 'besu-qbft') {
    // QBFT's day-2 operations go through the chain (votes, quorum checks), not just the driver.
    switch (kind) {
      case 'ADD_NODE':
        return ['add-besu-node', 'finish'];
      case 'REMOVE_NODE':
        return ['remove-besu-node', 'finish'];
      case 'RESTART':
        return ['rolling-restart', 'finish'];
      case 'DELETE':
        return ['delete-network', 'finish'];
      default:
        break;
    }
  }
  switch (kind) {
    case 'RESTART':
      throw new Error(`no rolling restart for protocol ${protocol}`);
    case 'CREATE':
      return external ? ['check-rpc', 'deploy-registry', 'finish'] : ['start-nodes', 'deploy-registry', 'finish'];
    case 'START':
      return external ? ['check-rpc', 'finish'] : ['start-nodes', 'finish'];
    case 'STOP':
      return external ? ['finish'] : ['stop-nodes', 'finish'];
    case 'DELETE':
      return external ? ['finish'] : ['remove-nodes', 'finish'];
    case 'ADD_NODE':
      return ['start-nodes', 'finish'];
    case 'REMOVE_NODE':
      return ['remove-nodes', 'finish'];
  }
}

export const newSteps = (names: string[]): OperationStep[] =>
  names.map((name) => ({ name, status: 'pending', startedAt: null, finishedAt: null, detail: null }));

/** Five tries over about 30 s; a node that needs longer is a failure worth reporting. */
const PROVISIONING_RETRY: RetryPolicy = { attempts: 5, backoff: { type: 'exponential', delay: 2_000 } };

/** Runs one operation; the job id is the operation's, so enqueueing it twice is a no-op. */
export const OperationJob = defineJob({
  queue: QueueName.provisioning,
  name: 'provisioning.operation',
  payload: z.object({ operationId: z.string() }),
  jobId: (p) => `op.${p.operationId}`,
  retry: PROVISIONING_RETRY,
});
