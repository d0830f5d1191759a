import type { CanonicalOrderDto } from '@hub/contracts';
import { routeLines, RoutingRule, stationOf } from './routing';

type Order = Pick<CanonicalOrderDto, 'items' | 'orderType' | 'channel'>;
const line = (
  lineId: string,
  code: string,
  station: string | undefined,
  modifiers: string[] = [],
  notes?: string,
) => ({
  lineId,
  externalCode: code,
  name: code.toLowerCase(),
  quantity: 1,
  unitPrice: 100,
  modifiers: modifiers.map((name) => ({ name, quantity: 1, unitPrice: 0 })),
  ...(station ? { station } : {}),
  ...(notes ? { notes } : {}),
});
const order = (orderType: string, channel: string, items: Order['items']): Order => ({
  orderType: orderType as Order['orderType'],
  channel,
  items,
});

describe('routing', () => {
  const lines = [
    line('1', 'TIKKA', 'tandoor', ['extra spicy']),
    line('2', 'LASSI', 'bar', [], 'less sugar'),
    line('3', 'WATER', undefined),
    line('4', 'NAAN', 'tandoor'),
  ];

  it('sends each line to its item station (the fallback when it has none), keeping the line order', () => {
    expect(routeLines(order('dine_in', 'qr', lines), [])).toEqual([
      ['bar', [{ lineId: '2', name: 'lassi', quantity: 1, modifiers: [], notes: 'less sugar' }]],
      ['kitchen', [{ lineId: '3', name: 'water', quantity: 1, modifiers: [] }]],
      [
        'tandoor',
        [
          { lineId: '1', name: 'tikka', quantity: 1, modifiers: [{ name: 'extra spicy', quantity: 1 }] },
          { lineId: '4', name: 'naan', quantity: 1, modifiers: [] },
        ],
      ],
    ]);
  });

  it('applies overrides by item, modifier, order type and channel, the later kind winning, and drops lines not ticketed', () => {
    const rules: RoutingRule[] = [
      { match: 'channel', value: 'ubereats', onlyFrom: 'bar', station: 'packing' },
      { match: 'item', value: 'WATER', station: null },
      { match: 'modifier', value: 'Extra Spicy', station: 'grill' },
      { match: 'order_type', value: 'delivery', onlyFrom: 'tandoor', station: 'tandoor-express' },
    ];
    const delivery = order('delivery', 'ubereats', lines);
    expect(stationOf(lines[0], delivery, rules)).toBe('grill'); // the modifier moved it off the tandoor first
    expect(stationOf(lines[1], delivery, rules)).toBe('packing');
    expect(stationOf(lines[2], delivery, rules)).toBeNull();
    expect(stationOf(lines[3], delivery, rules)).toBe('tandoor-express');
    expect(stationOf(lines[1], order('dine_in', 'qr', lines), rules)).toBe('bar');
  });

  it('gives every expo station every ticketed line', () => {
    const routed = new Map(
      routeLines(order('dine_in', 'qr', lines), [{ match: 'item', value: 'WATER', station: null }], ['expo']),
    );
    expect(routed.get('expo')?.map((i) => i.name)).toEqual(['tikka', 'lassi', 'naan']);
    expect(
      routeLines(
        order('dine_in', 'qr', [lines[2]]),
        [{ match: 'item', value: 'WATER', station: null }],
        ['expo'],
      ),
    ).toEqual([]);
  });
});
