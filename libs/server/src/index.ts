export * from './service-runtime';
export * from './console/console-static.module';
