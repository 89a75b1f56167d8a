import { Global, Module } from '@nestjs/common';
import { QueueHealthService } from './queue-health.service';
import { QueueService } from './queue.service';
import { ReconcilerService } from './reconciler.service';
import { RedisService } from './redis.service';
import { WorkerHost } from './worker.host';

@Global()
@Module({
  providers: [RedisService, QueueService, QueueHealthService, WorkerHost, ReconcilerService],
  exports: [RedisService, QueueService, QueueHealthService, WorkerHost, ReconcilerService],
})
export class QueueModule {}
