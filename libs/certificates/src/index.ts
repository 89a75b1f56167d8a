export * from './certificates.module';
export * from './certificates.options';
export * from './certificates.schemas';
export * from './certificates.exception';
export { signWebhook } from './webhooks/webhook-dispatcher.service';
