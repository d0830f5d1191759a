import type { OrderEntity } from '../orders/entities/order.entity';

/**
 * When a scheduled order goes to the kitchen: its promised (ready) time, which capacity or staff may
 * have moved past its scheduled time, minus its own preparation time (busy mode and staff included),
 * else its scheduled time minus the venue's preparation time. Null for an order with no scheduled time.
 */
export function fireTime(
  order: Pick<OrderEntity, 'scheduledFor' | 'promisedAt' | 'prepTimeMinutes'>,
  defaultPrepMinutes: number,
): Date | null {
  if (!order.scheduledFor) return null;
  const ready = order.promisedAt ?? order.scheduledFor;
  return new Date(ready.getTime() - (order.prepTimeMinutes ?? defaultPrepMinutes) * 60_000);
}
