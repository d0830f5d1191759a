/**
 * JetStream topology owned by the contracts: one stream per context. Consumers are declared by the
 * service that owns them (`<service>-<stream>-v1`). A namespace prefix (empty in production) lets
 * tests and parallel environments share one NATS server without seeing each other's traffic.
 */
export interface StreamDefinition {
  name: string;
  /** subject prefix of the context, e.g. `orders` → `orders.>` */
  context: string;
  /** a command stream: each message is work for one consumer and leaves the stream once acked */
  workQueue?: boolean;
}

export const STREAMS = {
  INTAKE: { name: 'INTAKE', context: 'intake' },
  MENU: { name: 'MENU', context: 'menu' },
  ORDERS: { name: 'ORDERS', context: 'orders' },
  KOT: { name: 'KOT', context: 'kot' },
  STATUS: { name: 'STATUS', context: 'status' },
  /** commands for kot-router's printers (`cmd.kot.v1.print`), apart from the event streams */
  KOT_PRINT: { name: 'KOT_PRINT', context: 'cmd.kot', workQueue: true },
} as const satisfies Record<string, StreamDefinition>;

export type StreamName = keyof typeof STREAMS;

/** The dead letters of every consumer: `dlq.<consumer>.<original subject>`. */
export const DEAD_LETTER_STREAM: StreamDefinition = { name: 'DLQ', context: 'dlq' };

/** The stream that carries a subject such as `orders.v1.created` or `cmd.kot.v1.print`. */
export function streamOfSubject(subject: string): StreamDefinition {
  const stream = (Object.values(STREAMS) as StreamDefinition[])
    .filter((s) => subject.startsWith(`${s.context}.`))
    .sort((a, b) => b.context.length - a.context.length)[0];
  if (!stream) {
    throw new Error(`no stream carries subject ${subject}`);
  }
  return stream;
}
