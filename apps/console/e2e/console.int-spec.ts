// The web console in a real browser (Debian's Chromium via playwright-core) against a real
// platform on loopback: PostgreSQL, Redis and anvil, the console served by ConsoleStaticModule on
// the same origin as the API, as in production. One journey per user; screenshots of each step in
// English and Chinese go to CONSOLE_SCREENSHOTS_DIR (default tmp/console-e2e).
import { startService, type RunningService } from '@chainloom/server';
import { TenancyModule } from '@chainloom/tenancy';
import { ProvisioningModule } from '@chainloom/provisioning';
import { CertificatesModule } from '@chainloom/certificates';
import { createTestDatabase, testConfig, waitFor } from '@chainloom/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { ConsoleStaticModule } from '@chainloom/server';
import { createChainloomClient, unwrap } from '@chainloom/sdk';
import { buildConsole, launchChromium } from './browser';

const WORKSPACE = resolve(__dirname, '../../..');
const SHOTS = resolve(WORKSPACE, process.env['CONSOLE_SCREENSHOTS_DIR'] ?? 'tmp/console-e2e');
const PASSWORD = 'correct horse battery staple';
const ADMIN_EMAIL = `admin-${randomBytes(3).toString('hex')}@example.test`;
const unique = (who: string) => `${who}-${randomBytes(4).toString('hex')}@example.test`;

