// Secret hygiene of the real platform process (apps/platform/src/main.ts, NODE_ENV=production,
// LOG_LEVEL=debug, its logs captured to a file): a representative workload - sign-up, logins
// (some with wrong passwords), an API key, an invitation, a dev network with its
// generated signer, an external network with an imported signer key, a contract call through the
// tenant's signer, RPC through the gateway, a certificate anchored and confirmed, a webhook with
// its secret and a delivery attempt - then every secret the API handed out or was given is
// looked for, in clear, hex and base64, in the logs, a dump of the database, the Redis keys and
// the data directory. Also: security headers on every response, CORS, body limits, login
// throttling.
//
// Decision on the log mailer: the default mailer writes invitation mails, links and single-use
// tokens included, to the log. That is accepted in development (no mail server needed to try
// Chainloom) and NOT in production: logs are shipped to systems with wider access than a
// tenant's admins, and an invitation token makes whoever holds it a member of the tenant. This
// suite runs the platform with NODE_ENV=production, so a token in the log fails it.
import { TEST_REDIS_URL, createTestDatabase, freePort, waitFor } from '@chainloom/testing';
import { Wallet, parseEther, toBeHex } from 'ethers';
import { Redis } from 'ioredis';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { ExternalAnvil } from '../support/anvil';
import { ChildPlatform } from '../support/child-platform';
import { isRecord, problemViolation, send, type RawResponse } from '../support/http';
import { ADMIN_PASSWORD, killNodeProcesses, workDir } from '../support/platform';

const CONSOLE_ORIGIN = 'http://console.example.test';

interface Secret {
  what: string;
  value: string;
}

/** The forms a secret could be stored or logged in. */
function formsOf(value: string): string[] {
  const forms = new Set([
    value,
    Buffer.from(value).toString('hex'),
    Buffer.from(value).toString('base64'),
    Buffer.from(value).toString('base64url'),
  ]);
  if (/^0x[0-9a-fA-F]{64}$/.test(value)) {
    forms.add(value.slice(2).toLowerCase());
    forms.add(value.slice(2).toUpperCase());
  }
  // Drop forms too short to mean anything (e.g. the base64 of a short password is still long).
  return [...forms].filter((f) => f.length >= 12);
}

/** Files under a directory, recursively (small text-ish files only). */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) out.push(...filesUnder(path));
    else if (st.size < 5 * 2 ** 20) out.push(path);
  }
  return out;
}

