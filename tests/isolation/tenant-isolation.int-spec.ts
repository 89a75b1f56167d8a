// The tenant-isolation matrix, generated from /v1/openapi.json: tenant A creates one resource of
// every kind through the real API (a dev network on a real anvil, its operation and node, a
// contract deployed from a template, a transaction sent to it, a certificate anchored on the
// network, a webhook and a delivery, an API key, an invitation, a member, a verification
// request), then tenant B calls every operation whose path names a resource id with A's ids -
// with B's API key (every scope), B's owner session, and B's RPC access - and must get exactly
// what an unknown id gets (404 where B may use the route at all), with nothing of A's data in
// the body. Which id belongs to which parameter comes from the parameter's pattern (`^net_…`),
// so a new endpoint is covered as soon as it is in the document; an id type the suite cannot
// create fails the first test, by name, instead of being skipped.
import { newId } from '@chainloom/core';
import fc from 'fast-check';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isRecord, send, type RawResponse } from '../support/http';
import { CapturingMailer } from '../support/mailer';
import {
  fillPath,
  idPrefixOf,
  operationsOf,
  resolveSchema,
  type JsonSchema,
  type OpenApiDocument,
  type Operation,
  type Parameter,
} from '../support/openapi';
import { PASSWORD, startPlatform, type TestPlatform } from '../support/platform';
import { signUpTenant, upgradeTenant, type SuiteTenant } from '../support/tenants';
import { validValue } from '../fuzz/schema-arbitraries';
import { waitFor } from '@chainloom/testing';
import { randomBytes } from 'node:crypto';

type Credential = 'B api key' | 'B session';

interface Outcome {
  operation: string;
  credential: Credential;
  url: string;
  status: number;
  code: string | null;
  controlStatus: number;
  controlCode: string | null;
  leaked: string[];
}

const codeOf = (res: RawResponse): string | null =>
  isRecord(res.json) && typeof res.json.code === 'string' ? res.json.code : null;
const hex32 = () => `0x${randomBytes(32).toString('hex')}`;

/** Every distinctive string in a JSON value: ids, addresses and hashes, emails, our tagged names. */
function fingerprints(value: unknown, tag: string, into: Set<string>): Set<string> {
  if (typeof value === 'string') {
    const distinctive =
      /^[a-z]+_[0-9a-hjkmnp-tv-z]{26}$/.test(value) ||
      (/^0x[0-9a-fA-F]{40,}$/.test(value) && !/^0x0+$/.test(value)) ||
      /^[^@\s]+@[^@\s]+$/.test(value) ||
      value.includes(tag);
    if (distinctive) into.add(value);
  } else if (Array.isArray(value)) {
    for (const v of value) fingerprints(v, tag, into);
  } else if (isRecord(value)) {
    for (const v of Object.values(value)) fingerprints(v, tag, into);
  }
  return into;
}

/** An id of the same type that names nothing: what B must not be able to tell apart from A's. */
const unknownId = (prefix: string) => newId(prefix);

