import type { CanonicalOrderDto, KitchenTicketItemV1 } from '@hub/contracts';

/** Where a line with no station goes (menu-mapping normally sets one on every line). */
export const FALLBACK_STATION = 'kitchen';

export type RuleMatch = 'item' | 'modifier' | 'order_type' | 'channel';

/** Overrides apply in this order, so a later kind wins: the item's station, then modifier, order type, channel. */
export const RULE_PRECEDENCE: readonly RuleMatch[] = ['item', 'modifier', 'order_type', 'channel'];

export interface RoutingRule {
  match: RuleMatch;
  /** item: its code or menu id; modifier: its name; order_type: delivery, pickup...; channel: qr, ubereats... */
  value: string;
  /** only for lines that would otherwise go to this station */
  onlyFrom?: string;
  /** the station the line goes to; null: the line is not ticketed */
  station: string | null;
}

type OrderForRouting = Pick<CanonicalOrderDto, 'items' | 'orderType' | 'channel'>;
type Line = OrderForRouting['items'][number];

function matches(rule: RoutingRule, line: Line, order: OrderForRouting): boolean {
  switch (rule.match) {
    case 'item':
      return line.externalCode === rule.value || line.menuItemId === rule.value;
    case 'modifier':
      return line.modifiers.some((m) => m.name.toLowerCase() === rule.value.toLowerCase());
    case 'order_type':
      return order.orderType === rule.value;
    case 'channel':
      return order.channel === rule.value;
  }
}

/** The station a line is prepared at after the venue's rules, or null when it is not ticketed. */
export function stationOf(line: Line, order: OrderForRouting, rules: readonly RoutingRule[]): string | null {
  let station: string | null = line.station ?? FALLBACK_STATION;
  for (const kind of RULE_PRECEDENCE) {
    for (const rule of rules) {
      if (rule.match !== kind || station === null) continue;
      if (rule.onlyFrom && rule.onlyFrom !== station) continue;
      if (matches(rule, line, order)) station = rule.station;
    }
  }
  return station;
}

function ticketItem(line: Line): KitchenTicketItemV1 {
  return {
    lineId: line.lineId,
    name: line.name,
    quantity: line.quantity,
    modifiers: line.modifiers.map((m) => ({ name: m.name, quantity: m.quantity })),
    ...(line.notes ? { notes: line.notes } : {}),
  };
}

/**
 * The order's lines grouped by the station that prepares them, in the order's line order, after the
 * venue's routing rules; every expo station gets every ticketed line. Stations come out in name order.
 */
export function routeLines(
  order: OrderForRouting,
  rules: readonly RoutingRule[],
  expoStations: readonly string[] = [],
): Array<[string, KitchenTicketItemV1[]]> {
  const stations = new Map<string, KitchenTicketItemV1[]>();
  const ticketed: KitchenTicketItemV1[] = [];
  for (const line of order.items) {
    const station = stationOf(line, order, rules);
    if (station === null) continue;
    const item = ticketItem(line);
    stations.set(station, [...(stations.get(station) ?? []), item]);
    ticketed.push(item);
  }
  if (ticketed.length > 0) for (const expo of expoStations) stations.set(expo, ticketed);
  return [...stations].sort(([a], [b]) => a.localeCompare(b));
}
