/**
 * JetStream topology owned by the contracts: one stream per context. Consumers are declared by the
 * service that owns them (`<service>-<stream>-v1`). A namespace prefix (empty in production) lets
 * tests and parallel environments share one NATS server without seeing each other's traffic.
 */
export interface StreamDefinition {
  name: string;
  /** subject prefix of the context, e.g. `orders` → `orders.>` */
  context: string;
}

export const STREAMS = {
  INTAKE: { name: 'INTAKE', context: 'intake' },
  MENU: { name: 'MENU', context: 'menu' },
  ORDERS: { name: 'ORDERS', context: 'orders' },
  KOT: { name: 'KOT', context: 'kot' },
  STATUS: { name: 'STATUS', context: 'status' },
} as const satisfies Record<string, StreamDefinition>;

export type StreamName = keyof typeof STREAMS;

/** The dead letters of every consumer: `dlq.<consumer>.<original subject>`. */
export const DEAD_LETTER_STREAM: StreamDefinition = { name: 'DLQ', context: 'dlq' };

/** The stream that carries a subject such as `orders.v1.created`. */
export function streamOfSubject(subject: string): StreamDefinition {
  const context = subject.split('.')[0];
  const stream = Object.values(STREAMS).find((s) => s.context === context);
  if (!stream) {
    throw new Error(`no stream carries subject ${subject}`);
  }
  return stream;
}
