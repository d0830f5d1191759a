import type { AttentionReasonDto, OrderDraftDto } from '@hub/contracts';

export interface MenuItemRef {
  id: string;
  code: string;
  name: string;
  station: string;
  currency: string;
  available: boolean;
}

export type Resolution = { ok: true; order: OrderDraftDto } | { ok: false; reasons: AttentionReasonDto[] };

/**
 * Resolves every line of an order against the venue's menu. Either every line maps (the order comes
 * back with menuItemId, the menu's name and the station on each line) or every problem is listed.
 */
export function resolveOrderLines(order: OrderDraftDto, menu: MenuItemRef[]): Resolution {
  const byCode = new Map(menu.map((item) => [item.code, item]));
  const reasons: AttentionReasonDto[] = [];
  const items = order.items.map((line) => {
    const item = byCode.get(line.externalCode);
    if (!item) {
      reasons.push({
        code: 'UNMAPPED_ITEM',
        lineId: line.lineId,
        message: `item code ${line.externalCode} (${line.name}) is not on the menu of ${order.venueId}`,
      });
      return line;
    }
    if (!item.available) {
      reasons.push({
        code: 'ITEM_UNAVAILABLE',
        lineId: line.lineId,
        message: `${item.name} (${item.code}) is marked unavailable at ${order.venueId}`,
      });
    }
    if (item.currency !== order.totals.currency) {
      reasons.push({
        code: 'CURRENCY_MISMATCH',
        lineId: line.lineId,
        message: `${item.name} is priced in ${item.currency}, the order in ${order.totals.currency}`,
      });
    }
    return { ...line, menuItemId: item.id, name: item.name, station: item.station };
  });
  return reasons.length > 0 ? { ok: false, reasons } : { ok: true, order: { ...order, items } };
}
