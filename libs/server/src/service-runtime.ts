import { Module, type DynamicModule, type Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  ConfigError,
  CoreModule,
  LifecycleService,
  createHttpApp,
  createLogger,
  listen,
  loadConfig,
  type AppConfig,
} from '@chainloom/core';
import { DatabaseModule, applyMigrations, ensureDatabase } from '@chainloom/db';
import { QueueModule } from '@chainloom/queue';
import { AuthGuard, AuthModule } from '@chainloom/auth';
import { resolve } from 'node:path';
import type { Logger } from 'pino';
import { PlatformAdminModule } from './admin/platform-admin.module';

/** A deployable service: a name and the domain modules it boots. */
export interface ServiceDefinition {
  name: string;
  domains: Array<Type | DynamicModule>;
}

export interface RunningService {
  app: NestFastifyApplication;
  url: string;
  config: AppConfig;
  logger: Logger;
  /** Drains (503 to new requests, running jobs finish) then closes everything. */
  stop(): Promise<void>;
}

@Module({})
class ServiceRootModule {}

/** Creates the database if allowed and applies pending migrations, before anything connects. */
export async function prepareDatabase(config: AppConfig, logger: Logger) {
  if (config.DATABASE_CREATE && (await ensureDatabase(config.DATABASE_URL))) logger.info('created the database');
  if (!config.DATABASE_MIGRATE) return;
  const { applied } = await applyMigrations({
    databaseUrl: config.DATABASE_URL,
    migrationsDir: resolve(config.MIGRATIONS_DIR),
    log: (message) => logger.info(message),
  });
  if (applied.length) logger.info({ applied }, 'applied migrations');
}

/** Boots a service with the given configuration; used by main.ts and by integration tests. */
export async function startService(definition: ServiceDefinition, config: AppConfig, logger?: Logger): Promise<RunningService> {
  const log = logger ?? createLogger(config, definition.name);
  await prepareDatabase(config, log);
  const root: DynamicModule = {
    module: ServiceRootModule,
    // Every service answers the platform admin's queue health: queues and failed_jobs are shared.
    imports: [CoreModule.forRoot(config, log), DatabaseModule, QueueModule, AuthModule, PlatformAdminModule, ...definition.domains],
  };
  const app = await createHttpApp(root, config, log, { guardsBeforeValidation: (created) => [created.get(AuthGuard)] });
  const url = await listen(app, config);
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      app.get(LifecycleService).startDraining();
      await app.close();
    })();
    return stopping;
  };
  return { app, url, config, logger: log, stop };
}

/**
 * The entry point of every app: parse the configuration (a bad one stops the process with a
 * message naming the variable), start, and shut down gracefully on SIGTERM/SIGINT.
 */
export async function runService(definition: ServiceDefinition): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${definition.name}: ${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger(config, definition.name);
  let service: RunningService;
  try {
    service = await startService(definition, config, logger);
  } catch (error) {
    logger.fatal({ err: error }, 'could not start');
    process.exit(1);
  }
  logger.info({ url: service.url, role: config.CHAINLOOM_ROLE, docs: `${service.url}/docs` }, `${definition.name} started`);
  const onSignal = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'shutting down: draining requests and running jobs');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS + 5_000);
    force.unref();
    service.stop().then(
      () => {
        logger.info('stopped');
        logger.flush();
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
