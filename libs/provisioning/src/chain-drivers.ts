import type { AppConfig } from '@chainloom/core';
import { LocalDriver, type ChainDriver } from '@chainloom/orchestrator';
import { join } from 'node:path';

/** The drivers this platform runs, by name. Kubernetes joins when its driver is configured. */
export const CHAIN_DRIVERS = Symbol('CHAIN_DRIVERS');
export type ChainDrivers = ReadonlyMap<string, ChainDriver>;

export const chainDriversFactory = (config: AppConfig): ChainDrivers =>
  new Map<string, ChainDriver>([['local', new LocalDriver(join(config.DATA_DIR, 'chains'))]]);
