import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { createEnvelope, ORDERS_STUCK_V1, OrderStuckV1, STUCK_HOPS } from '@hub/contracts';
import { EventTransaction } from '@hub/messaging';
import { ChannelCapabilities } from '../../../channels/channel-capabilities.service';
import { HopLimits, StuckOrdersRepository } from '../../stuck-orders.repository';

export const LEDGER_SETTINGS = Symbol('LEDGER_SETTINGS');

export interface LedgerSettings {
  limits: HopLimits;
  sweepMs: number;
}

const stuckRaised = new Counter({
  name: 'hub_orders_stuck_total',
  help: 'Orders that stalled at a hop past its limit',
  labelNames: ['hop'] as const,
});
const stuckOpen = new Gauge({
  name: 'hub_orders_stuck',
  help: 'Orders stalled at a hop right now',
  labelNames: ['hop'] as const,
});

/**
 * The ledger's alarm: an order that waits at a hop (mapping, ticketing, kitchen start, preparation,
 * a ticket not taken on, a ticket not printed, the platform not acknowledging) longer than that hop's limit raises `orders.v1.stuck` once, is counted in metrics, and is listed in
 * `GET /v1/orders/stuck` until it moves on. Nothing stalls quietly between two services.
 */
@Injectable()
export class WatchStuckOrdersUseCase implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(WatchStuckOrdersUseCase.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly tx: EventTransaction,
    private readonly stuck: StuckOrdersRepository,
    private readonly channels: ChannelCapabilities,
    @Inject(LEDGER_SETTINGS) private readonly settings: LedgerSettings,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.sweep(), this.settings.sweepMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass; returns how many alarms it raised. */
  sweep(): Promise<number> {
    this.running ??= this.raiseAlarms()
      .catch((error: Error) => {
        this.logger.warn(`stuck-order sweep failed, will retry: ${error.message}`);
        return 0;
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private async raiseAlarms(): Promise<number> {
    const outcome = await this.tx.run(async ({ manager, emit }) => {
      const callbackChannels = this.channels.channelsWithStatusCallbacks();
      await this.stuck.clearMoved(manager, callbackChannels);
      let raised = 0;
      for (const order of await this.stuck.newlyStuck(manager, this.settings.limits, callbackChannels)) {
        if (!(await this.stuck.raise(manager, order))) continue;
        raised += 1;
        stuckRaised.inc({ hop: order.hop });
        const limitSeconds = this.settings.limits[order.hop];
        this.logger.warn(
          `order ${order.orderId} at ${order.venueId} is stuck at ${order.hop} since ${order.since.toISOString()} (limit ${limitSeconds} s)`,
        );
        emit(
          createEnvelope<OrderStuckV1>(
            ORDERS_STUCK_V1,
            { orderId: order.orderId, hop: order.hop, since: order.since.toISOString(), limitSeconds },
            {
              venueId: order.venueId,
              aggregateType: 'order',
              aggregateId: order.orderId,
              correlationId: order.correlationId,
            },
          ),
        );
      }
      return raised;
    });
    const open = await this.stuck.open('*');
    for (const hop of STUCK_HOPS) stuckOpen.set({ hop }, open.filter((a) => a.hop === hop).length);
    return outcome.duplicate ? 0 : outcome.result;
  }
}
