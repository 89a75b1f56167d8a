import { Injectable } from '@nestjs/common';
import { startService, type RunningService } from '@chainloom/server';
import { TestClient, createTestDatabase, testConfig, waitFor } from '@chainloom/testing';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { Mail, Mailer } from './mailer';
import { TenancyModule } from './tenancy.module';

/** Keeps mail in memory so the test can follow an invitation link. */
@Injectable()
class CapturingMailer implements Mailer {
  static readonly sent: Mail[] = [];
  async send(mail: Mail) {
    CapturingMailer.sent.push(mail);
  }
}

type Session = { token: string; tenant: { id: string }; user: { id: string } };
const PASSWORD = 'correct horse battery staple';
const uniqueEmail = (who: string) => `${who}-${randomBytes(4).toString('hex')}@example.test`;

describe('tenancy (real PostgreSQL and Redis, two platform instances)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let a: RunningService;
  let b: RunningService;
  let apiA: TestClient;
  let apiB: TestClient;
  let pg: Client;
  const adminEmail = uniqueEmail('admin');

  beforeAll(async () => {
    db = await createTestDatabase();
    // Two instances share the database and the Redis prefix, as two pods of one install would.
    const shared = { REDIS_PREFIX: `tenancy-${randomBytes(4).toString('hex')}`, PLATFORM_ADMIN_EMAIL: adminEmail, PLATFORM_ADMIN_PASSWORD: PASSWORD };
    const domains = [TenancyModule.withMailer(CapturingMailer)];
    a = await startService({ name: 'a', domains }, testConfig(db.url, shared));
    b = await startService({ name: 'b', domains }, testConfig(db.url, shared));
    apiA = new TestClient(a.url);
    apiB = new TestClient(b.url);
    pg = new Client({ connectionString: db.url });
    await pg.connect();
  });
  afterAll(async () => {
    await pg?.end();
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.drop();
  });

  const signup = async (tenantName: string) => {
    const res = await apiA.post<Session>('/v1/signup', { tenantName, name: 'Owner', email: uniqueEmail('owner'), password: PASSWORD });
    expect(res.status).toBe(201);
    return res.body;
  };
  const adminSession = async () => (await apiA.post<Session>('/v1/sessions', { email: adminEmail, password: PASSWORD })).body.token;

  describe('sign-up, login and sessions', () => {
    it('signs up a tenant and its owner, sets an httpOnly cookie, and logs in', async () => {
      const email = uniqueEmail('ada');
      const res = await apiA.post<Session & { role: string }>('/v1/signup', { tenantName: 'Acme', name: 'Ada', email, password: PASSWORD });
      expect(res.status).toBe(201);
      expect(res.body.role).toBe('OWNER');
      expect(res.headers.get('set-cookie')).toMatch(/chainloom_session=cls_.*HttpOnly/);
      const me = await apiA.as(res.body.token).get<{ role: string; permissions: string[] }>('/v1/me');
      expect(me.body.role).toBe('OWNER');
      expect(me.body.permissions).toContain('tenant:manage');

      const login = await apiA.post<Session>('/v1/sessions', { email: email.toUpperCase(), password: PASSWORD });
      expect(login.status).toBe(201);
      const wrong = await apiA.post('/v1/sessions', { email, password: 'not the password' });
      expect(wrong.status).toBe(401);
      expect(wrong.body.code).toBe('invalid_login');
      // The cookie works as well as the bearer header.
      const viaCookie = await apiA.get('/v1/me', { cookie: `chainloom_session=${login.body.token}` });
      expect(viaCookie.status).toBe(200);
    });

    it('refuses a second account with the same email', async () => {
      const email = uniqueEmail('dup');
      await apiA.post('/v1/signup', { tenantName: 'One', name: 'X', email, password: PASSWORD });
      const again = await apiA.post('/v1/signup', { tenantName: 'Two', name: 'X', email, password: PASSWORD });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('email_taken');
    });

    it('logout revokes the session on every instance at once', async () => {
      const { token } = await signup('LogoutCo');
      expect((await apiB.as(token).get('/v1/me')).status).toBe(200); // cached on B
      expect((await apiA.as(token).delete('/v1/sessions/current')).status).toBe(204);
      await waitFor('B to drop the session', async () => (await apiB.as(token).get('/v1/me')).status === 401, 1_000);
    });

    it('answers bad input with 400 problem+json, never 500', async () => {
      const res = await apiA.post('/v1/signup', { tenantName: '', email: 'not-an-email', password: 'short' });
      expect(res.status).toBe(400);
      expect(res.contentType).toMatch(/application\/problem\+json/);
      const fields = (res.body.errors as { field: string }[]).map((e) => e.field).sort();
      expect(fields).toEqual(['body.email', 'body.name', 'body.password', 'body.tenantName']);
      expect((await apiA.post('/v1/signup', '{not json', { 'content-type': 'application/json' })).status).toBe(400);
    });

    it('throttles repeated failed logins', async () => {
      const email = uniqueEmail('guess');
      await apiA.post('/v1/signup', { tenantName: 'Guess', name: 'G', email, password: PASSWORD });
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) statuses.push((await apiA.post('/v1/sessions', { email, password: `wrong-${i}` })).status);
      expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
      const blocked = await apiA.post('/v1/sessions', { email, password: PASSWORD });
      expect(blocked.status).toBe(429);
      expect(blocked.body.code).toBe('too_many_login_attempts');
    });
  });

  describe('API keys', () => {
    it('shows the secret once, stores only a hash, authenticates, and checks scopes', async () => {
      const owner = await signup('KeyCo');
      const created = await apiA.as(owner.token).post<{ secret: string; apiKey: { id: string; prefix: string } }>('/v1/api-keys', {
        name: 'ci',
        scopes: ['networks:read', 'usage:read'],
      });
      expect(created.status).toBe(201);
      const { secret, apiKey } = created.body;
      expect(secret).toMatch(/^clk_/);
      expect(secret.startsWith(apiKey.prefix)).toBe(true);
      const listed = await apiA.as(owner.token).get<{ items: Record<string, unknown>[] }>('/v1/api-keys');
      expect(JSON.stringify(listed.body)).not.toContain(secret);
      const stored = await pg.query('SELECT secret_hash FROM api_keys WHERE id = $1', [apiKey.id]);
      expect(Buffer.from(stored.rows[0].secret_hash).toString('utf8')).not.toContain(secret.slice(4));

      expect((await apiB.as(secret).get('/v1/tenant/usage')).status).toBe(200);
      const noScope = await apiB.as(secret).get('/v1/tenant/audit');
      expect(noScope.status).toBe(403);
      expect(noScope.body).toMatchObject({ code: 'missing_permission', permission: 'audit:read' });
      // Keys cannot manage keys or members: that needs a person.
      expect((await apiB.as(secret).get('/v1/api-keys')).status).toBe(403);
      expect((await apiB.as('clk_not-a-real-key').get('/v1/me')).status).toBe(401);
      expect((await apiB.get('/v1/me')).status).toBe(401);
    });

    it('revocation on one instance stops the key on the other within a second', async () => {
      const owner = await signup('RevokeCo');
      const { secret, apiKey } = (
        await apiA.as(owner.token).post<{ secret: string; apiKey: { id: string } }>('/v1/api-keys', { name: 'k', scopes: ['usage:read'] })
      ).body;
      expect((await apiB.as(secret).get('/v1/tenant/usage')).status).toBe(200); // now cached on B
      const started = Date.now();
      expect((await apiA.as(owner.token).delete(`/v1/api-keys/${apiKey.id}`)).status).toBe(204);
      await waitFor('B to refuse the key', async () => (await apiB.as(secret).get('/v1/tenant/usage')).status === 401, 1_000);
      expect(Date.now() - started).toBeLessThan(1_000);
    });

    it('refuses an expiry in the past and keys beyond the plan, naming the limit', async () => {
      const owner = await signup('QuotaCo');
      const past = await apiA.as(owner.token).post('/v1/api-keys', { name: 'old', scopes: ['rpc'], expiresAt: '2020-01-01T00:00:00Z' });
      expect(past.status).toBe(400);
      for (let i = 0; i < 3; i++) expect((await apiA.as(owner.token).post('/v1/api-keys', { name: `k${i}`, scopes: ['rpc'] })).status).toBe(201);
      const over = await apiA.as(owner.token).post('/v1/api-keys', { name: 'k4', scopes: ['rpc'] });
      expect(over.status).toBe(403);
      expect(over.body).toMatchObject({ code: 'quota_exceeded', limit: 'apiKeys', value: 3 });
    });

    it('an expired key stops working', async () => {
      const owner = await signup('ExpiryCo');
      const { secret } = (
        await apiA.as(owner.token).post<{ secret: string }>('/v1/api-keys', { name: 'short', scopes: ['usage:read'], expiresAt: new Date(Date.now() + 1500).toISOString() })
      ).body;
      expect((await apiA.as(secret).get('/v1/tenant/usage')).status).toBe(200);
      await new Promise((r) => setTimeout(r, 1600));
      expect((await apiA.as(secret).get('/v1/tenant/usage')).status).toBe(401);
    });

    it('limits requests per second per key in Redis, across instances, with 429 naming the limit', async () => {
      const owner = await signup('BurstCo');
      const { secret } = (await apiA.as(owner.token).post<{ secret: string }>('/v1/api-keys', { name: 'b', scopes: ['usage:read'] })).body;
      // FREE plan: 20 requests per second per key, counted over both instances.
      await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000))); // start at a second boundary
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) => (i % 2 ? apiA : apiB).as(secret).get('/v1/tenant/usage')),
      );
      const limited = results.filter((r) => r.status === 429);
      expect(limited.length).toBeGreaterThanOrEqual(15);
      expect(limited[0].body).toMatchObject({ code: 'rate_limited', limit: 'requestsPerSecondPerKey', value: 20 });
      expect(limited[0].headers.get('retry-after')).toBe('1');
    });
  });

  describe('roles and invitations', () => {
    it('invites by a single-use, expiring link; roles bound what members may do', async () => {
      const owner = await signup('TeamCo');
      const email = uniqueEmail('viewer');
      const invite = await apiA.as(owner.token).post<{ id: string }>('/v1/invitations', { email, role: 'VIEWER' });
      expect(invite.status).toBe(201);
      const mail = CapturingMailer.sent.find((m) => m.to === email);
      const token = /token=(cli_[\w-]+)/.exec(mail?.text ?? '')?.[1];
      expect(token).toBeDefined();

      const joined = await apiA.post<Session & { role: string }>('/v1/invitations/accept', { token, name: 'Vera', password: PASSWORD });
      expect(joined.status).toBe(201);
      expect(joined.body.role).toBe('VIEWER');
      expect(joined.body.tenant.id).toBe(owner.tenant.id);
      const again = await apiA.post('/v1/invitations/accept', { token, name: 'Vera', password: PASSWORD });
      expect(again.status).toBe(400);
      expect(again.body.code).toBe('invitation_invalid');

      // A viewer reads but may not create keys or invite.
      expect((await apiA.as(joined.body.token).get('/v1/members')).status).toBe(200);
      const denied = await apiA.as(joined.body.token).post('/v1/api-keys', { name: 'x', scopes: ['rpc'] });
      expect(denied.status).toBe(403);
      expect(denied.body.code).toBe('missing_permission');

      // Promoted to developer: the change applies at once to the cached session.
      const members = (await apiA.as(owner.token).get<{ items: { id: string; email: string }[] }>('/v1/members')).body.items;
      const vera = members.find((m) => m.email === email);
      expect((await apiA.as(owner.token).patch(`/v1/members/${vera?.id}`, { role: 'DEVELOPER' })).status).toBe(200);
      const me = await apiB.as(joined.body.token).get<{ role: string }>('/v1/me');
      expect(me.body.role).toBe('DEVELOPER');
      // The last owner cannot be demoted.
      const ownerMember = members.find((m) => m.email !== email);
      const demote = await apiA.as(owner.token).patch(`/v1/members/${ownerMember?.id}`, { role: 'ADMIN' });
      expect(demote.status).toBe(409);
      expect(demote.body.code).toBe('last_owner');
    });

    it('switches a session between the tenants its user belongs to; another tenant answers 404', async () => {
      const home = await signup('HomeCo');
      const other = await signup('OtherCo');
      const stranger = await signup('StrangerCo');
      // The owner of HomeCo is invited into OtherCo as a viewer and accepts with their password.
      const homeMe = (await apiA.as(home.token).get<{ user: { email: string } }>('/v1/me')).body;
      await apiA.as(other.token).post('/v1/invitations', { email: homeMe.user.email, role: 'VIEWER' });
      const token = /token=(cli_[\w-]+)/.exec(CapturingMailer.sent.find((m) => m.to === homeMe.user.email)?.text ?? '')?.[1];
      expect((await apiA.post('/v1/invitations/accept', { token, password: PASSWORD })).status).toBe(201);

      const me = await apiA.as(home.token).get<{ memberships: { tenantId: string; role: string }[] }>('/v1/me');
      expect(me.body.memberships.map((m) => [m.tenantId, m.role])).toEqual([
        [home.tenant.id, 'OWNER'],
        [other.tenant.id, 'VIEWER'],
      ]);
      const switched = await apiA.as(home.token).request<{ tenant: { id: string }; role: string; permissions: string[] }>('PUT', '/v1/sessions/current/tenant', { tenantId: other.tenant.id });
      expect(switched.status).toBe(200);
      expect(switched.body).toMatchObject({ tenant: { id: other.tenant.id }, role: 'VIEWER' });
      expect(switched.body.permissions).not.toContain('members:manage');
      // The same token now acts in OtherCo, on the other instance too (its cache was invalidated).
      const seen = await apiB.as(home.token).get<{ tenant: { id: string }; role: string }>('/v1/me');
      expect(seen.body).toMatchObject({ tenant: { id: other.tenant.id }, role: 'VIEWER' });
      expect((await apiB.as(home.token).post('/v1/invitations', { email: uniqueEmail('x'), role: 'VIEWER' })).status).toBe(403);
      const audit = await apiA.as(other.token).get<{ items: { action: string; details: { from?: string } }[] }>('/v1/tenant/audit?action=session.switch_tenant');
      expect(audit.body.items[0]?.details.from).toBe(home.tenant.id);

      // A tenant the user is not a member of: 404, exactly as an unknown one.
      for (const tenantId of [stranger.tenant.id, 'ten_0000000000000000000000zzzz']) {
        const refused = await apiA.as(home.token).request('PUT', '/v1/sessions/current/tenant', { tenantId });
        expect(refused.status).toBe(404);
        expect(refused.contentType).toContain('application/problem+json');
      }
      const invalid = await apiA.as(home.token).request<{ code: string }>('PUT', '/v1/sessions/current/tenant', { tenantId: 'acme', extra: 1 });
      expect(invalid.status).toBe(400);
      expect(invalid.body.code).toBe('validation_failed');
      // An API key belongs to one tenant and cannot switch.
      const key = await apiA.as(stranger.token).post<{ secret: string }>('/v1/api-keys', { name: 'k', scopes: ['networks:read'] });
      const byKey = await apiA.as(key.body.secret).request('PUT', '/v1/sessions/current/tenant', { tenantId: stranger.tenant.id });
      expect(byKey.status).toBe(400);

      // And back home, with the owner's permissions again.
      const back = await apiA.as(home.token).request<{ role: string }>('PUT', '/v1/sessions/current/tenant', { tenantId: home.tenant.id });
      expect(back.body.role).toBe('OWNER');
      expect((await apiB.as(home.token).get<{ role: string }>('/v1/me')).body.role).toBe('OWNER');

      // With HomeCo suspended, logging in without a choice lands in OtherCo, not in the refusal.
      const admin = await adminSession();
      await apiA.as(admin).post(`/v1/admin/tenants/${home.tenant.id}/suspend`, { reason: 'switch test' });
      const login = await apiA.post<Session & { role: string }>('/v1/sessions', { email: homeMe.user.email, password: PASSWORD });
      expect(login.body).toMatchObject({ tenant: { id: other.tenant.id }, role: 'VIEWER' });
      expect((await apiA.as(login.body.token).get('/v1/me')).status).toBe(200);
      await apiA.as(admin).post(`/v1/admin/tenants/${home.tenant.id}/reactivate`);
    });

    it('refuses an expired invitation', async () => {
      const owner = await signup('LateCo');
      const email = uniqueEmail('late');
      const invite = await apiA.as(owner.token).post<{ id: string }>('/v1/invitations', { email, role: 'DEVELOPER' });
      await pg.query(`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`, [invite.body.id]);
      const token = /token=(cli_[\w-]+)/.exec(CapturingMailer.sent.find((m) => m.to === email)?.text ?? '')?.[1];
      const res = await apiA.post('/v1/invitations/accept', { token, name: 'L', password: PASSWORD });
      expect(res.status).toBe(400);
    });
  });

  describe('verification, plans, suspension (platform admin)', () => {
    it('only the free limits apply until an admin approves the company details', async () => {
      const owner = await signup('BigCo');
      const admin = await adminSession();
      expect((await apiA.as(admin).patch(`/v1/admin/tenants/${owner.tenant.id}`, { plan: 'ENTERPRISE', quotaOverrides: { networks: 99 } })).status).toBe(200);
      let tenant = (await apiA.as(owner.token).get<{ plan: string; limits: { networks: number } }>('/v1/tenant')).body;
      expect(tenant).toMatchObject({ plan: 'ENTERPRISE', limits: { networks: 1 } });

      const details = { companyName: 'BigCo Ltd', registrationNumber: '91310000MA1', country: 'CN', address: '1 Century Ave, Shanghai', contactName: 'Li Lei', contactEmail: 'li@bigco.test' };
      const bad = await apiA.as(owner.token).post('/v1/tenant/verification', { ...details, country: 'China' });
      expect(bad.status).toBe(400);
      const submitted = await apiA.as(owner.token).post<{ id: string; status: string }>('/v1/tenant/verification', details);
      expect(submitted.body.status).toBe('PENDING');
      expect((await apiA.as(owner.token).post('/v1/tenant/verification', details)).status).toBe(409);

      const queue = await apiA.as(admin).get<{ items: { id: string }[] }>('/v1/admin/verifications');
      expect(queue.body.items.map((i) => i.id)).toContain(submitted.body.id);
      expect((await apiA.as(admin).post(`/v1/admin/verifications/${submitted.body.id}/approve`, {})).status).toBe(201);
      tenant = (await apiB.as(owner.token).get<{ plan: string; limits: { networks: number } }>('/v1/tenant')).body;
      expect(tenant.limits.networks).toBe(99);
    });

    it('a rejection carries its reason to the tenant', async () => {
      const owner = await signup('ShadyCo');
      const admin = await adminSession();
      const details = { companyName: 'Shady', registrationNumber: 'X1', country: 'US', address: 'Nowhere 1', contactName: 'S', contactEmail: 's@shady.test' };
      const submitted = await apiA.as(owner.token).post<{ id: string }>('/v1/tenant/verification', details);
      expect((await apiA.as(admin).post(`/v1/admin/verifications/${submitted.body.id}/reject`, {})).status).toBe(400);
      expect((await apiA.as(admin).post(`/v1/admin/verifications/${submitted.body.id}/reject`, { reason: 'registration number unknown' })).status).toBe(201);
      const seen = await apiA.as(owner.token).get('/v1/tenant/verification');
      expect(seen.body).toMatchObject({ status: 'REJECTED', reason: 'registration number unknown' });
    });

    it('suspension stops keys and sessions on every instance at once and deletes nothing', async () => {
      const owner = await signup('PausedCo');
      const { secret } = (await apiA.as(owner.token).post<{ secret: string }>('/v1/api-keys', { name: 'k', scopes: ['usage:read'] })).body;
      expect((await apiB.as(secret).get('/v1/tenant/usage')).status).toBe(200);
      expect((await apiB.as(owner.token).get('/v1/me')).status).toBe(200);
      const admin = await adminSession();
      expect((await apiA.as(admin).post(`/v1/admin/tenants/${owner.tenant.id}/suspend`, { reason: 'unpaid invoice' })).status).toBe(201);
      await waitFor('B to refuse the key', async () => (await apiB.as(secret).get('/v1/tenant/usage')).status === 403, 1_000);
      const session = await apiB.as(owner.token).get('/v1/me');
      expect(session.status).toBe(403);
      expect(session.body.code).toBe('tenant_suspended');

      expect((await apiA.as(admin).post(`/v1/admin/tenants/${owner.tenant.id}/reactivate`)).status).toBe(201);
      await waitFor('the key to work again', async () => (await apiB.as(secret).get('/v1/tenant/usage')).status === 200, 1_000);
      const keys = await pg.query('SELECT count(*)::int AS n FROM api_keys WHERE tenant_id = $1', [owner.tenant.id]);
      expect(keys.rows[0].n).toBe(1);
    });

    it('admin routes are for platform admins only; the first admin comes from the environment', async () => {
      const owner = await signup('NosyCo');
      const res = await apiA.as(owner.token).get('/v1/admin/tenants');
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('platform_admin_only');
      const admin = await adminSession();
      const found = await apiA.as(admin).get<{ items: { id: string }[] }>(`/v1/admin/tenants?search=${owner.tenant.id}`);
      expect(found.body.items.map((t) => t.id)).toEqual([owner.tenant.id]);
    });
  });

  describe('audit log and usage', () => {
    it('records every change, including admin actions, in a verifiable hash chain', async () => {
      const owner = await signup('AuditCo');
      await apiA.as(owner.token).post('/v1/api-keys', { name: 'k', scopes: ['rpc'] });
      const admin = await adminSession();
      await apiA.as(admin).patch(`/v1/admin/tenants/${owner.tenant.id}`, { plan: 'STANDARD' });
      const log = await apiA.as(owner.token).get<{ items: { action: string; actorType: string; sourceIp: string }[] }>('/v1/tenant/audit');
      const actions = log.body.items.map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['tenant.signup', 'session.login', 'api_key.create', 'admin.tenant.update']));
      expect(log.body.items.find((e) => e.action === 'admin.tenant.update')?.actorType).toBe('platform-admin');
      expect(log.body.items[0].sourceIp).toMatch(/127\.0\.0\.1/);
      expect((await apiA.as(owner.token).get('/v1/tenant/audit/verify')).body).toMatchObject({ valid: true, entries: actions.length });

      // Tampering with an entry breaks the chain at that entry.
      await pg.query(`UPDATE audit_entries SET action = 'api_key.delete' WHERE tenant_id = $1 AND action = 'api_key.create'`, [owner.tenant.id]);
      const check = await apiA.as(owner.token).get('/v1/tenant/audit/verify');
      expect(check.body).toMatchObject({ valid: false, firstBrokenSeq: 3, reason: 'entry content does not match its hash' });
    });

    it('shows metered usage per day to the tenant and to admins', async () => {
      const owner = await signup('MeterCo');
      await pg.query(`INSERT INTO usage_daily (tenant_id, day, metric, count, updated_at) VALUES ($1, current_date, 'certificates', 42, now())`, [owner.tenant.id]);
      const usage = await apiA.as(owner.token).get<{ days: { metric: string; count: number }[] }>('/v1/tenant/usage');
      expect(usage.body.days).toEqual([expect.objectContaining({ metric: 'certificates', count: 42 })]);
      const all = await apiA.as(await adminSession()).get<{ items: { tenantId: string; count: number }[] }>('/v1/admin/usage');
      expect(all.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ tenantId: owner.tenant.id, count: 42 })]));
    });
  });

  describe('tenant isolation', () => {
    it("answers 404 to another tenant's ids, revealing nothing", async () => {
      const alice = await signup('AliceCo');
      const bob = await signup('BobCo');
      const key = (await apiA.as(alice.token).post<{ apiKey: { id: string } }>('/v1/api-keys', { name: 'alice-key', scopes: ['rpc'] })).body.apiKey;
      const invitation = (await apiA.as(alice.token).post<{ id: string }>('/v1/invitations', { email: uniqueEmail('x'), role: 'VIEWER' })).body;
      const member = (await apiA.as(alice.token).get<{ items: { id: string }[] }>('/v1/members')).body.items[0];
      const probes = [
        apiA.as(bob.token).get(`/v1/api-keys/${key.id}`),
        apiA.as(bob.token).delete(`/v1/api-keys/${key.id}`),
        apiA.as(bob.token).delete(`/v1/invitations/${invitation.id}`),
        apiA.as(bob.token).patch(`/v1/members/${member.id}`, { role: 'VIEWER' }),
        apiA.as(bob.token).delete(`/v1/members/${member.id}`),
      ];
      for (const res of await Promise.all(probes)) {
        expect(res.status).toBe(404);
        expect(JSON.stringify(res.body)).not.toMatch(/alice/i);
      }
      // And Alice's key still works: Bob's attempts changed nothing.
      expect((await apiA.as(alice.token).get(`/v1/api-keys/${key.id}`)).body).toMatchObject({ revokedAt: null });
    });
  });
});
