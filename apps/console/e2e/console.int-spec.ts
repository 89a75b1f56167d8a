// The web console in a real browser (Debian's Chromium via playwright-core) against a real
// platform on loopback: PostgreSQL, Redis and anvil, the console served by ConsoleStaticModule on
// the same origin as the API, as in production. One journey per user; screenshots of each step in
// English and Chinese go to CONSOLE_SCREENSHOTS_DIR (default tmp/console-e2e).
import { Injectable } from '@nestjs/common';
import { startService, type RunningService } from '@chainloom/server';
import { TenancyModule, type Mail, type Mailer } from '@chainloom/tenancy';
import { QueueName, QueueService } from '@chainloom/queue';
import { ProvisioningModule } from '@chainloom/provisioning';
import { CertificatesModule } from '@chainloom/certificates';
import { createTestDatabase, testConfig, waitFor } from '@chainloom/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
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

/** Keeps mail in memory: the test follows invitation links as the invitee would from their inbox. */
@Injectable()
class CapturingMailer implements Mailer {
  static readonly sent: Mail[] = [];
  async send(mail: Mail) {
    CapturingMailer.sent.push(mail);
  }
}
const invitationToken = (email: string) => {
  // The latest mail: a person invited twice (to two tenants) follows the newest link.
  const token = /token=(cli_[\w-]+)/.exec(CapturingMailer.sent.findLast((m) => m.to === email)?.text ?? '')?.[1];
  if (!token) throw new Error(`no invitation was mailed to ${email}`);
  return token;
};

