import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/env.schema';

/**
 * Where the API is reached, and whether the process is shutting down. Once draining, new API requests answer 503 and readiness
 * fails, so load balancers stop sending traffic while running jobs finish.
 */
@Injectable()
export class LifecycleService {
  private drainingSince?: Date;
  private listeningAt?: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The URL clients reach this API at: PUBLIC_URL, or where the server listens. */
  get publicUrl(): string {
    return this.config.PUBLIC_URL?.replace(/\/$/, '') ?? this.listeningAt ?? `http://${this.config.HOST}:${this.config.PORT}`;
  }
  setListeningAt(url: string) {
    this.listeningAt = url;
  }

  get draining() {
    return this.drainingSince !== undefined;
  }
  startDraining() {
    this.drainingSince ??= new Date();
  }
}
