export * from './log-context';
export * from './logging.module';
