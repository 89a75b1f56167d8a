import { z } from 'zod';

export const PLANS = ['FREE', 'STANDARD', 'ENTERPRISE'] as const;
export type PlanName = (typeof PLANS)[number];

export interface PlanLimits {
  networks: number;
  nodesPerNetwork: number;
  certificatesPerMonth: number;
  requestsPerSecondPerKey: number;
  apiKeys: number;
}
export type LimitName = keyof PlanLimits;

export const PLAN_LIMITS: Record<PlanName, PlanLimits> = {
  FREE: { networks: 1, nodesPerNetwork: 1, certificatesPerMonth: 10_000, requestsPerSecondPerKey: 20, apiKeys: 3 },
  STANDARD: { networks: 5, nodesPerNetwork: 4, certificatesPerMonth: 5_000_000, requestsPerSecondPerKey: 500, apiKeys: 50 },
  ENTERPRISE: { networks: 50, nodesPerNetwork: 16, certificatesPerMonth: 1_000_000_000, requestsPerSecondPerKey: 50_000, apiKeys: 500 },
};

/** Admin overrides: any subset of the limits. */
export const QuotaOverrides = z
  .object({
    networks: z.number().int().min(0).max(100_000),
    nodesPerNetwork: z.number().int().min(0).max(1_000),
    certificatesPerMonth: z.number().int().min(0).max(1e12),
    requestsPerSecondPerKey: z.number().int().min(0).max(1_000_000),
    apiKeys: z.number().int().min(0).max(100_000),
  })
  .partial()
  .strict();
export type QuotaOverrides = z.infer<typeof QuotaOverrides>;

/**
 * The limits a tenant has now: its plan plus overrides, but only the FREE plan's limits until
 * the tenant is verified (the real-name / enterprise certification step).
 */
export function effectiveLimits(tenant: { plan: PlanName; quotaOverrides: unknown; verificationStatus: string }): PlanLimits {
  if (tenant.verificationStatus !== 'APPROVED') return PLAN_LIMITS.FREE;
  const overrides = QuotaOverrides.safeParse(tenant.quotaOverrides);
  return { ...PLAN_LIMITS[tenant.plan], ...(overrides.success ? overrides.data : {}) };
}
