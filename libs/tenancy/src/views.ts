import { effectiveLimits, type PlanName } from '@chainloom/auth';
import type { Prisma } from '@chainloom/db';

// Row → API view mappers, so no Prisma row (with its hashes) ever reaches a response by accident.

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const tenantView = (t: Prisma.TenantGetPayload<object>) => ({
  id: t.id,
  name: t.name,
  plan: t.plan,
  status: t.status,
  suspendedReason: t.suspendedReason,
  verificationStatus: t.verificationStatus,
  quotaOverrides: (t.quotaOverrides ?? {}) as Record<string, number>,
  limits: effectiveLimits({ ...t, plan: t.plan as PlanName }),
  createdAt: t.createdAt.toISOString(),
});

export const userView = (u: Prisma.UserGetPayload<object>) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  platformAdmin: u.platformAdmin,
});

export const apiKeyView = (k: Prisma.ApiKeyGetPayload<object>) => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  scopes: k.scopes,
  expiresAt: iso(k.expiresAt),
  lastUsedAt: iso(k.lastUsedAt),
  revokedAt: iso(k.revokedAt),
  createdAt: k.createdAt.toISOString(),
});

export const invitationView = (i: Prisma.InvitationGetPayload<object>) => ({
  id: i.id,
  email: i.email,
  role: i.role,
  expiresAt: i.expiresAt.toISOString(),
  acceptedAt: iso(i.acceptedAt),
  revokedAt: iso(i.revokedAt),
  createdAt: i.createdAt.toISOString(),
});

export const memberView = (m: Prisma.MembershipGetPayload<{ include: { user: true } }>) => ({
  id: m.id,
  userId: m.userId,
  email: m.user.email,
  name: m.user.name,
  role: m.role,
  createdAt: m.createdAt.toISOString(),
});

export const verificationView = (v: Prisma.VerificationRequestGetPayload<object>) => ({
  id: v.id,
  tenantId: v.tenantId,
  companyName: v.companyName,
  registrationNumber: v.registrationNumber,
  country: v.country,
  address: v.address,
  contactName: v.contactName,
  contactEmail: v.contactEmail,
  status: v.status,
  reason: v.reason,
  decidedAt: iso(v.decidedAt),
  createdAt: v.createdAt.toISOString(),
});

export const auditView = (a: Prisma.AuditEntryGetPayload<object>) => ({
  id: a.id,
  seq: a.seq,
  actorType: a.actorType,
  actorId: a.actorId,
  action: a.action,
  targetType: a.targetType,
  targetId: a.targetId,
  sourceIp: a.sourceIp,
  outcome: a.outcome,
  details: a.details as Record<string, unknown>,
  hash: Buffer.from(a.hash).toString('hex'),
  prevHash: Buffer.from(a.prevHash).toString('hex'),
  createdAt: a.createdAt.toISOString(),
});
