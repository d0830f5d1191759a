export * from './data-source.options';
export * from './migrations';
export * from './query-rows';
export * from './prepared';
