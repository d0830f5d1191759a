import { DynamicModule, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { MESSAGING_OPTIONS } from './constants/messaging-options.constant';
import { NATS_CONNECTION } from './constants/nats-connection.constant';
import { EventTransaction } from './event-transaction';
import { EventPublisher } from './event.publisher';
import { JetStreamServer } from './jetstream.server';
import type { MessagingOptions } from './messaging.options';
import { connectNats } from './nats-connection';
import { NatsHealthIndicator } from './nats.health';
import { OutboxRelay } from './outbox.relay';
import { ensureStreams } from './topology';

/** Owns the connection's end: stops the consumers (letting handlers in flight ack), then drains. */
@Injectable()
export class NatsLifecycle implements OnApplicationShutdown {
  private readonly logger = new Logger(NatsLifecycle.name);
  private server?: JetStreamServer;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    private readonly publisher: EventPublisher,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  /** The transport strategy for `app.connectMicroservice({ strategy })`. */
  createServer(): JetStreamServer {
    this.server = new JetStreamServer(this.nc, this.publisher, this.options);
    return this.server;
  }

  async onApplicationShutdown(): Promise<void> {
    const within = <T>(work: Promise<T>, ms: number, what: string) =>
      Promise.race([
        work,
        new Promise<void>((resolve) =>
          setTimeout(() => {
            this.logger.warn(`${what} took over ${ms} ms; going on`);
            resolve();
          }, ms).unref(),
        ),
      ]);
    await within(this.server?.close() ?? Promise.resolve(), 10_000, 'finishing in-flight handlers');
    if (!this.nc.isClosed()) {
      await within(
        this.nc.drain().catch(() => undefined),
        5000,
        'draining the NATS connection',
      );
      if (!this.nc.isClosed()) await this.nc.close();
    }
  }
}

@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      imports: [TerminusModule],
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        {
          provide: NATS_CONNECTION,
          useFactory: async () => {
            const nc = await connectNats(options.natsUrl, options.service);
            await ensureStreams(await jetstreamManager(nc), options.namespace);
            return nc;
          },
        },
        EventPublisher,
        OutboxRelay,
        EventTransaction,
        NatsHealthIndicator,
        NatsLifecycle,
      ],
      exports: [
        MESSAGING_OPTIONS,
        NATS_CONNECTION,
        EventPublisher,
        OutboxRelay,
        EventTransaction,
        NatsHealthIndicator,
        NatsLifecycle,
      ],
    };
  }
}
