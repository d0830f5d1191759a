import type { EventEnvelope } from '@hub/contracts';
import type { InboxKey } from './event-transaction';

/** One event of a batch, as a batch handler receives it. */
export interface BatchedEvent<P = unknown> {
  envelope: EventEnvelope<P>;
  /** the inbox key to pass to EventTransaction.runBatch, so the event is applied once */
  inbox: InboxKey;
  deliveryCount: number;
}

export interface BatchOptions {
  /** events handed to the handler at most at once */
  maxEvents: number;
  /**
   * How long the first event of a batch waits for others to join it. 0: only those already received
   * (a batch grows by itself when the handler falls behind). A consumer whose effect nobody waits
   * for (a read model) can linger to apply more events per transaction at low rates too.
   */
  lingerMs: number;
}

export interface BatchExtras {
  batch: BatchOptions;
}

/**
 * Marks an `@EventPattern` handler as a batch handler: `@EventPattern([SUBJECT_A, SUBJECT_B],
 * batchOf({ lingerMs: 100 }))` receives `BatchedEvent[]`, every event of its consumer in stream
 * order, and applies them in one transaction (`EventTransaction.runBatch`). A consumer is either
 * wholly batched, with every subject on one handler, or not at all (checked at start). If a batch
 * fails, its events are tried one by one, so one bad event goes to the dead letters alone.
 */
export function batchOf(options: Partial<BatchOptions> = {}): BatchExtras {
  return { batch: { maxEvents: 256, lingerMs: 0, ...options } };
}

export function batchOptionsOf(extras: unknown): BatchOptions | undefined {
  return (extras as Partial<BatchExtras> | undefined)?.batch;
}

/**
 * Groups items into batches for one consumer: a batch starts when an item arrives, takes in what
 * arrives before it runs (after `lingerMs`, or once the items already received are in), and batches
 * run one after another, so items keep their order. `add` makes its caller wait while a full batch is
 * already waiting (backpressure on the pull).
 */
export class EventBatcher<T> {
  private pending: T[] = [];
  private running: Promise<void> | undefined;
  private waiting: Array<() => void> = [];

  constructor(
    private readonly options: BatchOptions,
    private readonly run: (items: T[]) => Promise<void>,
  ) {}

  async add(item: T): Promise<void> {
    this.pending.push(item);
    this.running ??= this.drain();
    while (this.pending.length >= this.options.maxEvents) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  /** Resolves once every item added so far has run. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        if (this.pending.length < this.options.maxEvents) await this.linger();
        const items = this.pending.splice(0, this.options.maxEvents);
        for (const resolve of this.waiting.splice(0)) resolve();
        await this.run(items);
      }
    } finally {
      this.running = undefined;
    }
  }

  private linger(): Promise<void> {
    return new Promise((resolve) =>
      this.options.lingerMs > 0 ? setTimeout(resolve, this.options.lingerMs) : setImmediate(resolve),
    );
  }
}