describe('secret hygiene, headers, CORS, limits and throttling of the platform process', () => {
  let db: { url: string; drop: () => Promise<void> };
  let platform: ChildPlatform;
  let pg: Client;
  let external: ExternalAnvil;
  const dataDir = workDir('secrets-data');
  const logFile = join(dataDir, 'platform.log');
  const redisPrefix = `secrets-${randomBytes(4).toString('hex')}`;
  const masterKey = randomBytes(32).toString('base64');
  const adminEmail = `admin-${randomBytes(3).toString('hex')}@example.test`;
  const secrets: Secret[] = [];
  const keep = (what: string, value: string | undefined) => {
    if (!value) throw new Error(`the workload did not yield ${what}`);
    secrets.push({ what, value });
    return value;
  };
  const api = (token?: string) => ({
    call: (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
      send(platform.url, {
        method,
        url,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
  });
  const json = <T>(res: RawResponse) => res.json as T;
  /** Answers seen during the workload, for the header checks. */
  const answers: { label: string; res: RawResponse }[] = [];
  const seen = (label: string, res: RawResponse) => {
    answers.push({ label, res });
    return res;
  };
  let ownerKey = '';
  let networkId = '';
  let ownerEmail = '';

  beforeAll(async () => {
    db = await createTestDatabase();
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    external = await ExternalAnvil.start(31_337_000 + Math.floor(Math.random() * 1000));
    platform = new ChildPlatform({
      port: await freePort(),
      logFile,
      env: {
        NODE_ENV: 'production',
        LOG_LEVEL: 'debug',
        MASTER_KEY: masterKey,
        DATABASE_URL: db.url,
        DATABASE_MIGRATE: 'false',
        DATABASE_CREATE: 'false',
        REDIS_URL: TEST_REDIS_URL,
        REDIS_PREFIX: redisPrefix,
        DATA_DIR: dataDir,
        NOTARY_NETWORK: 'off',
        EXTERNAL_RPC_ALLOW_PRIVATE: 'true', // the external network below is a loopback anvil
        PLATFORM_ADMIN_EMAIL: adminEmail,
        PLATFORM_ADMIN_PASSWORD: ADMIN_PASSWORD,
        CORS_ORIGINS: CONSOLE_ORIGIN,
        NODE_HEALTH_INTERVAL_MS: '500',
        RECONCILE_INTERVAL_MS: '1000',
      },
    });
    keep('MASTER_KEY', masterKey);
    keep('MASTER_KEY (hex)', Buffer.from(masterKey, 'base64').toString('hex'));
    keep('platform admin password', ADMIN_PASSWORD);
    await platform.start();
  }, 90_000);

  afterAll(async () => {
    if (networkId && platform.running) await api(ownerKey).call('POST', `/v1/networks/${networkId}/delete`);
    await platform?.stop();
    killNodeProcesses(dataDir);
    if (!process.env.KEEP_TEST_DATA) rmSync(dataDir, { recursive: true, force: true });
    await external?.stop();
    await pg?.end();
    const cleanup = new Redis(TEST_REDIS_URL);
    const leftover = await cleanup.keys(`${redisPrefix}*`);
    if (leftover.length) await cleanup.del(...leftover);
    cleanup.disconnect();
    await db?.drop();
  }, 60_000);

  it('runs the workload', async () => {
    const ownerPassword = keep('owner password', `owner-${randomBytes(9).toString('base64url')}`);
    ownerEmail = `owner-${randomBytes(3).toString('hex')}@example.test`;
    const signup = seen(
      'POST /v1/signup',
      await api().call('POST', '/v1/signup', {
        tenantName: 'Secrets Co',
        name: 'Owner',
        email: ownerEmail,
        password: ownerPassword,
      }),
    );
    expect(signup.status).toBe(201);
    const tenantId = json<{ tenant: { id: string } }>(signup).tenant.id;
    keep('sign-up session token', json<{ token: string }>(signup).token);
    await pg.query(
      `UPDATE tenants SET plan = 'ENTERPRISE', verification_status = 'APPROVED', quota_overrides = '{"networks": 2}' WHERE id = $1`,
      [tenantId],
    );
    for (let i = 0; i < 3; i++) {
      const wrong = keep(`wrong password guess ${i}`, `guess-${randomBytes(9).toString('base64url')}`);
      expect((await api().call('POST', '/v1/sessions', { email: ownerEmail, password: wrong })).status).toBe(
        401,
      );
    }
    const login = seen(
      'POST /v1/sessions',
      await api().call('POST', '/v1/sessions', { email: ownerEmail, password: ownerPassword }),
    );
    const session = keep('login session token', json<{ token: string }>(login).token);
    const owner = api(session);

    const key = seen(
      'POST /v1/api-keys',
      await owner.call('POST', '/v1/api-keys', {
        name: 'all',
        scopes: [
          'networks:read',
          'networks:write',
          'contracts:read',
          'contracts:write',
          'certificates:read',
          'certificates:write',
          'webhooks:manage',
          'rpc',
        ],
      }),
    );
    ownerKey = keep('API key secret', json<{ secret: string }>(key).secret);
    const asKey = api(ownerKey);

    const inviteeEmail = `invitee-${randomBytes(3).toString('hex')}@example.test`;
    expect(
      (await owner.call('POST', '/v1/invitations', { email: inviteeEmail, role: 'DEVELOPER' })).status,
    ).toBe(201);
    // In production the log mailer logs who was invited, never the single-use link: no
    // invitation token may appear in the log at all (the token itself is unknown to this test).
    await waitFor('the invitation mail in the log', async () => readFileSync(logFile, 'utf8').includes(inviteeEmail), 5_000);
    expect(readFileSync(logFile, 'utf8')).not.toMatch(/cli_[\w-]{10,}/);

    // A dev network (signer generated by the platform) and an external one with an imported key.
    const created = await asKey.call('POST', '/v1/networks', { name: 'secrets-dev', protocol: 'dev' });
    expect(created.status).toBe(201);
    networkId = json<{ network: { id: string } }>(created).network.id;
    const imported = Wallet.createRandom();
    keep('imported signer private key', imported.privateKey);
    keep('imported signer mnemonic', imported.mnemonic?.phrase);
    await external.rpc('anvil_setBalance', [imported.address, toBeHex(parseEther('10'))]);
    const ext = await asKey.call('POST', '/v1/networks', {
      name: 'secrets-ext',
      protocol: 'external',
      rpcUrl: external.url,
      signerPrivateKey: imported.privateKey,
      confirmations: 0,
    });
    expect(ext.status).toBe(201);
    const extId = json<{ network: { id: string } }>(ext).network.id;
    for (const id of [networkId, extId]) {
      await waitFor(
        `network ${id} RUNNING`,
        async () =>
          json<{ status: string }>(await asKey.call('GET', `/v1/networks/${id}`)).status === 'RUNNING',
        60_000,
      );
    }
    const contract = await asKey.call('POST', `/v1/networks/${extId}/contracts`, {
      template: 'points-token',
      args: ['S', 'S'],
    });
    expect(contract.status).toBe(201);
    const contractId = json<{ id: string }>(contract).id;
    expect(
      (
        await asKey.call('POST', `/v1/contracts/${contractId}/send`, {
          function: 'mint',
          args: [imported.address, '5'],
        })
      ).status,
    ).toBe(201);
    seen(
      'POST /rpc/{id}',
      await asKey.call('POST', `/rpc/${networkId}`, { jsonrpc: '2.0', id: 1, method: 'eth_blockNumber' }),
    );

    // A webhook (secret shown once), a certificate anchored on the dev network, a delivery attempt.
    expect(
      (await asKey.call('PUT', '/v1/certificates/anchor-targets', { networkIds: [networkId] })).status,
    ).toBe(200);
    const webhook = seen(
      'POST /v1/webhooks',
      await asKey.call('POST', '/v1/webhooks', {
        url: 'https://hooks.example.com/chainloom',
        events: ['certificate.confirmed'],
      }),
    );
    expect(webhook.status).toBe(201);
    const webhookId = json<{ webhook: { id: string } }>(webhook).webhook.id;
    keep('webhook secret', json<{ secret: string }>(webhook).secret);
    const cert = seen(
      'POST /v1/certificates',
      await asKey.call('POST', '/v1/certificates', { contentHash: `0x${randomBytes(32).toString('hex')}` }),
    );
    const certId = json<{ id: string }>(cert).id;
    await waitFor(
      'the certificate to be CONFIRMED',
      async () =>
        json<{ status: string }>(await asKey.call('GET', `/v1/certificates/${certId}`)).status ===
        'CONFIRMED',
      60_000,
    );
    seen('GET certificate.pdf', await asKey.call('GET', `/v1/certificates/${certId}/certificate.pdf`));
    await waitFor(
      'a webhook delivery attempt',
      async () =>
        json<{ items: { attempts: number }[] }>(
          await asKey.call('GET', `/v1/webhooks/${webhookId}/deliveries`),
        ).items[0]?.attempts > 0,
      30_000,
    );

    const admin = await api().call('POST', '/v1/sessions', { email: adminEmail, password: ADMIN_PASSWORD });
    keep('admin session token', json<{ token: string }>(admin).token);
    expect((await owner.call('DELETE', '/v1/sessions/current')).status).toBe(204);
  }, 150_000);

  // What every response carries. HSTS because NODE_ENV=production (the platform sits behind TLS
  // there); frame-ancestors/X-Frame-Options against clickjacking of the console; nosniff and a
  // CSP against content sniffing and injected scripts; no Referer leaking ids to other sites.
  const REQUIRED_HEADERS: Record<string, (value: string | null, res: RawResponse) => boolean> = {
    'x-content-type-options': (v) => v === 'nosniff',
    'frame-ancestors or x-frame-options': (_v, res) =>
      /frame-ancestors 'none'/.test(res.headers.get('content-security-policy') ?? '') ||
      /^(deny|sameorigin)$/i.test(res.headers.get('x-frame-options') ?? ''),
    'content-security-policy': (v) => !!v && /default-src/.test(v),
    'referrer-policy': (v) => !!v && /no-referrer|same-origin|strict-origin/.test(v),
    'strict-transport-security': (v) => !!v && /max-age=\d{6,}/.test(v),
    'no x-powered-by': (_v, res) => !res.headers.has('x-powered-by'),
  };

  it('sends the security headers on every response', async () => {
    const probes: [string, string, unknown?][] = [
      ['GET', '/'],
      ['GET', '/health/live'],
      ['GET', '/health/ready'],
      ['GET', '/metrics'],
      ['GET', '/v1/openapi.json'],
      ['GET', '/docs'],
      ['GET', '/v1/me'],
      ['GET', '/v1/does-not-exist'],
      ['POST', '/v1/public/verify', { contentHash: 'nope' }],
      ['POST', '/v1/sessions', { email: 'nobody@example.test', password: 'x' }],
    ];
    for (const [method, url, body] of probes) seen(`${method} ${url}`, await api().call(method, url, body));
    seen('GET /v1/networks (key)', await api(ownerKey).call('GET', '/v1/networks'));
    seen(
      'GET /v1/networks/{id}/events (SSE)',
      await api(ownerKey).call('GET', `/v1/networks/${networkId}/events`),
    );
    const missing = answers.flatMap(({ label, res }) =>
      Object.entries(REQUIRED_HEADERS)
        .filter(([name, ok]) => !ok(res.headers.get(name.split(' ')[0]), res))
        .map(
          ([name]) =>
            `${label} (${res.status}): ${name} = ${JSON.stringify(res.headers.get(name.split(' ')[0]))}`,
        ),
    );
    expect(missing).toEqual([]);
  });

  it('keeps answers that carry a secret out of caches (Cache-Control: no-store)', () => {
    const carrying = answers.filter(({ label }) =>
      [
        'POST /v1/signup',
        'POST /v1/sessions',
        'POST /v1/api-keys',
        'POST /v1/webhooks',
        'POST /v1/invitations/accept',
      ].includes(label),
    );
    const cacheable = carrying
      .filter(({ res }) => res.status < 300 && !/no-store/.test(res.headers.get('cache-control') ?? ''))
      .map(({ label, res }) => `${label}: cache-control ${JSON.stringify(res.headers.get('cache-control'))}`);
    expect(carrying.length).toBeGreaterThanOrEqual(4);
    expect(cacheable).toEqual([]);
  });

  it("allows cross-origin calls from the console's origin only", async () => {
    const preflight = (origin: string) =>
      send(platform.url, {
        method: 'OPTIONS',
        url: '/v1/me',
        headers: {
          origin,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
    const allowed = await preflight(CONSOLE_ORIGIN);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(CONSOLE_ORIGIN);
    for (const origin of [
      'https://evil.example',
      'null',
      `${CONSOLE_ORIGIN}.evil.example`,
      'http://console.example.test:8080',
      CONSOLE_ORIGIN.replace('http:', 'https:'),
    ]) {
      const res = await preflight(origin);
      const simple = await send(platform.url, {
        method: 'GET',
        url: '/v1/me',
        headers: { origin, authorization: `Bearer ${ownerKey}` },
      });
      expect({
        origin,
        preflight: res.headers.get('access-control-allow-origin'),
        simple: simple.headers.get('access-control-allow-origin'),
      }).toEqual({ origin, preflight: null, simple: null });
    }
  });

  it('refuses bodies over the limit with 413 problem+json', async () => {
    const big = JSON.stringify({ contentHash: `0x${'a'.repeat(64)}`, externalId: 'x'.repeat(1_200_000) });
    for (const url of ['/v1/certificates', '/v1/signup', '/v1/sessions', `/rpc/${networkId}`]) {
      const res = await send(platform.url, {
        method: 'POST',
        url,
        headers: { authorization: `Bearer ${ownerKey}`, 'content-type': 'application/json' },
        body: big,
      });
      expect({ url, status: res.status, problem: problemViolation(res) }).toEqual({
        url,
        status: 413,
        problem: null,
      });
    }
  });

  it('throttles password guessing per account, for existing and unknown emails alike', async () => {
    const guess = (email: string) =>
      api().call('POST', '/v1/sessions', { email, password: `not-it-${randomBytes(4).toString('hex')}` });
    const unknown = `nobody-${randomBytes(3).toString('hex')}@example.test`;
    const timings: Record<'existing' | 'unknown', number[]> = { existing: [], unknown: [] };
    const statuses: Record<'existing' | 'unknown', number[]> = { existing: [], unknown: [] };
    // Ten failures per account answer 401, the eleventh 429, for the owner (whose counter its
    // successful login reset) and for an email nobody has, which must look the same.
    for (let i = 0; i < 11; i++) {
      for (const [kind, email] of [
        ['existing', ownerEmail],
        ['unknown', unknown],
      ] as const) {
        const res = await guess(email);
        statuses[kind].push(res.status);
        if (res.status === 401) timings[kind].push(res.durationMs);
      }
    }
    expect(statuses).toEqual({
      existing: [...Array(10).fill(401), 429],
      unknown: [...Array(10).fill(401), 429],
    });
    const after = await api().call('POST', '/v1/sessions', {
      email: ownerEmail,
      password: secrets.find((s) => s.what === 'owner password')?.value,
    });
    expect(after.status).toBe(429);
    expect(isRecord(after.json) && after.json.code).toBe('too_many_login_attempts');
    // The counter is per account, not per spelling of its email.
    expect((await guess(ownerEmail.toUpperCase())).status).toBe(429);
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    console.log(
      `failed login median: existing account ${median(timings.existing).toFixed(1)} ms, unknown email ${median(timings.unknown).toFixed(1)} ms`,
    );
  }, 60_000);

  it('leaves no secret in clear in the logs, the database, Redis or the data directory', async () => {
    await platform.stop();
    const logs = readFileSync(logFile, 'utf8');
    const dump = execFileSync('pg_dump', ['--data-only', '--no-owner', db.url], {
      encoding: 'utf8',
      maxBuffer: 512 * 2 ** 20,
    });
    const redis = new Redis(TEST_REDIS_URL);
    const redisDump: string[] = [];
    for (const key of await redis.keys(`${redisPrefix}*`)) {
      const type = await redis.type(key);
      let value: unknown = null;
      if (type === 'string') value = await redis.get(key);
      else if (type === 'hash') value = await redis.hgetall(key);
      else if (type === 'list') value = await redis.lrange(key, 0, -1);
      else if (type === 'zset') value = await redis.zrange(key, '0', '-1');
      else if (type === 'set') value = await redis.smembers(key);
      else if (type === 'stream') value = await redis.xrange(key, '-', '+');
      redisDump.push(`${key} ${JSON.stringify(value)}`);
    }
    redis.disconnect();
    const files = filesUnder(dataDir).filter((f) => f !== logFile);
    const places: [string, string][] = [
      ['logs', logs],
      ['database dump', dump],
      ['redis', redisDump.join('\n')],
      ...files.map((f): [string, string] => [
        `file ${f.slice(dataDir.length + 1)}`,
        readFileSync(f, 'latin1'),
      ]),
    ];
    const found: string[] = [];
    for (const { what, value } of secrets) {
      for (const form of formsOf(value)) {
        for (const [place, text] of places) {
          const at = text.indexOf(form);
          if (at >= 0)
            found.push(
              `${what} in ${place}${form === value ? '' : ' (encoded)'}: …${text.slice(Math.max(0, at - 120), at).replace(/\s+/g, ' ')}[SECRET]…`,
            );
        }
      }
    }
    // Log fields named like secrets must be redacted wherever they appear.
    const SECRET_FIELD =
      /^(password|secret|token|privatekey|private_key|mnemonic|masterkey|authorization|cookie|apikey|signerprivatekey)$/i;
    const walk = (value: unknown, path: string, line: number) => {
      if (isRecord(value)) {
        for (const [k, v] of Object.entries(value)) {
          if (SECRET_FIELD.test(k) && typeof v === 'string' && v && v !== '[redacted]')
            found.push(`log line ${line}: field ${path}${k} is not redacted`);
          walk(v, `${path}${k}.`, line);
        }
      } else if (Array.isArray(value)) value.forEach((v) => walk(v, path, line));
    };
    logs.split('\n').forEach((line, i) => {
      try {
        walk(JSON.parse(line) as unknown, '', i + 1);
      } catch {
        // not a JSON line (a Node warning on stderr)
      }
    });
    // Sealed columns hold no key material in clear.
    const { rows: signers } = await pg.query<{ encrypted_key: string }>('SELECT encrypted_key FROM signers');
    expect(signers.length).toBeGreaterThanOrEqual(2);
    for (const { encrypted_key } of signers)
      if (/[0-9a-fA-F]{64}/.test(encrypted_key) || /^0x/.test(encrypted_key))
        found.push(`signers.encrypted_key holds a 64-hex run: ${encrypted_key.slice(0, 40)}…`);
    const { rows: hooks } = await pg.query<{ encrypted_secret: string }>(
      'SELECT encrypted_secret FROM webhook_endpoints',
    );
    for (const { encrypted_secret } of hooks)
      if (encrypted_secret.includes('whsec_'))
        found.push('webhook_endpoints.encrypted_secret holds the secret');
    const { rows: rpc } = await pg.query<{ external_rpc: string }>(
      'SELECT external_rpc FROM networks WHERE external_rpc IS NOT NULL',
    );
    for (const { external_rpc } of rpc)
      if (external_rpc.includes('127.0.0.1')) found.push('networks.external_rpc holds the URL in clear');
    const { rows: users } = await pg.query<{ password_hash: string }>('SELECT password_hash FROM users');
    for (const { password_hash } of users)
      if (!password_hash.startsWith('$argon2'))
        found.push(`users.password_hash is not an argon2 hash: ${password_hash.slice(0, 12)}…`);
    console.log(
      `scanned ${secrets.length} secrets (${secrets.map((s) => s.what).join(', ')}) in ${(logs.length / 1024).toFixed(0)} KiB of logs, ${(dump.length / 1024).toFixed(0)} KiB of database dump, ${redisDump.length} Redis keys, ${files.length} files`,
    );
    expect(found).toEqual([]);
  }, 60_000);
});