/** A webhook endpoint on loopback that records what it receives and answers 200. */
class Receiver {
  readonly bodies: string[] = [];
  url = '';
  private server?: Server;
  async start() {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        this.bodies.push(body);
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/chainloom`;
  }
  stop() {
    return new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** Page has no horizontal scrollbar: nothing is wider than the viewport. */
const noHorizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe('web console in Chromium (real platform on loopback)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let platform: RunningService;
  let browser: Browser;
  const receiver = new Receiver();
  /** What the operator journey made, for the journeys after it. */
  const operator = { token: '', tenantName: 'Acme Logistics', networkId: '', hash: '' };
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
  /** A browser context already signed in with a session token (the httpOnly cookie). */
  const contextAs = async (token: string, viewport?: { width: number; height: number }) => {
    const context = await newContext(viewport);
    const { hostname } = new URL(platform.url);
    await context.addCookies([{ name: 'chainloom_session', value: token, domain: hostname, path: '/', httpOnly: true, sameSite: 'Lax' }]);
    return context;
  };
  const sessionCookie = async (page: Page) => (await page.context().cookies()).find((c) => c.name === 'chainloom_session')?.value ?? '';
  /** Picks an option of a Mantine Select by its label. */
  const choose = async (page: Page, select: ReturnType<Page['locator']>, option: string) => {
    await select.click();
    await page.getByRole('option', { name: option, exact: true }).click();
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
      {
        name: 'console-e2e',
        // Webhooks may target loopback here: the test's receiver listens on 127.0.0.1.
        domains: [TenancyModule.withMailer(CapturingMailer), ProvisioningModule, CertificatesModule.forRoot({ webhookAllowPrivateTargets: true }), ConsoleStaticModule.forRoot({ root })],
      },
      testConfig(db.url, { NODE_HEALTH_INTERVAL_MS: '500', RECONCILE_INTERVAL_MS: '1000', PLATFORM_ADMIN_EMAIL: ADMIN_EMAIL, PLATFORM_ADMIN_PASSWORD: PASSWORD }),
    );
    await receiver.start();
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
    await receiver.stop();
    await db?.drop();
    console.log(`console e2e timings (ms): ${JSON.stringify(timings)}`);
  }, 60_000);

  it('operator: signs up, creates a dev network and watches it reach RUNNING live, copies the RPC endpoint, creates an API key', async () => {
    const context = await newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    let started = Date.now();
    await signUp(page, operator.tenantName);
    operator.token = await sessionCookie(page);
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
    operator.networkId = networkId;
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

    // Webhooks: a loopback address is refused with the API's reason (SSRF policy) unless the
    // platform allows it, as this test platform does; the signing secret is shown once.
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByLabel(/^Endpoint URL/).fill('not a url');
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await page.getByText('Enter a URL (https://…).').waitFor(); // the API's schema, checked in the browser
    await page.getByLabel(/^Endpoint URL/).fill(receiver.url);
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const secretDialog = page.getByRole('dialog', { name: 'Signing secret' });
    await secretDialog.getByText(/^whsec_/).waitFor();
    await secretDialog.getByRole('button', { name: 'I have stored it' }).click();
    await page.getByRole('link', { name: receiver.url }).waitFor();

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
    const certificateId = page.url().split('/').pop() ?? '';
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

    // The webhook endpoint was called for the confirmation; its delivery log says so.
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('link', { name: receiver.url }).click();
    const delivery = page.locator('[data-testid="delivery-row"][data-status="DELIVERED"]');
    await delivery.waitFor({ timeout: 15_000 });
    await delivery.getByRole('button', { name: 'Attempts' }).click();
    await page.getByTestId('delivery-attempt').filter({ hasText: '· 200 ·' }).waitFor();
    const delivered = receiver.bodies.map((b) => JSON.parse(b) as { type: string; data: { certificateIds: string[] } });
    expect(delivered.some((e) => e.type === 'certificate.confirmed' && e.data.certificateIds.includes(certificateId))).toBe(true);
    await shotBoth(page, '07-webhook-deliveries');

    // 390 px wide (a phone): the layout fits, no horizontal scroll bar.
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    for (const path of ['/', `/networks/${networkId}`, `/networks/${networkId}/connect`, '/certificates', '/api-keys', '/members', '/webhooks', '/audit']) {
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
    operator.hash = expectedHash;
  }, 120_000);

  it('anyone: verifies the certified hash on the public page without logging in, in Chinese', async () => {
    const hash = operator.hash;
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

  it('operator: stops, starts and deletes the network, each after a confirmation', async () => {
    if (!operator.networkId) throw new Error('the operator journey made no network');
    const context = await contextAs(operator.token);
    const page = await context.newPage();
    const status = (s: string) => page.locator(`[data-testid="network-status"][data-status="${s}"]`);
    await page.goto(`${platform.url}/networks/${operator.networkId}`);
    await status('RUNNING').waitFor();

    // Stop asks first; cancelling changes nothing.
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    const stopDialog = page.getByRole('dialog', { name: 'Stop this network?' });
    await shot(page, '13-network-stop-confirm'); // the language switch sits under the modal's overlay
    await stopDialog.getByRole('button', { name: 'Cancel' }).click();
    await stopDialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await stopDialog.getByRole('button', { name: 'Stop', exact: true }).click();
    await status('STOPPED').waitFor({ timeout: 30_000 });

    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await status('RUNNING').waitFor({ timeout: 30_000 });

    // Delete: the confirm button stays disabled until the network's name is typed.
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const deleteDialog = page.getByRole('dialog', { name: 'Delete this network?' });
    const confirmDelete = deleteDialog.getByRole('button', { name: 'Delete', exact: true });
    expect(await confirmDelete.isDisabled()).toBe(true);
    await deleteDialog.getByLabel('Type "dev-1" to confirm').fill('dev-');
    expect(await confirmDelete.isDisabled()).toBe(true);
    await deleteDialog.getByLabel('Type "dev-1" to confirm').fill('dev-1');
    await confirmDelete.click();
    await status('DELETED').waitFor({ timeout: 30_000 });
    await context.close();
  }, 90_000);

  it('team: invites a new member who joins by the link, changes their role, switches tenants; the audit log holds; logging out revokes the session', async () => {
    const ownerContext = await contextAs(operator.token);
    const owner = await ownerContext.newPage();
    await owner.goto(`${platform.url}/members`);
    await owner.getByRole('heading', { name: 'Members', level: 1 }).waitFor();

    // The owner invites a developer by email.
    const email = unique('xu');
    await owner.getByLabel(/^Email/).fill(email);
    await owner.getByRole('button', { name: 'Send invitation' }).click();
    await owner.getByText('Invitation sent.').waitFor();
    await expectVisible(owner.getByRole('row').filter({ hasText: email }).getByText('Pending'));

    // The invitee follows the mailed link, with no account yet: name and password create one.
    const memberContext = await newContext();
    const member = await memberContext.newPage();
    await member.goto(`${platform.url}/invitations/accept#token=${invitationToken(email)}`);
    await member.getByLabel(/^Your name/).fill('Xu Developer');
    await member.getByLabel(/^Password/).fill(PASSWORD);
    await member.getByRole('button', { name: 'Accept invitation' }).click();
    await member.getByRole('heading', { name: 'Dashboard' }).waitFor();
    sessions.push(await sessionCookie(member));
    await expectVisible(member.getByTestId('tenant-name').filter({ hasText: operator.tenantName }));
    expect(await member.getByRole('link', { name: 'API keys' }).count()).toBe(0); // a developer manages no keys

    // The owner makes them an admin; their next page load has the admin's navigation.
    await owner.reload();
    await expectVisible(owner.getByRole('row').filter({ hasText: email }).getByText('Accepted'));
    await choose(owner, owner.getByRole('combobox', { name: 'Role of Xu Developer' }), 'Admin');
    await owner.getByText('Saved.').waitFor();
    await owner.reload(); // what the server now says, not what the select shows
    const role = owner.getByRole('combobox', { name: 'Role of Xu Developer' });
    await waitFor('the role to read Admin after a reload', async () => (await role.inputValue().catch(() => '')) === 'Admin', 10_000);
    await shotBoth(owner, '14-members');
    await member.reload();
    await member.getByRole('link', { name: 'API keys' }).waitFor();

    // A second tenant invites the same person; they accept with their password only.
    const gammaContext = await newContext();
    const gamma = await gammaContext.newPage();
    await signUp(gamma, 'Gamma Labs');
    await gamma.goto(`${platform.url}/members`);
    await gamma.getByLabel(/^Email/).fill(email);
    await choose(gamma, gamma.getByRole('combobox', { name: 'Role', exact: true }), 'Viewer');
    await gamma.getByRole('button', { name: 'Send invitation' }).click();
    await gamma.getByText('Invitation sent.').waitFor();
    await member.goto(`${platform.url}/invitations/accept#token=${invitationToken(email)}`);
    await member.getByLabel(/^Password/).fill(PASSWORD);
    await member.getByRole('button', { name: 'Accept invitation' }).click();
    await member.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await expectVisible(member.getByTestId('tenant-name').filter({ hasText: 'Gamma Labs' }));

    // The tenant switcher: back to Acme, where they are an admin, and only Acme's people show.
    const tenantSwitch = member.getByLabel('Tenant', { exact: true });
    expect(await tenantSwitch.locator('option:checked').textContent()).toBe('Gamma Labs · Viewer');
    await tenantSwitch.selectOption({ label: `${operator.tenantName} · Admin` });
    await member.getByTestId('tenant-name').filter({ hasText: operator.tenantName }).waitFor();
    await member.getByRole('link', { name: 'API keys' }).waitFor();
    await member.getByRole('link', { name: 'Members' }).click();
    await member.getByRole('row', { name: /^Xu Developer/ }).waitFor();
    // Gamma's owner has the same name as Acme's: one row means Gamma's people stay in Gamma.
    expect(await member.getByRole('row').filter({ hasText: 'Ada Operator' }).count()).toBe(1);
    await shotBoth(member, '15-tenant-switch');

    // The audit log records all of it, and its hash chain verifies.
    await owner.goto(`${platform.url}/audit`);
    await owner.locator('[data-testid="audit-chain"][data-valid="true"]').waitFor();
    for (const action of ['invitation.create', 'invitation.accept', 'member.role_change', 'session.switch_tenant']) {
      await expectVisible(owner.locator(`[data-testid="audit-row"][data-action="${action}"]`));
    }
    await shotBoth(owner, '16-audit-log');

    // Logging out revokes the session on the server, not only the cookie in this browser.
    const token = await sessionCookie(member);
    await member.getByRole('button', { name: 'Log out' }).click();
    await member.getByRole('heading', { name: 'Log in' }).waitFor();
    const me = await fetch(`${platform.url}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(401);
    expect(me.headers.get('content-type')).toContain('application/problem+json');
    await member.goto(`${platform.url}/members`);
    await member.waitForURL(/\/login\?next=/);
    await Promise.all([ownerContext.close(), memberContext.close(), gammaContext.close()]);
  }, 90_000);

  it('admin: rejects a verification with a reason, approves the corrected one, overrides quotas, suspends and reactivates a tenant, watches queues', async () => {
    let mark = Date.now();
    const lap = (what: string) => {
      timings[`admin: ${what}`] = Date.now() - mark;
      mark = Date.now();
    };
    // A tenant submits its company details.
    const ownerContext = await newContext();
    const owner = await ownerContext.newPage();
    await signUp(owner, 'Beta Trading');
    const ownerToken = await sessionCookie(owner);
    const submitVerification = async (registrationNumber: string, contactEmail: string) => {
      await owner.getByLabel(/^Company name/).fill('Beta Trading Co., Ltd.');
      await owner.getByLabel(/^Registration number/).fill(registrationNumber);
      await owner.getByLabel(/^Registered address/).fill('1 Century Avenue, Shanghai');
      await owner.getByLabel(/^Contact person/).fill('Bei Li');
      await owner.getByLabel(/^Contact email/).fill(contactEmail);
      await owner.getByRole('button', { name: 'Submit for verification' }).click();
    };
    await owner.getByRole('link', { name: 'Tenant settings' }).click();
    await submitVerification('91310000MA1K4XXXXX', 'not-an-email');
    await owner.getByText('Enter an email address.').waitFor(); // checked in the browser with the API's schema
    await owner.getByLabel(/^Contact email/).fill('bei.li@beta.example');
    await owner.getByRole('button', { name: 'Submit for verification' }).click();
    await owner.getByText('Waiting for a decision').waitFor();
    lap('sign up and submit verification');

    // The platform admin rejects it from the queue, with a reason (required, min 3 characters).
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
    await row.getByRole('button', { name: 'Reject' }).click();
    const rejectDialog = admin.getByRole('dialog');
    await rejectDialog.getByRole('button', { name: 'Reject' }).click();
    await rejectDialog.getByText('At least 3 characters.').waitFor();
    const reason = 'The registration number does not match the business licence.';
    await rejectDialog.getByLabel(/^Reason/).fill(reason);
    await rejectDialog.getByRole('button', { name: 'Reject' }).click();
    await row.waitFor({ state: 'detached' });

    // The tenant sees the decision and its reason, corrects the details and submits again.
    await owner.reload();
    await owner.getByText('Rejected: you may correct the details and submit again').waitFor();
    await expectVisible(owner.getByText(reason));
    await shotBoth(owner, '11-tenant-verification-rejected');
    // The form starts from the rejected details; only the wrong field needs changing.
    expect(await owner.getByLabel(/^Company name/).inputValue()).toBe('Beta Trading Co., Ltd.');
    expect(await owner.getByLabel(/^Registration number/).inputValue()).toBe('91310000MA1K4XXXXX');
    await owner.getByLabel(/^Registration number/).fill('91310000MA1K4ABCDE');
    await owner.getByRole('button', { name: 'Submit for verification' }).click();
    await owner.getByText('Waiting for a decision').waitFor();
    lap('reject and resubmit');

    // This time the admin approves.
    await admin.reload();
    const resubmitted = admin.getByTestId('verification-row').filter({ hasText: '91310000MA1K4ABCDE' });
    await resubmitted.getByRole('button', { name: 'Approve' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
    await resubmitted.waitFor({ state: 'detached' });
    await owner.reload();
    await owner.getByText('Approved').first().waitFor();
    lap('approve');

    // Plan and a quota override; the tenant's dashboard shows the new limit.
    await admin.getByRole('link', { name: 'Tenants' }).click();
    await admin.getByLabel(/^Search/).fill('Beta');
    await admin.getByRole('link', { name: 'Beta Trading' }).click();
    await choose(admin, admin.getByRole('combobox', { name: 'Plan' }), 'Standard');
    await admin.getByRole('textbox', { name: 'Networks' }).fill('7');
    await admin.getByRole('button', { name: 'Save' }).click();
    await admin.getByText('Saved.').waitFor();
    await expectVisible(admin.getByText('Now in effect: 7'));
    await shotBoth(admin, '12-admin-tenant-plan');
    await owner.getByRole('link', { name: 'Dashboard' }).click();
    await owner.reload(); // the tenant's limits are cached for 30 s; a reload asks again
    const networksQuota = owner.getByRole('progressbar', { name: 'Networks', exact: true });
    await networksQuota.waitFor();
    expect(await networksQuota.getAttribute('aria-valuetext')).toBe('0 of 7');
    lap('plan and quota override');

    // Suspends the tenant with a reason.
    await admin.getByRole('button', { name: 'Suspend' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Suspend' }).click();
    await dialog.getByText('At least 3 characters.').waitFor(); // reason: min(3), as the API says
    await dialog.getByLabel(/^Reason/).fill('Unpaid invoices');
    await dialog.getByRole('button', { name: 'Suspend' }).click();
    await admin.getByText('Suspended: Unpaid invoices').waitFor();
    lap('suspend');
    await shotBoth(admin, '12-admin-tenant-suspended');

    // The suspended tenant's next request fails, and the console says why, in its language.
    await owner.reload();
    await owner.getByText('This tenant is suspended. Contact the platform administrator.').waitFor();
    await owner.getByText('中文', { exact: true }).click();
    await owner.getByText('该租户已被停用，请联系平台管理员。').waitFor();
    await shot(owner, '12-tenant-suspended');
    lap('suspended tenant sees the error');

    // Reactivated, the same session works again at once.
    await admin.getByRole('button', { name: 'Reactivate' }).click();
    await admin.locator('[data-status="ACTIVE"]').first().waitFor();
    await owner.goto(`${platform.url}/`);
    await owner.getByRole('heading', { name: '概览' }).waitFor();
    lap('reactivate');

    // Platform health: the queues and their failed jobs, networks across tenants. A job nobody
    // handles fails for good in the real worker, as a job with a bug would, and is listed.
    await platform.app.get(QueueService).queue(QueueName.webhooks).add('e2e.no-such-job', { reason: 'no handler' }, { jobId: 'e2e-no-such-job', attempts: 1 });
    await admin.getByRole('link', { name: 'Platform health' }).click();
    await admin.getByRole('heading', { name: 'Platform health', level: 1 }).waitFor();
    await admin.getByTestId('queue-table').waitFor();
    expect(await admin.getByTestId('queue-row').count()).toBe(Object.keys(QueueName).length);
    await admin.getByTestId('failed-job').filter({ hasText: 'e2e.no-such-job' }).waitFor({ timeout: 15_000 }); // the page refreshes every 5 s
    await expectVisible(admin.locator('[data-testid="queue-row"][data-queue="webhooks"] [data-testid="queue-failed-jobs"]').filter({ hasText: '1' }));
    await expectVisible(admin.getByTestId('networks-by-status').locator('[data-testid="count-row"][data-key="DELETED"]').filter({ hasText: '1' }));
    await expectVisible(admin.locator('[data-testid="platform-ready"]').filter({ hasText: 'Ready' }));
    await shotBoth(admin, '17-admin-health');
    // At 390 px the health page's tables scroll inside their cards; the page does not.
    await admin.setViewportSize({ width: 390, height: 844 });
    expect(await noHorizontalScroll(admin)).toBe(true);
    await admin.setViewportSize({ width: 1280, height: 900 });
    // The same data is for platform admins only: a tenant owner gets 403 problem+json.
    for (const path of ['/v1/admin/queues', '/v1/admin/networks/by-status']) {
      const denied = await fetch(`${platform.url}${path}`, { headers: { authorization: `Bearer ${ownerToken}` } });
      expect({ path, status: denied.status, type: denied.headers.get('content-type') }).toEqual({ path, status: 403, type: expect.stringContaining('application/problem+json') });
    }
    lap('platform health');
    await ownerContext.close();
    await adminContext.close();
  }, 90_000);
});

/** Fails with the locator's description when it does not become visible. */
async function expectVisible(locator: ReturnType<Page['locator']>) {
  await locator.first().waitFor({ state: 'visible', timeout: 10_000 });
}
