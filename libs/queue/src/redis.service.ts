import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, HealthRegistry, ROOT_LOGGER, type AppConfig } from '@chainloom/core';
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';

/**
 * Redis connections. BullMQ workers need their own blocking connections (it duplicates them);
 * `command` is for quick commands and fails fast when Redis is down instead of queueing them.
 */
@Injectable()
export class RedisService implements OnModuleInit, OnApplicationShutdown {
  readonly command: Redis;
  private readonly connections: Redis[] = [];
  private readonly logger: Logger;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
    private readonly health: HealthRegistry,
  ) {
    this.logger = logger.child({ component: 'redis' });
    this.command = this.connect('command', { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  }

  /** A new connection for BullMQ (which requires maxRetriesPerRequest: null) or pub/sub. */
  connect(purpose: string, options: RedisOptions = { maxRetriesPerRequest: null }): Redis {
    const connection = new Redis(this.config.REDIS_URL, {
      lazyConnect: false,
      retryStrategy: (times) => Math.min(times * 200, 2_000),
      ...options,
      connectionName: `chainloom:${purpose}`,
    });
    // ioredis emits 'error' on every failed reconnect; without a listener it would crash.
    let lastError = '';
    connection.on('error', (error: Error) => {
      if (error.message !== lastError) this.logger.warn({ purpose, err: error.message }, 'redis connection error');
      lastError = error.message;
    });
    connection.on('ready', () => {
      if (lastError) this.logger.info({ purpose }, 'redis connection restored');
      lastError = '';
    });
    this.connections.push(connection);
    return connection;
  }

  /** Prefix for every key this install writes (BullMQ queues included). */
  get prefix() {
    return this.config.REDIS_PREFIX;
  }

  /** Registers the readiness check and gives Redis a few seconds to connect; starts anyway if it is down. */
  async onModuleInit() {
    this.health.register({ name: 'redis', check: async () => void (await this.command.ping()) });
    if (this.command.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 5_000);
      this.command.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async onApplicationShutdown() {
    await Promise.all(this.connections.map((c) => c.quit().catch(() => c.disconnect())));
  }
}
