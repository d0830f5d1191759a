export * from './bootstrap';
export * from './health.controller';
export * from './http-error.filter';
export * from './metrics.controller';
export * from './service-kit.module';
