import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ROOT_LOGGER } from '@chainloom/core';
import { RedisService } from '@chainloom/queue';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** A change a client watching a network wants to see (status, a node, an operation step). */
export interface NetworkEvent {
  networkId: string;
  type: 'network' | 'node' | 'operation' | 'progress';
  data: Record<string, unknown>;
}

type Listener = (event: NetworkEvent) => void;

/**
 * Status changes fan out through Redis pub/sub, because the worker that changes a network and the
 * API instance holding a client's event stream are often different processes. One subscription
 * per process; listeners are kept per network in memory.
 */
@Injectable()
export class NetworkEventsService implements OnModuleInit, OnApplicationShutdown {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly anyListeners = new Set<Listener>();
  private readonly channel: string;
  private subscriber?: Redis;
  private readonly logger: Logger;

  constructor(
    private readonly redis: RedisService,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.channel = `${redis.prefix}:network-events`;
    this.logger = logger.child({ component: 'network-events' });
  }

  onModuleInit() {
    this.subscriber = this.redis.connect('network-events', { maxRetriesPerRequest: null });
    this.subscriber.on('message', (_channel: string, message: string) => {
      try {
        const event = JSON.parse(message) as NetworkEvent;
        for (const listener of this.listeners.get(event.networkId) ?? []) listener(event);
        for (const listener of this.anyListeners) listener(event);
      } catch {
        // a malformed message is not worth crashing a stream over
      }
    });
    void this.subscriber.subscribe(this.channel).catch(() => undefined);
  }

  onApplicationShutdown() {
    this.listeners.clear();
  }

  /** Best effort: the database holds the state; a missed event only delays a client's view. */
  publish(event: NetworkEvent) {
    void this.redis.command
      .publish(this.channel, JSON.stringify(event))
      .catch((error: Error) => this.logger.debug({ err: error.message }, 'could not publish a network event'));
  }

  /** Every network's events (for caches that must forget a network when it changes). */
  subscribeAll(listener: Listener) {
    this.anyListeners.add(listener);
  }

  subscribe(networkId: string, listener: Listener): () => void {
    let set = this.listeners.get(networkId);
    if (!set) this.listeners.set(networkId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(networkId);
    };
  }
}
