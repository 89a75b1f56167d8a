import { Global, Module } from '@nestjs/common';
import { QueueService } from './queue.service';
import { ReconcilerService } from './reconciler.service';
import { RedisService } from './redis.service';
import { WorkerHost } from './worker.host';

@Global()
@Module({
  providers: [RedisService, QueueService, WorkerHost, ReconcilerService],
  exports: [RedisService, QueueService, WorkerHost, ReconcilerService],
})
export class QueueModule {}
