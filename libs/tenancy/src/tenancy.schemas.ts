import { API_KEY_SCOPES, PERMISSIONS, PLANS, QuotaOverrides, ROLES } from '@chainloom/auth';
import { IsoDay, idPattern } from '@chainloom/core';
import { z } from 'zod';

// Request and response contracts of the tenancy API. The API validates with them, the OpenAPI
// document is generated from them, and the SDK and console import them.

const Email = z.email().max(254).transform((e) => e.toLowerCase());
const Password = z.string().min(12, 'at least 12 characters').max(256);
const Name = z.string().trim().min(1).max(120);
const Id = (prefix: string) => z.string().regex(idPattern(prefix), `must be an id starting with ${prefix}_`);

export const Role = z.enum(ROLES);
export const TenantIdParam = z.object({ tenantId: Id('ten') });
export const IdParam = (prefix: string) => z.object({ id: Id(prefix) });

export const SignupBody = z
  .object({ tenantName: Name, name: Name, email: Email, password: Password })
  .strict()
  .meta({ id: 'SignupRequest' });

export const LoginBody = z
  .object({ email: Email, password: z.string().min(1).max(256), tenantId: Id('ten').optional() })
  .strict()
  .meta({ id: 'LoginRequest' });

export const TenantView = z
  .object({
    id: z.string(),
    name: z.string(),
    plan: z.enum(PLANS),
    status: z.enum(['ACTIVE', 'SUSPENDED']),
    suspendedReason: z.string().nullable(),
    verificationStatus: z.enum(['UNVERIFIED', 'PENDING', 'APPROVED', 'REJECTED']),
    quotaOverrides: QuotaOverrides,
    limits: z.object({
      networks: z.number(),
      nodesPerNetwork: z.number(),
      certificatesPerMonth: z.number(),
      requestsPerSecondPerKey: z.number(),
      apiKeys: z.number(),
    }),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Tenant' });

export const UserView = z
  .object({ id: z.string(), email: z.string(), name: z.string(), platformAdmin: z.boolean() })
  .meta({ id: 'User' });

export const SessionView = z
  .object({
    token: z.string().describe('session token: send as Authorization: Bearer, or use the httpOnly cookie'),
    expiresAt: z.iso.datetime(),
    user: UserView,
    tenant: TenantView.nullable(),
    role: Role.nullable(),
  })
  .meta({ id: 'Session' });

export const MeView = z
  .object({
    user: UserView,
    tenant: TenantView.nullable(),
    role: Role.nullable(),
    permissions: z.array(z.enum(PERMISSIONS)),
    memberships: z.array(z.object({ tenantId: z.string(), tenantName: z.string(), role: Role })),
  })
  .meta({ id: 'Me' });

export const SwitchTenantBody = z
  .object({ tenantId: Id('ten').describe('a tenant you are a member of') })
  .strict()
  .meta({ id: 'SwitchTenantRequest' });

export const UpdateTenantBody = z.object({ name: Name }).strict();

export const MemberView = z
  .object({ id: z.string(), userId: z.string(), email: z.string(), name: z.string(), role: Role, createdAt: z.iso.datetime() })
  .meta({ id: 'Member' });
export const UpdateMemberBody = z.object({ role: Role }).strict();

export const InviteBody = z.object({ email: Email, role: Role }).strict();
export const InvitationView = z
  .object({
    id: z.string(),
    email: z.string(),
    role: Role,
    expiresAt: z.iso.datetime(),
    acceptedAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Invitation' });
export const AcceptInvitationBody = z
  .object({
    token: z.string().min(10).max(200),
    name: Name.optional().describe('required when the email has no account yet'),
    password: z.string().min(1).max(256).describe('the new account password, or the existing account password'),
  })
  .strict();

export const CreateApiKeyBody = z
  .object({
    name: Name,
    scopes: z.array(z.enum(API_KEY_SCOPES)).min(1).max(API_KEY_SCOPES.length),
    expiresAt: z.iso.datetime().optional().describe('when the key stops working; none = never'),
  })
  .strict();
export const ApiKeyView = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    scopes: z.array(z.string()),
    expiresAt: z.iso.datetime().nullable(),
    lastUsedAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'ApiKey' });
export const CreatedApiKeyView = z
  .object({ apiKey: ApiKeyView, secret: z.string().describe('shown once; store it now') })
  .meta({ id: 'CreatedApiKey' });

export const VerificationBody = z
  .object({
    companyName: Name,
    registrationNumber: z.string().trim().min(2).max(64),
    country: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code, e.g. CN'),
    address: z.string().trim().min(5).max(500),
    contactName: Name,
    contactEmail: Email,
  })
  .strict();
export const VerificationView = z
  .object({
    id: z.string(),
    tenantId: z.string(),
    companyName: z.string(),
    registrationNumber: z.string(),
    country: z.string(),
    address: z.string(),
    contactName: z.string(),
    contactEmail: z.string(),
    status: z.enum(['PENDING', 'APPROVED', 'REJECTED', 'UNVERIFIED']),
    reason: z.string().nullable(),
    decidedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'VerificationRequest' });
export const DecisionBody = z.object({ reason: z.string().trim().min(3).max(1000) }).strict();
export const ApproveBody = z.object({ reason: z.string().trim().max(1000).optional() }).strict();

const Day = IsoDay;
export const UsageQuery = z.object({ from: Day.optional(), to: Day.optional() }).refine((q) => !q.from || !q.to || q.from <= q.to, {
  message: 'from must not be after to',
  path: ['from'],
});
export const UsageView = z
  .object({ tenantId: z.string(), days: z.array(z.object({ day: z.string(), metric: z.string(), count: z.number() })) })
  .meta({ id: 'Usage' });

export const AuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(200).optional(),
  action: z.string().max(100).optional(),
});
export const AuditEntryView = z
  .object({
    id: z.string(),
    seq: z.number(),
    actorType: z.string(),
    actorId: z.string().nullable(),
    action: z.string(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    sourceIp: z.string().nullable(),
    outcome: z.string(),
    details: z.record(z.string(), z.unknown()),
    hash: z.string(),
    prevHash: z.string(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'AuditEntry' });
export const AuditVerifyView = z
  .object({ valid: z.boolean(), entries: z.number(), firstBrokenSeq: z.number().optional(), reason: z.string().optional() })
  .meta({ id: 'AuditChainCheck' });

export const AdminTenantsQuery = z.object({
  search: z.string().trim().max(120).optional(),
  status: z.enum(['ACTIVE', 'SUSPENDED']).optional(),
  verificationStatus: z.enum(['UNVERIFIED', 'PENDING', 'APPROVED', 'REJECTED']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
});
export const AdminUpdateTenantBody = z
  .object({ plan: z.enum(PLANS).optional(), quotaOverrides: QuotaOverrides.optional() })
  .strict()
  .refine((b) => b.plan !== undefined || b.quotaOverrides !== undefined, 'give plan and/or quotaOverrides');
export const SuspendBody = z.object({ reason: z.string().trim().min(3).max(1000) }).strict();
export const VerificationQueueQuery = z.object({
  status: z.enum(['PENDING', 'APPROVED', 'REJECTED']).default('PENDING'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export const AdminUsageQuery = z.object({ day: Day.optional() });

/** A page of items (see pageSchema in @chainloom/core). */
export { pageSchema as page } from '@chainloom/core';
