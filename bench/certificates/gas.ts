// Gas per certificate: one AnchorRegistry.anchor() transaction per batch whatever its size, so the
// cost per certificate is the transaction's gas divided by the batch size. Measured on anvil with
// the compiled registry, for batch sizes 1, 1,000 and 10,000, for a tenant's first batch (which
// also creates the tenant's calendar head) and a later one.
//   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register bench/certificates/gas.ts
import { anchorRegistryAt, tenantKey } from '@chainloom/contracts';
import { buildTree, certificateLeaf, ZERO_HASH } from '@chainloom/merkle';
import { randomBytes } from 'node:crypto';
import { fmt, table } from '../lib/stats';
import { TestAnvil } from '../../libs/certificates/test/test-chain';

async function main() {
  const anvil = await TestAnvil.start({ chainId: 31_337, blockTimeSeconds: 0 });
  try {
    const registry = anchorRegistryAt(await anvil.deployRegistry(), anvil.wallet(0));
    const rows: (string | number)[][] = [];
    let tenant = 0;
    for (const size of [1, 1_000, 10_000]) {
      const leaves = Array.from({ length: size }, () => certificateLeaf({ contentHash: '0x' + randomBytes(32).toString('hex'), metadataDigest: ZERO_HASH, salt: ZERO_HASH }));
      const root = buildTree(leaves).root;
      const key = tenantKey(`ten_gas_${tenant++}`);
      const first = await (await registry.anchor(key, 1n, root, size)).wait();
      const again = await (await registry.anchor(key, 2n, buildTree([...leaves.slice(1), ZERO_HASH.replace(/0$/, '1')]).root, size)).wait();
      const g1 = Number(first?.gasUsed ?? 0);
      const g2 = Number(again?.gasUsed ?? 0);
      rows.push([size, g1, g2, fmt(g1 / size, 3), fmt(g2 / size, 3)]);
    }
    console.log('AnchorRegistry.anchor(): one transaction per batch (anvil, default hardfork)');
    console.log(table(['batch size', 'gas (first batch)', 'gas (later batch)', 'gas/cert (first)', 'gas/cert (later)'], rows));
  } finally {
    await anvil.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
