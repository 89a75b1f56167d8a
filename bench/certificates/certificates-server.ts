// Child entry for the certificates benchmarks: the platform's tenancy and certificates domains
// (as apps/platform composes them, minus provisioning, whose networks the benchmarks do not need),
// booted with startService() from the parent's environment. With BENCH_CHAIN=1 it also starts an
// anvil (1-second blocks) with an AnchorRegistry as the platform's notary network, through the
// same test ChainGateway the integration tests use, so batches are anchored and confirmed.
import 'reflect-metadata';
import type { DynamicModule, Type } from '@nestjs/common';
import { CertificatesModule } from '@chainloom/certificates';
import { loadConfig } from '@chainloom/core';
import { startService } from '@chainloom/server';
import { TenancyModule } from '@chainloom/tenancy';
import { runChild, serveParent } from '../lib/child';
import { TestAnvil, TestChainGateway, testChainModule } from '../../libs/certificates/test/test-chain';

runChild(async () => {
  const domains: Array<Type | DynamicModule> = [TenancyModule, CertificatesModule];
  let anvil: TestAnvil | undefined;
  if (process.env.BENCH_CHAIN === '1') {
    anvil = await TestAnvil.start({ chainId: 31_337, blockTimeSeconds: Number(process.env.BENCH_BLOCK_SECONDS ?? 1) });
    const gateway = new TestChainGateway();
    await gateway.addNetwork(anvil, 'ten_platform', { isNotary: true, confirmations: Number(process.env.BENCH_CONFIRMATIONS ?? 1) });
    domains.push(testChainModule(gateway));
  }
  const service = await startService({ name: 'certificates-bench', domains }, loadConfig(process.env));
  serveParent(service.url, async () => {
    await service.stop();
    await anvil?.stop();
  });
});
