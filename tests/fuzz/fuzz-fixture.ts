// What a fuzz run needs on a running platform: two tenants (the owner of the ids, "right", and
// another, "wrong"), the platform admin, a few real resources of the owner whose ids the fuzzer
// mixes into paths, and the credentials of each identity.
import { randomBytes } from 'node:crypto';
import type { TestClient } from '@chainloom/testing';
import type { Client } from 'pg';
import { INJECTIONS } from './schema-arbitraries';
import type { FuzzTarget, IdentityName } from './fuzz-engine';
import type { OpenApiDocument, Operation } from '../support/openapi';
import { adminSession, login, signUpTenant, type SuiteTenant } from '../support/tenants';

/** Operations that revoke the credential that calls them: they get a fresh session each time. */
const REVOKES_CALLER = new Set(['DELETE /v1/sessions/current']);

const GARBAGE_TOKENS = [
  `Bearer clk_${randomBytes(24).toString('base64url')}`,
  `Bearer cls_${randomBytes(24).toString('base64url')}`,
  `Bearer cli_${randomBytes(24).toString('base64url')}`,
  'Bearer ',
  'Bearer clk_',
  'Basic YWRtaW46YWRtaW4=',
  'bearer lowercase-scheme',
  `Bearer ${'x'.repeat(4_000)}`,
  ...INJECTIONS.filter((s) => /^[\x20-\x7e]*$/.test(s)).map((s) => `Bearer ${s}`),
];

export interface FuzzFixture {
  target: FuzzTarget;
  right: SuiteTenant;
  wrong: SuiteTenant;
}

const hash = () => `0x${randomBytes(32).toString('hex')}`;

export async function createFuzzFixture(
  baseUrl: string,
  api: TestClient,
  pg: Client,
  doc: OpenApiDocument,
  adminEmail: string,
): Promise<FuzzFixture> {
  // Quota networks = 0: the fuzzer must not provision chains (each is an anvil process).
  const right = await signUpTenant(api, pg, 'FuzzRight', {
    plan: 'ENTERPRISE',
    quotaOverrides: { networks: 0 },
  });
  const wrong = await signUpTenant(api, pg, 'FuzzWrong', {
    plan: 'ENTERPRISE',
    quotaOverrides: { networks: 0 },
  });
  const admin = await adminSession(api, adminEmail);

  const owner = api.as(right.session);
  const ids: Record<string, string[]> = { cert: [], whk: [], inv: [], key: [], mem: [] };
  for (let i = 0; i < 2; i++) {
    const cert = await owner.post<{ id: string }>('/v1/certificates', {
      contentHash: hash(),
      externalId: `fuzz-${i}`,
    });
    if (cert.status === 201) ids.cert.push(cert.body.id);
  }
  const webhook = await owner.post<{ webhook: { id: string } }>('/v1/webhooks', {
    url: 'https://hooks.example.com/fuzz',
    events: ['certificate.confirmed'],
  });
  if (webhook.status === 201) ids.whk.push(webhook.body.webhook.id);
  const invitation = await owner.post<{ id: string }>('/v1/invitations', {
    email: `invitee-${randomBytes(3).toString('hex')}@example.test`,
    role: 'VIEWER',
  });
  if (invitation.status === 201) ids.inv.push(invitation.body.id);
  // A spare key the fuzzer may revoke (never the keys it authenticates with).
  const spare = await owner.post<{ apiKey: { id: string } }>('/v1/api-keys', {
    name: 'spare',
    scopes: ['usage:read'],
  });
  if (spare.status === 201) ids.key.push(spare.body.apiKey.id);
  const members = await owner.get<{ items: { id: string }[] }>('/v1/members');
  ids.mem.push(...members.body.items.map((m) => m.id));

  let garbage = 0;
  const sessions: Record<
    'right-session' | 'wrong-session' | 'admin',
    { email: string; password?: string; token: string }
  > = {
    'right-session': { email: right.email, token: right.session },
    'wrong-session': { email: wrong.email, token: wrong.session },
    admin: { email: adminEmail, token: admin },
  };
  const target: FuzzTarget = {
    baseUrl,
    doc,
    ids: (prefix) => ids[prefix] ?? [],
    async authorization(identity: IdentityName, operation: Operation) {
      switch (identity) {
        case 'anonymous':
          return undefined;
        case 'garbage-token':
          return GARBAGE_TOKENS[garbage++ % GARBAGE_TOKENS.length];
        case 'right-key':
          return `Bearer ${right.key}`;
        case 'wrong-key':
          return `Bearer ${wrong.key}`;
        default: {
          const session = sessions[identity];
          if (!REVOKES_CALLER.has(operation.key)) return `Bearer ${session.token}`;
          const fresh =
            identity === 'admin' ? await adminSession(api, session.email) : await login(api, session.email);
          return `Bearer ${fresh}`;
        }
      }
    },
  };
  return { target, right, wrong };
}
