import { startService, type RunningService } from '@chainloom/server';
import { createTestDatabase, testConfig } from '@chainloom/testing';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SDK_DOMAINS } from '../test/api-document';
import { GENERATED_FILES, renderSdkFiles } from '../test/render';
import { ApiError, createChainloomClient, isApiError, requestSchema, unwrap } from './index';

/** The ApiError a request is expected to end in. */
const failure = (request: Promise<unknown>): Promise<ApiError> =>
  request.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (error: unknown) => {
      if (!isApiError(error)) throw error;
      return error;
    },
  );

describe('the SDK against the live API', () => {
  let db: { url: string; drop: () => Promise<void> };
  let platform: RunningService;

  beforeAll(async () => {
    db = await createTestDatabase();
    platform = await startService({ name: 'sdk-test', domains: SDK_DOMAINS }, testConfig(db.url));
  });
  afterAll(async () => {
    await platform?.stop();
    await db?.drop();
  });

  it('matches the committed generated files (run `npx nx run sdk:generate` when this fails)', async () => {
    const doc = (await (await fetch(`${platform.url}/v1/openapi.json`)).json()) as Record<string, never>;
    const files = await renderSdkFiles(doc);
    for (const name of GENERATED_FILES) {
      const committed = readFileSync(join(__dirname, name), 'utf8');
      // A plain equality check reports a 100 kB diff unreadably; name the file instead.
      if (committed !== files[name]) throw new Error(`libs/sdk/src/${name} is out of date with /v1/openapi.json: run npx nx run sdk:generate`);
    }
  });

  it('signs up, reads /v1/me with the session token, and throws problem+json as ApiError', async () => {
    const api = createChainloomClient({ baseUrl: platform.url });
    const body = { tenantName: 'Sdk Co', name: 'Sam', email: `sdk-${randomBytes(4).toString('hex')}@example.test`, password: 'correct horse battery staple' };
    expect(requestSchema('POST /v1/signup').safeParse(body).success).toBe(true);
    const session = await unwrap(api.POST('/v1/signup', { body }));
    expect(session.token).toMatch(/^cls_/);

    const me = await unwrap(createChainloomClient({ baseUrl: platform.url, token: session.token }).GET('/v1/me'));
    expect(me.role).toBe('OWNER');
    expect(me.tenant?.name).toBe('Sdk Co');

    const again = await failure(unwrap(api.POST('/v1/signup', { body })));
    expect(again.status).toBe(409);
    expect(again.code).toBe('email_taken');
    expect(again.detail).toMatch(/already exists/);

    const invalid = await failure(unwrap(api.POST('/v1/signup', { body: { ...body, email: 'nope', password: 'x' } })));
    expect(invalid.code).toBe('validation_failed');
    expect(Object.keys(invalid.fieldErrors()).sort()).toEqual(['email', 'password']);
    // The form schema rejects the same fields the server does.
    const local = requestSchema('POST /v1/signup').safeParse({ ...body, email: 'nope', password: 'x' });
    expect(local.success ? [] : [...new Set(local.error.issues.map((i) => i.path.join('.')))].sort()).toEqual(['email', 'password']);
  });

  it('reports a connection failure as ApiError status 0', async () => {
    const dead = createChainloomClient({ baseUrl: 'http://127.0.0.1:9' });
    const error = await failure(unwrap(dead.GET('/v1/me')));
    expect(error.status).toBe(0);
    expect(error.code).toBe('network_error');
  });
});
