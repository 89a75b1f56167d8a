export * from './tenancy.module';
export * from './tenancy.schemas';
export * from './mailer';
export { ensurePlatformAdmin } from './platform-admin.bootstrap';
