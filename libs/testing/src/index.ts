export * from './test-env';
export * from './test-database';
export * from './redis-server';
export * from './test-config';
export * from './http-client';
