/** Code a developer pastes to point their tools at a network's authenticated RPC endpoint. */
export interface SnippetInput {
  rpcEndpoint: string;
  chainId: number;
  networkName: string;
}

export type SnippetTool = 'ethers' | 'hardhat' | 'foundry' | 'curl';

const keyVar = 'CHAINLOOM_API_KEY';

export function snippet(tool: SnippetTool, { rpcEndpoint, chainId, networkName }: SnippetInput): string {
  const name = networkName.replace(/[^A-Za-z0-9_]/g, '_') || 'chainloom';
  switch (tool) {
    case 'ethers':
      return [
        `import { FetchRequest, JsonRpcProvider } from 'ethers';`,
        ``,
        `const request = new FetchRequest('${rpcEndpoint}');`,
        `request.setHeader('authorization', \`Bearer \${process.env.${keyVar}}\`);`,
        `const provider = new JsonRpcProvider(request, ${chainId}, { staticNetwork: true });`,
        `console.log(await provider.getBlockNumber());`,
      ].join('\n');
    case 'hardhat':
      return [
        `// hardhat.config.ts`,
        `import type { HardhatUserConfig } from 'hardhat/config';`,
        ``,
        `const config: HardhatUserConfig = {`,
        `  solidity: '0.8.28',`,
        `  networks: {`,
        `    ${name}: {`,
        `      url: '${rpcEndpoint}',`,
        `      chainId: ${chainId},`,
        `      httpHeaders: { authorization: \`Bearer \${process.env.${keyVar}}\` },`,
        `      accounts: process.env.DEPLOYER_KEY ? [process.env.DEPLOYER_KEY] : [],`,
        `    },`,
        `  },`,
        `};`,
        `export default config;`,
      ].join('\n');
    case 'foundry':
      return [
        `# cast and forge send the header with --rpc-headers (Foundry ≥ 1.0)`,
        `cast block-number --rpc-url ${rpcEndpoint} \\`,
        `  --rpc-headers "Authorization: Bearer $${keyVar}"`,
        ``,
        `forge create src/Counter.sol:Counter --broadcast \\`,
        `  --rpc-url ${rpcEndpoint} \\`,
        `  --rpc-headers "Authorization: Bearer $${keyVar}" \\`,
        `  --private-key $DEPLOYER_KEY`,
      ].join('\n');
    case 'curl':
      return [
        `curl -s ${rpcEndpoint} \\`,
        `  -H "Authorization: Bearer $${keyVar}" \\`,
        `  -H 'content-type: application/json' \\`,
        `  -d '{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber","params":[]}'`,
      ].join('\n');
  }
}
