export * from './queue-names';
export * from './job-definition';
export * from './redis.service';
export * from './queue.service';
export * from './queue-health.service';
export * from './worker.host';
export * from './reconciler.service';
export * from './queue.module';
