import type { KitchenOrderPriority } from '@hub/contracts';

/** Preparation minutes of a line when neither the station nor the item says (kot-router's default). */
export const DEFAULT_PREP_MINUTES = 10;

/**
 * How far ahead of normal tickets a rush or VIP order's tickets are ranked, in minutes: a day and two,
 * so they go before every normal ticket of a working day whatever its start-by time.
 */
export const HEAD_START_MINUTES: Readonly<Record<'normal' | KitchenOrderPriority, number>> = {
  normal: 0,
  rush: 1440,
  vip: 2880,
};

export interface PrepTimes {
  /** the station's preparation minutes for a line not listed in `items` */
  prepMinutes?: number | null;
  /** per item code (its externalCode or menuItemId): preparation minutes */
  items?: Readonly<Record<string, number>>;
}

/** A line's preparation minutes at a station: its item's, else the station's, else the default. */
export function linePrepMinutes(
  line: { externalCode?: string; menuItemId?: string },
  times: PrepTimes | undefined,
): number {
  const items = times?.items ?? {};
  for (const code of [line.menuItemId, line.externalCode]) {
    if (code !== undefined && Object.prototype.hasOwnProperty.call(items, code)) return items[code];
  }
  return times?.prepMinutes ?? DEFAULT_PREP_MINUTES;
}

/**
 * When the order is due out of the kitchen: a scheduled order at its scheduled time; any other when its
 * longest line is done if started now.
 */
export function dueAt(now: Date, orderPrepMinutes: number, scheduledFor?: string): Date {
  if (scheduledFor) {
    const scheduled = new Date(scheduledFor);
    if (!Number.isNaN(scheduled.getTime())) return scheduled;
  }
  return new Date(now.getTime() + orderPrepMinutes * 60_000);
}

/**
 * A ticket's place in its station's order of work: it must start by the order's due time minus its
 * own preparation time (its slowest line), so a quick ticket waits while a slow one due at the same
 * time starts; `priority` is that minute since the epoch less the order's head start (smaller first).
 */
export function ticketRank(
  due: Date,
  ticketPrepMinutes: number,
  orderPriority: 'normal' | KitchenOrderPriority,
): { startBy: Date; priority: number } {
  const startBy = new Date(due.getTime() - ticketPrepMinutes * 60_000);
  return { startBy, priority: rerank(startBy, orderPriority) };
}

/** Re-ranks a ticket when its order's priority changes (its start-by time stays). */
export function rerank(startBy: Date, orderPriority: 'normal' | KitchenOrderPriority): number {
  return Math.floor(startBy.getTime() / 60_000) - HEAD_START_MINUTES[orderPriority];
}
