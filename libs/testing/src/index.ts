export * from './infrastructure';
export * from './test-environment';
export * from './service-process';
export * from './demo-brand';
export * from './in-process-service';
export * from './factories/order-draft.factory';
export * from './fuzz-arbitraries';
