/** Every queue of the platform. A job names a database row; the row holds the truth. */
export const QueueName = {
  provisioning: 'provisioning',
  anchoring: 'anchoring',
  relay: 'relay',
  webhooks: 'webhooks',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

/** How often a job is tried, and how long to wait between tries. */
export interface RetryPolicy {
  attempts: number;
  backoff: { type: 'exponential' | 'fixed'; delay: number };
}

export const RetryPolicies = {
  /** Most jobs: 8 tries over about 4 minutes. */
  standard: { attempts: 8, backoff: { type: 'exponential', delay: 1_000 } },
  /** Chain work where a node may be restarting: keep trying for about 17 minutes. */
  patient: { attempts: 12, backoff: { type: 'exponential', delay: 500 } },
  /** Webhook deliveries: 10 tries over about 6 hours, then dead-lettered. */
  webhook: { attempts: 10, backoff: { type: 'exponential', delay: 20_000 } },
} as const satisfies Record<string, RetryPolicy>;