/** Page has no horizontal scrollbar: nothing is wider than the viewport. */
const noHorizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe('web console in Chromium (real platform on loopback)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let platform: RunningService;
  let browser: Browser;
  /** Session tokens of the users the journeys signed up (read from the browser's cookie). */
  const sessions: string[] = [];
  const timings: Record<string, number> = {};

  const shot = async (page: Page, name: string) => {
    const lang = await page.evaluate(() => document.documentElement.lang || 'en');
    await page.screenshot({ path: join(SHOTS, `${name}.${lang}.png`), fullPage: true });
  };
  /** Screenshots a page in both languages, leaving it in English. */
  const shotBoth = async (page: Page, name: string) => {
    await shot(page, name);
    await page.getByText('中文', { exact: true }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    await shot(page, name);
    await page.getByText('English', { exact: true }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
  };
  const newContext = async (viewport = { width: 1280, height: 900 }): Promise<BrowserContext> => {
    const context = await browser.newContext({ viewport, locale: 'en-US', acceptDownloads: true });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: platform.url });
    return context;
  };
  const signUp = async (page: Page, tenantName: string, email = unique('owner')) => {
    await page.goto(`${platform.url}/signup`);
    await page.getByLabel(/^Organisation name/).fill(tenantName);
    await page.getByLabel(/^Your name/).fill('Ada Operator');
    await page.getByLabel(/^Email/).fill(email);
    await page.getByLabel(/^Password/).fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    const cookie = (await page.context().cookies()).find((c) => c.name === 'chainloom_session');
    if (!cookie) throw new Error('signing up set no chainloom_session cookie');
    expect(cookie.httpOnly).toBe(true);
    sessions.push(cookie.value);
    return email;
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    let started = Date.now();
    const root = buildConsole();
    timings['vite build'] = Date.now() - started;
    db = await createTestDatabase();
    platform = await startService(
      { name: 'console-e2e', domains: [TenancyModule, ProvisioningModule, CertificatesModule, ConsoleStaticModule.forRoot({ root })] },
      testConfig(db.url, { NODE_HEALTH_INTERVAL_MS: '500', RECONCILE_INTERVAL_MS: '1000', PLATFORM_ADMIN_EMAIL: ADMIN_EMAIL, PLATFORM_ADMIN_PASSWORD: PASSWORD }),
    );
    started = Date.now();
    browser = await launchChromium();
    timings['chromium launch'] = Date.now() - started;
  }, 60_000);

  afterAll(async () => {
    // Delete every network the journeys made, through the API as their owners, so no anvil
    // outlives the test.
    for (const token of sessions) {
      const api = createChainloomClient({ baseUrl: platform.url, token });
      const networks = await unwrap(api.GET('/v1/networks')).catch(() => ({ items: [] }));
      for (const n of networks.items) {
        await unwrap(api.POST('/v1/networks/{id}/delete', { params: { path: { id: n.id } } })).catch(() => undefined);
        await waitFor(`${n.id} to be deleted`, async () => (await unwrap(api.GET('/v1/networks/{id}', { params: { path: { id: n.id } } }))).status === 'DELETED', 30_000).catch(() => undefined);
      }
    }
    await browser?.close();
    await platform?.stop();
    await db?.drop();
    console.log(`console e2e timings (ms): ${JSON.stringify(timings)}`);
  }, 60_000);

  it('operator: signs up, creates a dev network and watches it reach RUNNING live, copies the RPC endpoint, creates an API key', async () => {
    const context = await newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    let started = Date.now();
    await signUp(page, 'Acme Logistics');
    timings['sign-up to dashboard'] = Date.now() - started;
    await shotBoth(page, '01-dashboard');

    // The create wizard: protocol → nodes and blocks → review.
    await page.getByRole('link', { name: 'Create network' }).first().click();
    await page.getByRole('heading', { name: 'Create a network' }).waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Required.').waitFor(); // the API's own schema: name is min(1)
    await page.getByLabel(/^Network name/).fill('dev-1');
    await page.getByRole('button', { name: 'Next' }).click();
    const blockTime = page.getByLabel(/^Block time/);
    await blockTime.fill('1'); // timed blocks, so anchors gather confirmations
    await page.getByRole('button', { name: 'Next' }).click();
    await expectVisible(page.getByRole('cell', { name: 'Development (anvil)' }));
    await shot(page, '02-create-network-review');
    started = Date.now();
    await page.getByRole('button', { name: 'Create network' }).click();

    // Live progress: the status arrives through the event stream (the page does not poll it).
    await page.waitForURL(/\/networks\/net_[0-9a-z]+$/);
    const networkId = page.url().split('/').pop() ?? '';
    await page.locator('[data-testid="stream-state"][data-state="open"]').waitFor({ timeout: 10_000 });
    await page.locator('[data-testid="network-status"][data-status="RUNNING"]').waitFor({ timeout: 45_000 });
    timings['create to RUNNING (seen in browser)'] = Date.now() - started;
    await page.locator('[data-testid="operation-progress"][data-status="SUCCEEDED"]').waitFor({ timeout: 10_000 });
    await expectVisible(page.getByText('Network is now Running'));
    await shotBoth(page, '03-network-running');

    // RPC endpoint: copy button → clipboard.
    await page.getByRole('tab', { name: 'Connect' }).click();
    await page.getByRole('button', { name: 'Copy RPC endpoint' }).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(`${platform.url}/rpc/${networkId}`);
    await expectVisible(page.getByText("request.setHeader('authorization'"));
    await shot(page, '03-network-connect');

    // API key: the secret is shown once, then never again.
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByLabel(/^Name/).fill('ci');
    await page.getByRole('button', { name: 'Create key' }).click();
    const secretBox = page.getByTestId('api-key-secret');
    await secretBox.waitFor();
    const secret = (await secretBox.textContent())?.trim() ?? '';
    expect(secret).toMatch(/^clk_/);
    await shot(page, '04-api-key-secret');
    await page.getByRole('button', { name: 'I have stored it' }).click();
    await secretBox.waitFor({ state: 'detached' });
    await expectVisible(page.getByTestId('api-key-row').filter({ hasText: 'ci' }));
    expect(await page.content()).not.toContain(secret);

    // The copied endpoint and the new key work together, as they would in ethers.
    const rpc = await fetch(copied, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
    });
    expect(rpc.status).toBe(200);
    expect(((await rpc.json()) as { result: string }).result).toMatch(/^0x/);

    // Contracts: deploy the points token from its template, mint, transfer, read a balance, and
    // find the transfer's decoded event in the explorer.
    await page.goto(`${platform.url}/networks/${networkId}`);
    const signer = (await page.getByTestId('value-Your signer address').textContent())?.trim() ?? '';
    expect(signer).toMatch(/^0x[0-9a-fA-F]{40}$/);
    await page.getByRole('tab', { name: 'Contracts' }).click();
    await page.getByPlaceholder('Choose a template').click();
    await page.getByRole('option', { name: 'Points token' }).click();
    await page.getByLabel(/^name_/).fill('Acme Points');
    await page.getByLabel(/^symbol_/).fill('ACME');
    await page.getByRole('button', { name: 'Deploy' }).click();
    await page.waitForURL(/\/contracts\/[a-z]+_/, { timeout: 20_000 });
    const send = async (fn: string, signature: string, args: Record<string, string>) => {
      await page.getByRole('button', { name: fn, exact: true }).click();
      const form = page.getByRole('form', { name: new RegExp(`^${signature.replace(/[()]/g, '\\$&')}`) });
      for (const [label, value] of Object.entries(args)) await form.getByLabel(new RegExp(`^${label} \\(`)).fill(value);
      await form.getByRole('button', { name: 'Send' }).click();
      await form.locator('[data-testid="tx-status"][data-status="MINED"]').waitFor({ timeout: 20_000 });
      return form;
    };
    const recipient = '0x' + '42'.repeat(20);
    await send('mint', 'mint(address,uint256)', { to: signer, amount: '1000' });
    const transfer = await send('transfer', 'transfer(address,uint256)', { to: recipient, value: '250' });
    await page.getByRole('button', { name: 'balanceOf', exact: true }).click();
    const balanceOf = page.getByRole('form', { name: /^balanceOf\(address\)/ });
    await balanceOf.getByLabel(/^account \(/).fill(signer);
    await balanceOf.getByRole('button', { name: 'Call' }).click();
    await balanceOf.getByTestId('call-result').filter({ hasText: /^750$/ }).waitFor();
    await shotBoth(page, '05-contract-points-token');
    await transfer.getByRole('link', { name: 'View the transaction' }).click();
    const explained = page.getByTestId('explorer-tx');
    await explained.getByText('Points token · Transfer').waitFor({ timeout: 10_000 });
    await expectVisible(explained.getByText(`to: ${recipient}`));
    await shot(page, '06-explorer-transfer');

    // Developer work in the same tenant: anchor on this network, certify a file, watch it confirm.
    await page.getByRole('link', { name: 'Certificates' }).first().click();
    await page.getByRole('heading', { name: 'Certificates', level: 1 }).waitFor();
    await page.getByRole('combobox', { name: 'Networks' }).click();
    await page.getByRole('option', { name: /dev-1/ }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Save anchor networks' }).click();
    await page.getByText('Saved.').waitFor();

    const evidence = randomBytes(300_000);
    const expectedHash = '0x' + createHash('sha256').update(evidence).digest('hex');
    const certify = page.getByRole('form', { name: 'Certify' });
    await certify.getByTestId('file-input').setInputFiles({ name: 'contract.pdf', mimeType: 'application/pdf', buffer: evidence });
    await certify.getByTestId('file-hash').filter({ hasText: expectedHash }).waitFor({ timeout: 15_000 });
    await certify.getByLabel(/^Your reference/).fill('INV-2026-001');
    started = Date.now();
    await certify.getByRole('button', { name: 'Certify', exact: true }).click();
    await page.waitForURL(/\/certificates\/cert_/);
    const seen = new Set<string>();
    await waitFor('the certificate to be CONFIRMED on screen', async () => {
      const status = await page.getByTestId('certificate-status').getAttribute('data-status');
      if (status) seen.add(status);
      return status === 'CONFIRMED';
    }, 40_000);
    timings['certify to CONFIRMED (seen in browser)'] = Date.now() - started;
    expect(seen.has('PENDING') || seen.has('ANCHORED')).toBe(true);
    await shotBoth(page, '07-certificate-confirmed');

    // The receipt downloads as JSON and names the content hash.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download receipt' }).click()]);
    const receipt = JSON.parse(readFileSync(await download.path(), 'utf8')) as { contentHash: string; status: string; anchors: unknown[] };
    expect(receipt).toMatchObject({ contentHash: expectedHash, status: 'CONFIRMED' });
    expect(receipt.anchors.length).toBe(1);

    // 390 px wide (a phone): the layout fits, no horizontal scroll bar.
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    for (const path of ['/', `/networks/${networkId}`, `/networks/${networkId}/connect`, '/certificates', '/api-keys']) {
      await phone.goto(`${platform.url}${path}`);
      await phone.locator('h1').first().waitFor();
      await phone.waitForLoadState('networkidle');
      expect({ path, fits: await noHorizontalScroll(phone) }).toEqual({ path, fits: true });
    }
    await phone.goto(`${platform.url}/networks/${networkId}`);
    await phone.locator('[data-testid="network-status"]').waitFor();
    await shot(phone, '08-network-390px');
    await phone.getByRole('button', { name: 'Open or close the navigation' }).click();
    await expectVisible(phone.getByRole('link', { name: 'Audit log' }));
    expect(errors).toEqual([]);

    // Benchmark, in this browser on loopback: the JavaScript a first visit downloads (gzip), and
    // the time from navigation to a usable dashboard (its data rendered) with a warm server.
    const bench = await context.newPage();
    const scripts = new Map<string, number>();
    bench.on('response', async (res) => {
      if (!res.url().endsWith('.js')) return;
      const body = await res.body().catch(() => Buffer.alloc(0));
      scripts.set(res.url(), gzipSync(body, { level: 9 }).length);
    });
    await bench.goto(`${platform.url}/`, { waitUntil: 'load' });
    const ready = await bench.waitForFunction(
      () => (document.querySelector('[data-testid="certificates-today"]') && document.querySelector('.dashboard-networks table') ? performance.now() : 0),
      undefined,
      { polling: 'raf', timeout: 15_000 },
    );
    const dashboardReadyMs = Math.round(Number(await ready.jsonValue()));
    await bench.waitForLoadState('networkidle');
    const firstPageJsGzipBytes = [...scripts.values()].reduce((a, b) => a + b, 0);
    const benchmark = { firstPageJsGzipBytes, firstPageJsFiles: scripts.size, dashboardReadyMs };
    writeFileSync(join(SHOTS, 'benchmark.json'), JSON.stringify(benchmark, null, 2));
    Object.assign(timings, benchmark);
    expect(firstPageJsGzipBytes).toBeLessThan(350_000);
    await context.close();
    (globalThis as { consoleE2E?: { hash: string } }).consoleE2E = { hash: expectedHash };
  }, 120_000);

  it('anyone: verifies the certified hash on the public page without logging in, in Chinese', async () => {
    const hash = (globalThis as { consoleE2E?: { hash: string } }).consoleE2E?.hash;
    if (!hash) throw new Error('the operator journey did not certify a hash');
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${platform.url}/verify?hash=${hash}`);
    const result = page.getByTestId('verify-result');
    await result.waitFor();
    expect(await result.getAttribute('data-valid')).toBe('true');
    await expectVisible(result.getByText('Confirmed').first());
    await shot(page, '09-public-verify');

    // Language: 中文, remembered across reloads, every heading translated.
    await page.getByText('中文', { exact: true }).click();
    await page.getByRole('heading', { name: '验证存证' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await page.reload();
    await page.getByRole('heading', { name: '验证存证' }).waitFor();
    await page.getByTestId('verify-result').getByText('验证通过').waitFor();
    await shot(page, '09-public-verify');

    // A hash nobody certified: not verified.
    await page.getByRole('tab', { name: '哈希' }).click();
    await page.getByLabel(/^内容哈希/).fill('0x' + 'ab'.repeat(32));
    await page.getByRole('button', { name: '验证', exact: true }).click();
    await page.locator('[data-testid="verify-result"][data-valid="false"]').waitFor();
    await context.close();
  }, 60_000);

  it('admin: approves a tenant verification, then suspends the tenant, whose next request fails', async () => {
    let mark = Date.now();
    const lap = (what: string) => {
      timings[`admin: ${what}`] = Date.now() - mark;
      mark = Date.now();
    };
    // A tenant submits its company details.
    const ownerContext = await newContext();
    const owner = await ownerContext.newPage();
    await signUp(owner, 'Beta Trading');
    await owner.getByRole('link', { name: 'Tenant settings' }).click();
    await owner.getByLabel(/^Company name/).fill('Beta Trading Co., Ltd.');
    await owner.getByLabel(/^Registration number/).fill('91310000MA1K4XXXXX');
    await owner.getByLabel(/^Registered address/).fill('1 Century Avenue, Shanghai');
    await owner.getByLabel(/^Contact person/).fill('Bei Li');
    await owner.getByLabel(/^Contact email/).fill('not-an-email');
    await owner.getByRole('button', { name: 'Submit for verification' }).click();
    await owner.getByText('Enter an email address.').waitFor(); // checked in the browser with the API's schema
    await owner.getByLabel(/^Contact email/).fill('bei.li@beta.example');
    await owner.getByRole('button', { name: 'Submit for verification' }).click();
    await owner.getByText('Waiting for a decision').waitFor();
    lap('sign up and submit verification');

    // The platform admin approves it from the queue.
    const adminContext = await newContext();
    const admin = await adminContext.newPage();
    await admin.goto(`${platform.url}/login`);
    await admin.getByLabel(/^Email/).fill(ADMIN_EMAIL);
    await admin.getByLabel(/^Password/).fill(PASSWORD);
    await admin.getByRole('button', { name: 'Log in' }).click();
    await admin.getByRole('heading', { name: 'Tenants', level: 1 }).waitFor(); // an admin without a tenant lands here
    await admin.getByRole('link', { name: 'Verification queue' }).click();
    const row = admin.getByTestId('verification-row').filter({ hasText: 'Beta Trading Co., Ltd.' });
    await row.waitFor();
    lap('admin login and queue');
    await shotBoth(admin, '10-admin-verification-queue');
    lap('queue screenshots');
    await row.getByRole('button', { name: 'Approve' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
    await row.waitFor({ state: 'detached' });
    await owner.reload();
    await owner.getByText('Approved').first().waitFor();
    lap('approve');

    // Then suspends the tenant with a reason.
    await admin.getByRole('link', { name: 'Tenants' }).click();
    await admin.getByLabel(/^Search/).fill('Beta');
    await admin.getByRole('link', { name: 'Beta Trading' }).click();
    await admin.getByRole('button', { name: 'Suspend' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Suspend' }).click();
    await dialog.getByText('At least 3 characters.').waitFor(); // reason: min(3), as the API says
    await dialog.getByLabel(/^Reason/).fill('Unpaid invoices');
    await dialog.getByRole('button', { name: 'Suspend' }).click();
    await admin.getByText('Suspended: Unpaid invoices').waitFor();
    lap('suspend');
    await shotBoth(admin, '11-admin-tenant-suspended');

    // The suspended tenant's next request fails, and the console says why, in its language.
    await owner.getByRole('link', { name: 'Dashboard' }).click();
    await owner.reload();
    await owner.getByText('This tenant is suspended. Contact the platform administrator.').waitFor();
    await owner.getByText('中文', { exact: true }).click();
    await owner.getByText('该租户已被停用，请联系平台管理员。').waitFor();
    await shot(owner, '12-tenant-suspended');
    lap('suspended tenant sees the error');
    await ownerContext.close();
    await adminContext.close();
  }, 60_000);
});

/** Fails with the locator's description when it does not become visible. */
async function expectVisible(locator: ReturnType<Page['locator']>) {
  await locator.first().waitFor({ state: 'visible', timeout: 10_000 });
}
