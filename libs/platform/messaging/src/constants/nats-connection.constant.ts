/** Injection token of the service's one NatsConnection. */
export const NATS_CONNECTION = Symbol('NATS_CONNECTION');
