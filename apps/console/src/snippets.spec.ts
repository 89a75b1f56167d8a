import { snippet } from './snippets';

const input = { rpcEndpoint: 'https://chainloom.example/rpc/net_01abc', chainId: 910001, networkName: 'supply-chain test' };

describe('RPC snippets', () => {
  it('point each tool at the endpoint with the API key as a bearer header, never an inline secret', () => {
    for (const tool of ['ethers', 'hardhat', 'foundry', 'curl'] as const) {
      const code = snippet(tool, input);
      expect(code).toContain(input.rpcEndpoint);
      expect(code).toMatch(/Bearer \$\{?process\.env\.CHAINLOOM_API_KEY|Bearer \$CHAINLOOM_API_KEY/);
      expect(code).not.toMatch(/clk_/);
    }
    expect(snippet('ethers', input)).toContain('new JsonRpcProvider(request, 910001, { staticNetwork: true })');
    expect(snippet('hardhat', input)).toContain('supply_chain_test: {');
    expect(snippet('hardhat', input)).toContain('chainId: 910001');
    expect(snippet('foundry', input)).toContain('--rpc-headers "Authorization: Bearer $CHAINLOOM_API_KEY"');
  });
});
