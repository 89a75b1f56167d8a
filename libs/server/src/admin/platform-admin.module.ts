import { Module } from '@nestjs/common';
import { PlatformQueuesController } from './platform-queues.controller';

/** Platform-admin routes about the runtime itself (not a domain's data). */
@Module({ controllers: [PlatformQueuesController] })
export class PlatformAdminModule {}
