export * from './provisioning.module';
export * from './chain-access.module';
export * from './provisioning.schemas';
export { isRefusedMethod } from './rpc-gateway.service';
export { PLATFORM_TENANT_ID } from './notary.service';
