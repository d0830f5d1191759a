export interface MessagingOptions {
  /** the service's name: consumer names start with it (`order-core-orders-v1`) */
  service: string;
  natsUrl: string;
  /** prefix of every stream and subject; empty in production, unique per test suite */
  namespace: string;
  /** how long JetStream waits for an ack before redelivering (a crashed consumer's messages come back after it) */
  ackWaitMs: number;
  /** parallel handlers per consumer; events of one correlation id always run one after another */
  concurrency: number;
  /** deliveries before a message that keeps failing goes to the dead letters */
  maxDeliver?: number;
  /** how often the outbox relay looks for rows the after-commit publish left behind */
  outboxSweepMs?: number;
  /**
   * Fault injection for the resilience tests only: a subject whose handler, once its transaction has
   * committed, kills the process with SIGKILL before the ack. Never set in production.
   */
  faultKillBeforeAck?: string;
}

export const DEFAULT_MAX_DELIVER = 8;
