import type { OrderEntity } from '../orders/entities/order.entity';

/**
 * When an order goes to the kitchen: its promised (ready) time, which capacity or staff may have
 * moved past its scheduled time or past "as soon as possible", minus its own preparation time (busy
 * mode and staff included), else its scheduled time minus the venue's preparation time. Null for an
 * order with neither (it goes at once). An order promised for now plus its preparation time fires now.
 */
export function fireTime(
  order: Pick<OrderEntity, 'scheduledFor' | 'promisedAt' | 'prepTimeMinutes'>,
  defaultPrepMinutes: number,
): Date | null {
  const ready = order.promisedAt ?? order.scheduledFor;
  if (!ready) return null;
  return new Date(ready.getTime() - (order.prepTimeMinutes ?? defaultPrepMinutes) * 60_000);
}
