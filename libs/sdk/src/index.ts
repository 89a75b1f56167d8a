export * from './client';
export * from './problem';
export * from './types';
export * from './forms';
export * from './events';
export type { paths, components, operations } from './openapi';
export * from './health';
export * from './untyped-routes';
