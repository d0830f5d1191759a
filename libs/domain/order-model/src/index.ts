export * from './channel';
export * from './money';
export * from './order';
export * from './order-status';
export * from './payment-position';
