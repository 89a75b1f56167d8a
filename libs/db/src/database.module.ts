import { Global, Module } from '@nestjs/common';
import { AuditLog } from './audit-log';
import { PrismaService } from './prisma.service';
import { UsageMeter } from './usage-meter';

@Global()
@Module({ providers: [PrismaService, AuditLog, UsageMeter], exports: [PrismaService, AuditLog, UsageMeter] })
export class DatabaseModule {}