describe('tenant isolation matrix generated from /v1/openapi.json', () => {
  let platform: TestPlatform;
  let doc: OpenApiDocument;
  let operations: Operation[];
  let a: SuiteTenant;
  let b: SuiteTenant;
  let receiver: Server;
  /** A's resources by id prefix. */
  const ids: Record<string, string> = {};
  /** Values that are not ids but locate A's resources (a transaction hash, a block number). */
  const locators: { txHash?: string; contentHash?: string; externalId?: string } = {};
  let secrets: Set<string>;
  const tag = `iso${randomBytes(3).toString('hex')}`;
  let nodeRpcUrl: string;
  let signerAddress: string;
  const outcomes: Outcome[] = [];

  beforeAll(async () => {
    receiver = createServer((_req, res) => res.writeHead(200).end('ok'));
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    platform = await startPlatform({
      name: 'isolation',
      mailer: CapturingMailer,
      certificates: { sealIntervalMs: 300, anchorPollMs: 100, webhookAllowPrivateTargets: true },
      config: { NODE_HEALTH_INTERVAL_MS: '500', RECONCILE_INTERVAL_MS: '1000' },
    });
    doc = (await send(platform.url, { method: 'GET', url: '/v1/openapi.json' })).json as OpenApiDocument;
    operations = operationsOf(doc);
    const seen = new Set<string>();
    const record = (body: unknown) => fingerprints(body, tag, seen);

    // Tenant A, FREE first so that it can file a verification request, then approved.
    a = await signUpTenant(platform.api, platform.pg, `A ${tag}`, { plan: 'FREE' });
    b = await signUpTenant(platform.api, platform.pg, `B ${tag}`, {
      plan: 'ENTERPRISE',
      quotaOverrides: { networks: 1 },
    });
    const asA = platform.api.as(a.session);
    const kyb = await asA.post<{ id: string }>('/v1/tenant/verification', {
      companyName: `A ${tag} Ltd`,
      registrationNumber: `REG-${tag}`,
      country: 'DE',
      address: `1 ${tag} Street, Berlin`,
      contactName: `Contact ${tag}`,
      contactEmail: `contact-${tag}@example.test`,
    });
    expect(kyb.status).toBe(201);
    ids.kyb = kyb.body.id;
    record(kyb.body);
    await upgradeTenant(platform.pg, a.id, 'ENTERPRISE', { networks: 2 });
    ids.ten = a.id;
    ids.key = a.keyId;
    record({ a: a.id, k: a.keyId, e: a.email, n: a.name, u: a.userId });

    // A member (invited and accepted) and a pending invitation.
    const memberEmail = `member-${tag}@example.test`;
    expect((await asA.post('/v1/invitations', { email: memberEmail, role: 'DEVELOPER' })).status).toBe(201);
    const joined = await platform.api.post('/v1/invitations/accept', {
      token: CapturingMailer.invitationToken(memberEmail),
      name: `Member ${tag}`,
      password: PASSWORD,
    });
    expect(joined.status).toBe(201);
    const members = await asA.get<{ items: { id: string; email: string }[] }>('/v1/members');
    ids.mem = members.body.items.find((m) => m.email === memberEmail)?.id ?? '';
    record(members.body);
    const invitation = await asA.post<{ id: string }>('/v1/invitations', {
      email: `pending-${tag}@example.test`,
      role: 'VIEWER',
    });
    ids.inv = invitation.body.id;
    record(invitation.body);

    // A network on a real anvil, and what lives on it.
    const created = await platform.api
      .as(a.key)
      .post<{ network: { id: string; nodes: { id: string }[] }; operation: { id: string } }>('/v1/networks', {
        name: `net-${tag}`,
        protocol: 'dev',
      });
    expect(created.status).toBe(201);
    ids.net = created.body.network.id;
    ids.op = created.body.operation.id;
    ids.nod = created.body.network.nodes[0].id;
    const network = await waitFor(
      'A network to be RUNNING',
      async () => {
        const res = await platform.api
          .as(a.key)
          .get<{ status: string; signerAddress: string }>(`/v1/networks/${ids.net}`);
        return res.body.status === 'RUNNING' ? res.body : undefined;
      },
      60_000,
    );
    record(network);
    signerAddress = network.signerAddress;
    nodeRpcUrl = (
      await platform.pg.query<{ rpc_url: string }>('SELECT rpc_url FROM nodes WHERE id = $1', [ids.nod])
    ).rows[0].rpc_url;
    const contract = await platform.api.as(a.key).post<{ id: string }>(`/v1/networks/${ids.net}/contracts`, {
      template: 'points-token',
      args: [`Points ${tag}`, 'PTS'],
      name: `token-${tag}`,
    });
    expect(contract.status).toBe(201);
    ids.con = contract.body.id;
    record(contract.body);
    const sent = await platform.api
      .as(a.key)
      .post<{ id: string; hash: string }>(`/v1/contracts/${ids.con}/send`, {
        function: 'mint',
        args: [signerAddress, '1000'],
      });
    expect(sent.status).toBe(201);
    ids.tx = sent.body.id;
    locators.txHash = sent.body.hash;
    record(sent.body);

    // A certificate anchored on A's network, and a webhook told about it.
    expect(
      (
        await platform.api
          .as(a.key)
          .request('PUT', '/v1/certificates/anchor-targets', { networkIds: [ids.net] })
      ).status,
    ).toBe(200);
    const webhook = await platform.api
      .as(a.key)
      .post<{ webhook: { id: string }; secret: string }>('/v1/webhooks', {
        url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook-${tag}`,
        events: ['certificate.confirmed'],
        description: `hook ${tag}`,
      });
    expect(webhook.status).toBe(201);
    ids.whk = webhook.body.webhook.id;
    record(webhook.body);
    locators.contentHash = hex32();
    locators.externalId = `invoice-${tag}`;
    const cert = await platform.api.as(a.key).post<{ id: string }>('/v1/certificates', {
      contentHash: locators.contentHash,
      externalId: locators.externalId,
      metadata: { note: `meta ${tag}` },
    });
    expect(cert.status).toBe(201);
    ids.cert = cert.body.id;
    record(cert.body);
    await waitFor(
      'A certificate to be CONFIRMED',
      async () =>
        (await platform.api.as(a.key).get<{ status: string }>(`/v1/certificates/${ids.cert}`)).body.status ===
        'CONFIRMED',
      60_000,
    );
    record((await platform.api.as(a.key).get(`/v1/certificates/${ids.cert}/proof`)).body);
    const delivery = await waitFor(
      'a webhook delivery of A',
      async () =>
        (await platform.api.as(a.key).get<{ items: { id: string }[] }>(`/v1/webhooks/${ids.whk}/deliveries`))
          .body.items[0],
      30_000,
    );
    ids.whd = delivery.id;
    record(delivery);
    record((await platform.api.as(a.key).get(`/v1/networks/${ids.net}/contracts`)).body);
    secrets = seen;
  }, 120_000);

  afterAll(async () => {
    if (ids.net) {
      await platform.api.as(a.key).post(`/v1/networks/${ids.net}/delete`);
      await waitFor(
        'A network to be deleted',
        async () =>
          (await platform.api.as(a.key).get<{ status: string }>(`/v1/networks/${ids.net}`)).body.status ===
          'DELETED',
        30_000,
      ).catch(() => undefined);
    }
    await platform?.stop();
    await new Promise((resolve) => receiver?.close(resolve));
  }, 60_000);

  /** Operations whose path names a resource: the matrix's rows. */
  const resourceOperations = () => operations.filter((op) => op.pathParams.length > 0);

  /** A's value for a path parameter, or null when the suite cannot map it. */
  const valueFor = (p: Parameter): string | null => {
    const prefix = idPrefixOf(p.schema);
    if (prefix) return ids[prefix] ?? null;
    const schema = p.schema ?? {};
    if (schema.pattern === '^0x[0-9a-fA-F]{64}$') return locators.txHash ?? null;
    if (schema.type === 'integer' || schema.type === 'number') return '1';
    return null;
  };
  /** The same parameter naming nothing (ids only; locators stay A's so that only the id differs). */
  const controlFor = (p: Parameter): string => {
    const prefix = idPrefixOf(p.schema);
    return prefix ? unknownId(prefix) : (valueFor(p) ?? '');
  };

  /** A body the route accepts, so that validation cannot answer before the lookup does. */
  const MEANINGFUL_BODIES: Record<string, () => unknown> = {
    'POST /rpc/{networkId}': () => ({
      jsonrpc: '2.0',
      id: 1,
      method: 'eth_getBalance',
      params: [signerAddress, 'latest'],
    }),
    'POST /v1/contracts/{id}/call': () => ({ function: 'balanceOf', args: [signerAddress] }),
    'POST /v1/contracts/{id}/send': () => ({ function: 'mint', args: [signerAddress, '1'] }),
    'POST /v1/networks/{id}/contracts': () => ({ template: 'points-token', args: ['X', 'X'] }),
    'PATCH /v1/members/{id}': () => ({ role: 'VIEWER' }),
    'PATCH /v1/admin/tenants/{id}': () => ({ plan: 'FREE' }),
    'POST /v1/admin/tenants/{id}/suspend': () => ({ reason: 'isolation test' }),
    'POST /v1/admin/verifications/{id}/reject': () => ({ reason: 'isolation test' }),
  };
  const bodyFor = (op: Operation): { body?: string; contentType?: string } => {
    if (!op.body) return {};
    const [contentType, schema] = Object.entries(op.body)[0];
    if (contentType !== 'application/json') return { contentType, body: 'isolation' };
    const known = MEANINGFUL_BODIES[op.key];
    const value = known
      ? known()
      : fc.sample(validValue(schema, { doc, ids: () => [] }), { seed: 7, numRuns: 1 })[0];
    return { contentType, body: JSON.stringify(value) };
  };

  /** A's values in an answer, leaving out those B sent itself (the problem's `instance` echoes the path). */
  const leakedIn = (res: RawResponse, sentByB = '') =>
    [...secrets].filter((s) => res.text.includes(s) && !sentByB.includes(s));

  it('maps every resource id parameter in the document to a resource tenant A created', () => {
    const unmapped = resourceOperations().flatMap((op) =>
      op.pathParams
        .filter((p) => valueFor(p) === null)
        .map((p) => `${op.key}: {${p.name}} ${JSON.stringify(p.schema)}`),
    );
    expect(unmapped).toEqual([]);
    const prefixes = [
      ...new Set(
        resourceOperations().flatMap((op) =>
          op.pathParams.map((p) => idPrefixOf(p.schema)).filter((x): x is string => !!x),
        ),
      ),
    ].sort();
    console.log(`id types in the document: ${prefixes.join(', ')}; A's fingerprints: ${secrets.size}`);
    expect(secrets.size).toBeGreaterThan(20);
  });

  it("answers B's key and session on every operation naming A's ids exactly as for unknown ids (404), with nothing of A in the body", async () => {
    const credentials: Record<Credential, string> = { 'B api key': b.key, 'B session': b.session };
    // Reads first, destructive calls last: if isolation were broken, the report still has the reads.
    const rank = (op: Operation) =>
      op.method === 'GET' ? 0 : op.method === 'DELETE' || op.path.endsWith('/delete') ? 2 : 1;
    const ordered = [...resourceOperations()].sort((x, y) => rank(x) - rank(y));
    for (const op of ordered) {
      const { body, contentType } = bodyFor(op);
      for (const [credential, token] of Object.entries(credentials) as [Credential, string][]) {
        const headers: Record<string, string> = {
          authorization: `Bearer ${token}`,
          ...(contentType ? { 'content-type': contentType } : {}),
        };
        const url = fillPath(
          op.path,
          Object.fromEntries(op.pathParams.map((p) => [p.name, valueFor(p) ?? ''])),
        );
        const controlUrl = fillPath(
          op.path,
          Object.fromEntries(op.pathParams.map((p) => [p.name, controlFor(p)])),
        );
        const res = await send(platform.url, { method: op.method, url, headers, body });
        const control = await send(platform.url, { method: op.method, url: controlUrl, headers, body });
        outcomes.push({
          operation: op.key,
          credential,
          url,
          status: res.status,
          code: codeOf(res),
          controlStatus: control.status,
          controlCode: codeOf(control),
          leaked: leakedIn(res, url + (body ?? '')),
        });
      }
    }
    const adminOnly = new Set(
      outcomes
        .filter((o) => o.credential === 'B session' && o.controlCode === 'platform_admin_only')
        .map((o) => o.operation),
    );
    const tenantOwned = new Set(outcomes.map((o) => o.operation).filter((k) => !adminOnly.has(k)));
    const problems = outcomes.flatMap((o) => {
      const found: string[] = [];
      const what = `${o.credential} ${o.operation} (${o.url})`;
      if (o.status < 400 || o.status >= 500) found.push(`${what}: answered ${o.status} ${o.code ?? ''}`);
      if (o.status !== o.controlStatus || o.code !== o.controlCode)
        found.push(
          `${what}: answered ${o.status} ${o.code} but ${o.controlStatus} ${o.controlCode} for an unknown id (tells A's ids apart)`,
        );
      // B's owner session may use every tenant route: the lookup itself must say 404.
      if (o.credential === 'B session' && tenantOwned.has(o.operation) && o.status !== 404)
        found.push(`${what}: expected 404, got ${o.status} ${o.code}`);
      if (o.leaked.length) found.push(`${what}: the body holds A's ${o.leaked.slice(0, 5).join(', ')}`);
      return found;
    });
    console.log(
      `isolation matrix: ${outcomes.length} calls (and as many controls) on ${tenantOwned.size} tenant-owned operations ` +
        `(+${adminOnly.size} platform-admin operations, refused alike) × 2 credentials; ${problems.length} problems\n` +
        [...tenantOwned]
          .map(
            (k) =>
              `  ${k}: ${outcomes
                .filter((o) => o.operation === k)
                .map((o) => `${o.credential} ${o.status} ${o.code}`)
                .join(', ')}`,
          )
          .join('\n'),
    );
    expect(problems).toEqual([]);
    expect(tenantOwned.size).toBeGreaterThanOrEqual(30);
  }, 60_000);

  it('shows B nothing of A in any list, and nothing when B filters by A’s values', async () => {
    const lists = operations.filter((op) => op.method === 'GET' && op.pathParams.length === 0);
    const queryValue = (p: Parameter): string | null => {
      const schema: JsonSchema = resolveSchema(doc, p.schema ?? {});
      if (schema.pattern === '^0x[0-9a-fA-F]{64}$') return locators.contentHash ?? null;
      if (p.name === 'externalId') return locators.externalId ?? null;
      if (p.name === 'search') return a.name;
      return null;
    };
    const problems: string[] = [];
    let calls = 0;
    for (const op of lists) {
      const filters = op.queryParams
        .map((p) => [p.name, queryValue(p)] as const)
        .filter((e): e is readonly [string, string] => e[1] !== null);
      const urls = [op.path, ...filters.map(([k, v]) => `${op.path}?${k}=${encodeURIComponent(v)}`)];
      for (const url of urls) {
        for (const token of [b.key, b.session]) {
          const res = await send(platform.url, {
            method: 'GET',
            url,
            headers: { authorization: `Bearer ${token}` },
          });
          calls++;
          if (res.status >= 500) problems.push(`GET ${url}: ${res.status}`);
          const leaked = leakedIn(res, url);
          if (leaked.length) problems.push(`GET ${url} as B: holds A's ${leaked.slice(0, 5).join(', ')}`);
        }
      }
    }
    console.log(`lists and filters: ${calls} calls on ${lists.length} list operations`);
    expect(problems).toEqual([]);
  }, 30_000);

  it("refuses A's ids inside B's request bodies as it refuses unknown ids", async () => {
    // Body properties whose schema is an id pattern (anchor targets, the login's tenantId, …).
    const fieldsWithIds = (
      schema: JsonSchema,
      path: string[] = [],
    ): { path: string[]; prefix: string; array: boolean }[] => {
      const s = resolveSchema(doc, schema);
      return Object.entries(s.properties ?? {}).flatMap(([name, prop]) => {
        const p = resolveSchema(doc, prop);
        const prefix = idPrefixOf(p) ?? idPrefixOf(p.items ? resolveSchema(doc, p.items) : undefined);
        return prefix
          ? [{ path: [...path, name], prefix, array: !!p.items }]
          : fieldsWithIds(p, [...path, name]);
      });
    };
    const problems: string[] = [];
    let checked = 0;
    for (const op of operations.filter(
      (o) => o.body?.['application/json'] && o.pathParams.length === 0 && o.security.length > 0,
    )) {
      const schema = op.body?.['application/json'] ?? {};
      for (const field of fieldsWithIds(schema)) {
        const target = ids[field.prefix];
        if (!target) {
          problems.push(
            `${op.key}: body field ${field.path.join('.')} holds ${field.prefix}_ ids, which this suite cannot create`,
          );
          continue;
        }
        const build = (id: string) => {
          const base = fc.sample(validValue(schema, { doc, ids: () => [] }), {
            seed: 11,
            numRuns: 1,
          })[0] as Record<string, unknown>;
          const body: Record<string, unknown> = { ...base, email: b.email, password: b.password };
          for (const key of Object.keys(body))
            if (!(resolveSchema(doc, schema).properties ?? {})[key]) delete body[key];
          body[field.path[0]] = field.array ? [id] : id;
          return JSON.stringify(body);
        };
        for (const token of [b.key, b.session]) {
          const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
          const sentBody = build(target);
          const res = await send(platform.url, { method: op.method, url: op.path, headers, body: sentBody });
          const control = await send(platform.url, {
            method: op.method,
            url: op.path,
            headers,
            body: build(unknownId(field.prefix)),
          });
          checked++;
          const what = `${op.key} with A's ${field.prefix} id in ${field.path.join('.')}`;
          if (res.status < 400 || res.status >= 500) problems.push(`${what}: answered ${res.status}`);
          if (res.status !== control.status || codeOf(res) !== codeOf(control))
            problems.push(
              `${what}: ${res.status} ${codeOf(res)} vs ${control.status} ${codeOf(control)} for an unknown id`,
            );
          const leaked = leakedIn(res, sentBody);
          if (leaked.length) problems.push(`${what}: body holds A's ${leaked.slice(0, 5).join(', ')}`);
        }
      }
    }
    console.log(`ids in bodies: ${checked} calls`);
    expect(checked).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  }, 30_000);

  it("gives B no way into A's chain through an external network that points at A's node", async () => {
    // The RPC gateway and the explorer check tenants; the node behind them listens on loopback
    // without auth. An "external" network lets a tenant name any RPC URL, which the platform then
    // calls on the tenant's behalf: B names A's node and reads through its own network.
    const res = await platform.api.as(b.key).post<{ network: { id: string } }>('/v1/networks', {
      name: `probe-${tag}`,
      protocol: 'external',
      rpcUrl: nodeRpcUrl,
    });
    const reads: string[] = [];
    if (res.status === 201) {
      const probeId = res.body.network.id;
      await new Promise((r) => setTimeout(r, 2_000));
      // Every read the document offers on a network, with A's transaction hash where one is asked for.
      for (const op of operations.filter(
        (o) => o.method === 'GET' && o.pathParams.some((p) => idPrefixOf(p.schema) === 'net'),
      )) {
        const url = fillPath(
          op.path,
          Object.fromEntries(
            op.pathParams.map((p) => [
              p.name,
              idPrefixOf(p.schema) === 'net' ? probeId : (valueFor(p) ?? ''),
            ]),
          ),
        );
        const read = await send(platform.url, {
          method: 'GET',
          url,
          headers: { authorization: `Bearer ${b.key}` },
        });
        const leaked = leakedIn(read, url).filter((v) => v !== locators.txHash);
        if (read.status < 300 && (leaked.length || (locators.txHash && url.includes(locators.txHash))))
          reads.push(`${op.key} → ${read.status} ${read.text.slice(0, 300)}`);
      }
      const rpc = await send(platform.url, {
        method: 'POST',
        url: `/rpc/${probeId}`,
        headers: { authorization: `Bearer ${b.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'eth_getTransactionByHash',
          params: [locators.txHash],
        }),
      });
      if (rpc.status < 300 && leakedIn(rpc).some((v) => v !== locators.txHash))
        reads.push(`POST /rpc/${probeId} eth_getTransactionByHash → ${rpc.text.slice(0, 300)}`);
      await platform.api.as(b.key).post(`/v1/networks/${probeId}/delete`);
    }
    expect({ create: res.status, readsOfAsChain: reads }).toEqual({ create: 400, readsOfAsChain: [] });
  }, 30_000);

  it('does not let a tenant read internal HTTP services through the external-network RPC probe', async () => {
    // Stands for anything on the platform's side of the network: an admin page, a metadata
    // service, a Kubernetes API. The platform probes an external network's URL with eth_chainId.
    const internalSecret = `internal-${randomBytes(8).toString('hex')}`;
    const internal = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end(`<html>admin console ${internalSecret}</html>`),
    );
    await new Promise<void>((resolve) => internal.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(internal.address() as AddressInfo).port}/admin`;
      const res = await platform.api
        .as(b.key)
        .post('/v1/networks', { name: `ssrf-${tag}`, protocol: 'external', rpcUrl: url });
      expect({
        status: res.status,
        echoesInternalAnswer: JSON.stringify(res.body).includes(internalSecret),
      }).toEqual({ status: 400, echoesInternalAnswer: false });
    } finally {
      await new Promise((resolve) => internal.close(resolve));
    }
  });

  it("refuses node-control and signature-free methods to a holder of A's own rpc key (malicious RPC caller)", async () => {
    // A key with the rpc scope (e.g. given to a dApp) must not act as the node or as someone
    // else's account: the platform signer owns A's anchor registry.
    const victim = `0x${randomBytes(20).toString('hex')}`;
    const calls: [string, unknown[]][] = [
      ['eth_sendUnsignedTransaction', [{ from: signerAddress, to: victim, value: '0x1' }]],
      ['eth_sendTransaction', [{ from: signerAddress, to: victim, value: '0x1' }]],
      ['anvil_impersonateAccount', [signerAddress]],
      ['anvil_setBalance', [victim, '0x1']],
      ['hardhat_setBalance', [victim, '0x1']],
      ['evm_mine', []],
      ['evm_revert', ['0x1']],
      ['anvil_dumpState', []],
      ['debug_traceTransaction', [locators.txHash]],
      ['personal_sign', ['0x00', signerAddress]],
      ['eth_sign', [signerAddress, '0x00']],
      ['txpool_content', []],
      ['admin_nodeInfo', []],
    ];
    const accepted: string[] = [];
    for (const [method, params] of calls) {
      const res = await send(platform.url, {
        method: 'POST',
        url: `/rpc/${ids.net}`,
        headers: { authorization: `Bearer ${a.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
      });
      const error = isRecord(res.json) && isRecord(res.json.error) ? res.json.error : null;
      if (!error || error.code !== -32601)
        accepted.push(`${method} → ${res.status} ${res.text.slice(0, 160)}`);
    }
    const balance = await send(platform.url, {
      method: 'POST',
      url: `/rpc/${ids.net}`,
      headers: { authorization: `Bearer ${a.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_getBalance', params: [victim, 'latest'] }),
    });
    expect({ accepted, victimBalance: isRecord(balance.json) ? balance.json.result : balance.text }).toEqual({
      accepted: [],
      victimBalance: '0x0',
    });
  });

  it('left every resource of A in place', async () => {
    const asA = platform.api.as(a.key);
    expect((await asA.get<{ status: string }>(`/v1/networks/${ids.net}`)).body.status).toBe('RUNNING');
    expect((await asA.get(`/v1/contracts/${ids.con}`)).status).toBe(200);
    expect((await asA.get(`/v1/webhooks/${ids.whk}`)).status).toBe(200);
    expect((await asA.get(`/v1/certificates/${ids.cert}`)).status).toBe(200);
    const members = await platform.api
      .as(a.session)
      .get<{ items: { id: string; role: string }[] }>('/v1/members');
    expect(members.body.items.find((m) => m.id === ids.mem)?.role).toBe('DEVELOPER');
    expect((await platform.api.as(a.session).get<{ status: string }>('/v1/tenant')).body.status).not.toBe(
      'SUSPENDED',
    );
  });
});
