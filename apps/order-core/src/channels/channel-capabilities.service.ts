import { Injectable } from '@nestjs/common';
import {
  AdapterRegistry,
  canRescheduleOrders,
  createDefaultRegistry,
  hasStatusCallbacks,
} from '@hub/aggregators';
import { OrderStatus } from '@hub/order-model';

/**
 * What each channel can do, asked of its platform adapter (never by branching on platform names
 * here): whether an order's promised time may be moved, and whether the platform is told the
 * order's status (so the ledger waits for its acknowledgement). Direct channels have no adapter:
 * their orders can be moved and nobody is called back.
 */
@Injectable()
export class ChannelCapabilities {
  private readonly registry: AdapterRegistry = createDefaultRegistry();
  private readonly withCallbacks: string[] = this.registry.platforms().filter((platform) => {
    const adapter = this.registry.get(platform);
    if (!hasStatusCallbacks(adapter)) return false;
    try {
      return adapter.mapStatus(OrderStatus.ACCEPTED) !== undefined;
    } catch {
      return false; // the platform cannot express an acceptance: nothing to acknowledge
    }
  });

  canReschedule(channel: string): boolean {
    return canRescheduleOrders(this.registry.find(channel));
  }

  /** The channels whose platform is called back with an order's acceptance. */
  channelsWithStatusCallbacks(): string[] {
    return this.withCallbacks;
  }
}
