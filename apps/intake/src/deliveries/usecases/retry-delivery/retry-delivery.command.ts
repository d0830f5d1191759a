import type { Principal } from '@hub/auth';

/** Retry one delivery of a venue that needs attention, on behalf of `actor` (for the log line). */
export class RetryDeliveryCommand {
  private constructor(
    readonly venueId: string,
    readonly deliveryId: string,
    readonly actor: string,
  ) {}

  static create(
    venueId: string,
    deliveryId: string,
    principal: Pick<Principal, 'sub' | 'role'>,
  ): RetryDeliveryCommand {
    if (!venueId || !deliveryId) throw new Error('a retry needs the venue and the delivery');
    return new RetryDeliveryCommand(venueId, deliveryId, `${principal.role}:${principal.sub}`);
  }
}
