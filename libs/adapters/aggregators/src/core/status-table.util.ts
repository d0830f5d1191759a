import { OrderStatus } from '@hub/order-model';
import { AdapterCapabilityUnsupported } from './adapter.errors';

/**
 * A platform's status vocabulary in one place. `toPlatform` lists what the platform can express:
 * a string is the status or action to send, `null` means "nothing to tell the platform"; a
 * canonical status that is not listed throws AdapterCapabilityUnsupported. `fromPlatform` reads the
 * platform's names back (case-insensitive).
 */
export class StatusTable {
  private readonly fromPlatform: ReadonlyMap<string, OrderStatus>;

  constructor(
    private readonly platform: string,
    private readonly toPlatform: Partial<Readonly<Record<OrderStatus, string | null>>>,
    fromPlatform: Readonly<Record<string, OrderStatus>>,
  ) {
    this.fromPlatform = new Map(
      Object.entries(fromPlatform).map(([name, status]) => [name.toLowerCase(), status]),
    );
  }

  toPlatformStatus(status: OrderStatus): string | undefined {
    if (!Object.prototype.hasOwnProperty.call(this.toPlatform, status)) {
      throw AdapterCapabilityUnsupported.status(this.platform, status);
    }
    return this.toPlatform[status] ?? undefined;
  }

  toCanonical(platformStatus: string): OrderStatus | undefined {
    return this.fromPlatform.get(platformStatus.trim().toLowerCase());
  }
}
