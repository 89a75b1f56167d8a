import type { PlanName } from '@chainloom/auth';
import type { PrismaService } from '@chainloom/db';

/**
 * How long a removed node's key is kept (sealed) after its node or network is deleted, by plan: a
 * tenant who deleted by mistake can bring the same validator identities back within that time.
 * After it, the node health monitor purges the key for good.
 */
export const NODE_KEY_RETENTION_DAYS: Readonly<Record<PlanName, number>> = { FREE: 7, STANDARD: 30, ENTERPRISE: 90 };

export async function keyRetentionUntil(prisma: PrismaService, tenantId: string, now = new Date()): Promise<Date> {
  const tenant = await prisma.tenant.findUnique({ where: { id: tenantId }, select: { plan: true } });
  return new Date(now.getTime() + NODE_KEY_RETENTION_DAYS[tenant?.plan ?? 'FREE'] * 86_400_000);
}

/** Forgets the sealed keys whose retention has run out; returns how many. */
export async function purgeExpiredNodeKeys(prisma: PrismaService, now = new Date()): Promise<number> {
  const { count } = await prisma.node.updateMany({
    where: { status: 'REMOVED', sealedKey: { not: null }, keyRetainedUntil: { lte: now } },
    data: { sealedKey: null },
  });
  return count;
}
