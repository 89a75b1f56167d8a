// A compromised (or simply hostile) node: the platform talks to nodes it does not control - a
// tenant's "external" network is any URL the tenant names - so what a node answers is untrusted
// input. A proxy in front of a real anvil behaves honestly while the network is set up, then
// answers garbage, an error status, or a body far larger than any RPC answer. The platform must
// answer its callers with a 502 problem, stay up, and not buffer the whole body.
import { Wallet, parseEther, toBeHex } from 'ethers';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from '@chainloom/testing';
import { ExternalAnvil } from '../support/anvil';
import { problemViolation, send } from '../support/http';
import { sampleMemory } from '../support/memory';
import { startPlatform, type TestPlatform } from '../support/platform';
import { signUpTenant, type SuiteTenant } from '../support/tenants';

type Mode = 'honest' | 'garbage' | 'error-status' | 'huge';
const HUGE_MB = 64;

describe('a hostile node behind an external network', () => {
  let platform: TestPlatform;
  let anvil: ExternalAnvil;
  let proxy: Server;
  let tenant: SuiteTenant;
  let networkId: string;
  let mode: Mode = 'honest';

  beforeAll(async () => {
    anvil = await ExternalAnvil.start(31_338_000 + Math.floor(Math.random() * 1000));
    proxy = createServer((req, res) => {
      if (mode === 'garbage')
        return void res
          .writeHead(200, { 'content-type': 'application/json' })
          .end('{"jsonrpc":"2.0","id":1,"result":');
      if (mode === 'error-status')
        return void res.writeHead(500, { 'content-type': 'text/html' }).end('<html>upstream exploded</html>');
      if (mode === 'huge') {
        // Streams HUGE_MB of one JSON string without holding it (the same 1 MiB chunk again and again).
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(2 ** 20, 'a');
        res.write('{"jsonrpc":"2.0","id":1,"result":"');
        let sent = 0;
        const pump = () => {
          while (sent < HUGE_MB) {
            sent++;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end('"}');
        };
        res.on('error', () => undefined);
        return pump();
      }
      const upstream = request(anvil.url, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.writeHead(502).end());
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    // The hostile node listens on loopback: allowed here, refused by default (SSRF).
    platform = await startPlatform({ name: 'hostile-node', config: { NODE_HEALTH_INTERVAL_MS: '60000', EXTERNAL_RPC_ALLOW_PRIVATE: 'true' } });
    tenant = await signUpTenant(platform.api, platform.pg, 'Hostile', {
      plan: 'ENTERPRISE',
      quotaOverrides: { networks: 1 },
    });
    const signer = Wallet.createRandom();
    await anvil.rpc('anvil_setBalance', [signer.address, toBeHex(parseEther('10'))]);
    const created = await platform.api.as(tenant.key).post<{ network: { id: string } }>('/v1/networks', {
      name: 'hostile',
      protocol: 'external',
      rpcUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/`,
      signerPrivateKey: signer.privateKey,
      confirmations: 0,
    });
    expect(created.status).toBe(201);
    networkId = created.body.network.id;
    await waitFor(
      'the external network to be RUNNING',
      async () =>
        (await platform.api.as(tenant.key).get<{ status: string }>(`/v1/networks/${networkId}`)).body
          .status === 'RUNNING',
      30_000,
    );
  }, 60_000);

  afterAll(async () => {
    mode = 'honest';
    await platform?.stop();
    proxy?.closeAllConnections();
    await new Promise((resolve) => proxy?.close(resolve));
    await anvil?.stop();
  }, 30_000);

  const rpc = () =>
    send(
      platform.url,
      {
        method: 'POST',
        url: `/rpc/${networkId}`,
        headers: { authorization: `Bearer ${tenant.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: [] }),
      },
      40_000,
    );

  it('relays the honest node', async () => {
    const res = await rpc();
    expect(res.status).toBe(200);
  });

  it.each(['garbage', 'error-status'] as const)('answers a %s node with 502 problem+json', async (m) => {
    mode = m;
    const res = await rpc();
    expect({ status: res.status, problem: problemViolation(res) }).toEqual({ status: 502, problem: null });
    mode = 'honest';
  });

  it(`does not buffer a ${HUGE_MB} MiB answer: 502 and bounded memory`, async () => {
    mode = 'huge';
    const before = sampleMemory();
    let peak = before.rssMb;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss / 2 ** 20)), 20);
    // Counts the answer's bytes without keeping them, so that the growth measured is the platform's.
    const started = performance.now();
    const res = await fetch(`${platform.url}/rpc/${networkId}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tenant.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: [] }),
      signal: AbortSignal.timeout(40_000),
    });
    let relayed = 0;
    for await (const chunk of res.body ?? []) relayed += (chunk as Uint8Array).length;
    clearInterval(sampler);
    mode = 'honest';
    const growth = peak - before.rssMb;
    console.log(
      `hostile node, ${HUGE_MB} MiB answer: HTTP ${res.status} after ${(performance.now() - started).toFixed(0)} ms, ${(relayed / 2 ** 20).toFixed(1)} MiB relayed, RSS peak +${growth.toFixed(0)} MB`,
    );
    expect({
      status: res.status,
      relayedMoreThan1MiB: relayed > 2 ** 20,
      rssGrowthOver48MB: growth > 48,
    }).toEqual({ status: 502, relayedMoreThan1MiB: false, rssGrowthOver48MB: false });
    // And the platform still answers.
    expect((await rpc()).status).toBe(200);
  }, 60_000);
});
