import type { CanonicalOrderDto, KitchenTicketItemV1 } from '@hub/contracts';

/** Where a line with no station goes (menu-mapping normally sets one on every line). */
export const FALLBACK_STATION = 'kitchen';

/** Groups an order's lines by station, keeping the order's line order within each. */
export function splitByStation(order: Pick<CanonicalOrderDto, 'items'>): Map<string, KitchenTicketItemV1[]> {
  const stations = new Map<string, KitchenTicketItemV1[]>();
  for (const line of order.items) {
    const station = line.station ?? FALLBACK_STATION;
    const items = stations.get(station) ?? [];
    items.push({
      name: line.name,
      quantity: line.quantity,
      modifiers: line.modifiers.map((m) => ({ name: m.name, quantity: m.quantity })),
      ...(line.notes ? { notes: line.notes } : {}),
    });
    stations.set(station, items);
  }
  return stations;
}
