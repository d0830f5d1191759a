import type { OrderDraftDto } from '@hub/contracts';
import { OrderType } from '@hub/order-model';
import { MenuItemRef, resolveOrderLines } from './resolve-order-lines';

const menu: MenuItemRef[] = [
  {
    id: 'i1',
    code: 'PANEER-TIKKA',
    name: 'Paneer Tikka',
    station: 'tandoor',
    currency: 'INR',
    available: true,
  },
  { id: 'i2', code: 'MANGO-LASSI', name: 'Mango Lassi', station: 'bar', currency: 'INR', available: true },
  { id: 'i3', code: 'KULFI', name: 'Kulfi', station: 'dessert', currency: 'INR', available: false },
];

function order(codes: string[]): OrderDraftDto {
  return {
    venueId: 'v1',
    channel: 'qr',
    externalId: 'e1',
    orderType: OrderType.DINE_IN,
    placedAt: '2026-11-22T10:00:00.000Z',
    customer: { name: 'Guest' },
    items: codes.map((code, i) => ({
      lineId: String(i + 1),
      externalCode: code,
      name: `as sent ${code}`,
      quantity: 1,
      unitPrice: 100,
      modifiers: [],
    })),
    totals: { subtotal: 100, tax: 0, discount: 0, deliveryFee: 0, tip: 0, total: 100, currency: 'INR' },
    source: { platform: 'qr', storeRef: 'v1', rawDeliveryId: 'd1' },
  };
}

describe('resolveOrderLines', () => {
  it('puts the menu id, name and station on every line', () => {
    const result = resolveOrderLines(order(['PANEER-TIKKA', 'MANGO-LASSI']), menu);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.order.items.map((i) => [i.menuItemId, i.name, i.station])).toEqual([
      ['i1', 'Paneer Tikka', 'tandoor'],
      ['i2', 'Mango Lassi', 'bar'],
    ]);
  });

  it('lists every problem, by line', () => {
    const result = resolveOrderLines(order(['NOPE', 'KULFI', 'PANEER-TIKKA']), menu);
    expect(result).toEqual({
      ok: false,
      reasons: [
        {
          code: 'UNMAPPED_ITEM',
          lineId: '1',
          message: 'item code NOPE (as sent NOPE) is not on the menu of v1',
        },
        { code: 'ITEM_UNAVAILABLE', lineId: '2', message: 'Kulfi (KULFI) is marked unavailable at v1' },
      ],
    });
  });
});
