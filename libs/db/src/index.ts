export * from './database-url';
export * from './prisma.service';
export * from './database.module';
export * from './audit-log';
export * from './usage-meter';
export * from './migrate';
export { Prisma, PrismaClient } from './generated/client';
export type * from './generated/client';
export * from './tenant-scope';
