// The child side of the benchmark platform: the real TenancyModule (sign-up, sessions, API keys,
// admin), plus BenchModule, booted with startService() - the same runtime as apps/platform - from
// the configuration the parent put in the environment.
//
// BENCH_DOMAINS=all adds the other domains of apps/platform/src/main.ts (provisioning,
// certificates). The default is tenancy only: a trivial route needs nothing else, and the other
// domains are under construction (they may not build at a given commit, and they add background
// work such as node health checks that would only add noise).
import 'reflect-metadata';
import type { DynamicModule, Type } from '@nestjs/common';
import { loadConfig } from '@chainloom/core';
import { startService, type RunningService } from '@chainloom/server';
import { TenancyModule } from '@chainloom/tenancy';
import { BenchModule } from './bench-module';
import { serveParent, type Handler } from './child';
import { domainSet, type DomainSet } from './options';

async function domains(set: DomainSet): Promise<Array<Type | DynamicModule>> {
  if (set === 'tenancy') return [TenancyModule, BenchModule];
  const [{ ProvisioningModule }, { CertificatesModule }] = await Promise.all([
    import('@chainloom/provisioning'),
    import('@chainloom/certificates'),
  ]);
  return [TenancyModule, ProvisioningModule, CertificatesModule, BenchModule];
}

/**
 * Starts the benchmark platform and connects it to the parent. `handlers` may add IPC requests
 * that need the running app (e.g. micro-benchmarks of its services).
 */
export async function servePlatform(
  handlers: (service: RunningService) => Record<string, Handler> = () => ({}),
): Promise<RunningService> {
  const service = await startService(
    { name: 'platform-bench', domains: await domains(domainSet()) },
    loadConfig(process.env),
  );
  serveParent(service.url, () => service.stop(), handlers(service));
  return service;
}
