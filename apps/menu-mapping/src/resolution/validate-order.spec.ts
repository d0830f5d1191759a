import type { OrderDraftDto, OrderModifierDto } from '@hub/contracts';
import { OrderType } from '@hub/order-model';
import { buildSnapshot, SnapshotItem, SnapshotModifier } from './menu-snapshot.type';
import { EMPTY_MAPPING, mergeMappings } from './platform-mapping';
import { validateOrder, ValidationOptions } from './validate-order';

const item = (over: Partial<SnapshotItem> & Pick<SnapshotItem, 'id' | 'code' | 'name'>): SnapshotItem => ({
  kind: 'item',
  price: 10000,
  currency: 'INR',
  station: 'tandoor',
  available: true,
  unavailableUntil: null,
  plu: null,
  sku: null,
  groupIds: [],
  components: [],
  ...over,
});
const modifier = (over: Partial<SnapshotModifier> & Pick<SnapshotModifier, 'id' | 'code' | 'name'>) => ({
  groupId: 'g-spice',
  price: 0,
  isDefault: false,
  available: true,
  ...over,
});

const snapshot = buildSnapshot(
  'v1',
  'brand',
  [
    item({ id: 'i1', code: 'PANEER-TIKKA', name: 'Paneer Tikka', price: 28000, groupIds: ['g-spice'] }),
    item({ id: 'i2', code: 'MANGO-LASSI', name: 'Mango Lassi', price: 12000, station: 'bar' }),
    item({
      id: 'i3',
      code: 'KULFI',
      name: 'Kulfi',
      available: false,
      unavailableUntil: '2026-11-22T18:00:00.000Z',
    }),
    item({ id: 'i4', code: 'NAAN', name: 'Naan', price: 6000, groupIds: ['g-extras'] }),
    item({ id: 'i5', code: 'DAL', name: 'Dal Makhani', price: 26000, station: 'curry' }),
    item({ id: 'i6', code: 'CHICKEN', name: 'Butter Chicken', price: 38000, station: 'curry' }),
    item({
      id: 'c1',
      code: 'THALI',
      name: 'Thali',
      kind: 'combo',
      price: 45000,
      station: 'curry',
      components: [
        {
          id: 'cc1',
          code: 'MAIN',
          name: 'Main',
          quantity: 1,
          defaultItemId: 'i5',
          options: new Map([
            ['i5', 0],
            ['i6', 5000],
          ]),
        },
      ],
    }),
  ],
  [
    modifier({ id: 'm1', code: 'MILD', name: 'Mild', isDefault: true }),
    modifier({ id: 'm2', code: 'HOT', name: 'Hot' }),
    modifier({ id: 'm3', code: 'BUTTER', name: 'Butter', groupId: 'g-extras', price: 1000 }),
    modifier({
      id: 'm4',
      code: 'GARLIC',
      name: 'Garlic',
      groupId: 'g-extras',
      price: 1500,
      available: false,
    }),
  ],
  [
    { id: 'g-spice', code: 'SPICE', name: 'Spice level', min: 1, max: 1, modifierIds: ['m1', 'm2'] },
    { id: 'g-extras', code: 'EXTRAS', name: 'Extras', min: 0, max: 1, modifierIds: ['m3', 'm4'] },
  ],
);

const exact: ValidationOptions = { tolerance: { minor: 0, percent: 0 } };

interface Line {
  code: string;
  price: number;
  name?: string;
  modifiers?: OrderModifierDto[];
}

function order(lines: Line[], total = 1): OrderDraftDto {
  return {
    venueId: 'v1',
    channel: 'swiggy',
    externalId: 'e1',
    orderType: OrderType.DELIVERY,
    placedAt: '2026-11-22T10:00:00.000Z',
    customer: { name: 'Guest' },
    items: lines.map((line, i) => ({
      lineId: String(i + 1),
      externalCode: line.code,
      name: line.name ?? `as sent ${line.code}`,
      quantity: 1,
      unitPrice: line.price,
      modifiers: line.modifiers ?? [],
    })),
    totals: { subtotal: total, tax: 0, discount: 0, deliveryFee: 0, tip: 0, total, currency: 'INR' },
    source: { platform: 'swiggy', storeRef: 's1', rawDeliveryId: 'd1' },
  };
}

const mod = (name: string, unitPrice = 0, externalCode?: string): OrderModifierDto => ({
  name,
  quantity: 1,
  unitPrice,
  ...(externalCode ? { externalCode } : {}),
});

describe('validateOrder: resolution', () => {
  it('puts the menu id, name and station on every line, and applies group defaults', () => {
    const result = validateOrder(
      order([
        { code: 'PANEER-TIKKA', price: 28000 },
        { code: 'MANGO-LASSI', price: 12000 },
      ]),
      snapshot,
      EMPTY_MAPPING,
      exact,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.order.items.map((i) => [i.menuItemId, i.name, i.station])).toEqual([
      ['i1', 'Paneer Tikka', 'tandoor'],
      ['i2', 'Mango Lassi', 'bar'],
    ]);
    expect(result.order.items[0].modifiers).toEqual([
      { externalCode: 'MILD', menuModifierId: 'm1', name: 'Mild', quantity: 1, unitPrice: 0 },
    ]);
  });

  it('resolves platform codes and names through the mapping before the internal code', () => {
    const mapping = mergeMappings(
      [
        { kind: 'item', matchType: 'plu', platformCode: '9001', targetId: 'i2' },
        { kind: 'item', matchType: 'name', platformCode: 'Paneer Tikka (6 pcs)', targetId: 'i1' },
        { kind: 'modifier', matchType: 'variation', platformCode: 'var-77', targetId: 'm2' },
      ],
      // a venue's own entry wins over the brand's
      [{ kind: 'item', matchType: 'plu', platformCode: '9002', targetId: 'i2' }],
    );
    const result = validateOrder(
      order([
        { code: '9001', price: 12000 },
        {
          code: 'SW-1',
          name: 'paneer tikka (6 PCS)',
          price: 28000,
          modifiers: [mod('Extra hot', 0, 'var-77')],
        },
        { code: '9002', price: 12000 },
      ]),
      snapshot,
      mapping,
      exact,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.order.items.map((i) => i.menuItemId)).toEqual(['i2', 'i1', 'i2']);
    expect(result.order.items[1].modifiers).toEqual([
      { externalCode: 'var-77', name: 'Hot', quantity: 1, unitPrice: 0, menuModifierId: 'm2' },
    ]);
    expect(result.order.items[0].externalCode).toBe('9001');
  });

  it('lists every problem, by line, with the codes a person must map', () => {
    const result = validateOrder(
      order([
        { code: 'NOPE', name: 'Mystery', price: 100 },
        { code: 'KULFI', price: 10000 },
        { code: 'PANEER-TIKKA', price: 28000, modifiers: [mod('Smoky', 0, 'SMK')] },
      ]),
      snapshot,
      EMPTY_MAPPING,
      exact,
    );
    expect(result).toEqual({
      ok: false,
      reasons: [
        { code: 'UNMAPPED_ITEM', lineId: '1', message: 'item code NOPE (Mystery) is not on the menu of v1' },
        {
          code: 'ITEM_UNAVAILABLE',
          lineId: '2',
          message: 'Kulfi (KULFI) is marked unavailable at v1 until 2026-11-22T18:00:00.000Z',
        },
        {
          code: 'UNMAPPED_MODIFIER',
          lineId: '3',
          message: 'modifier SMK (Smoky) of Paneer Tikka is not on the menu of v1',
        },
      ],
      unresolved: [
        { kind: 'item', code: 'NOPE', name: 'Mystery' },
        { kind: 'modifier', code: 'SMK', name: 'Smoky' },
      ],
    });
  });

  it('takes a substitute a person chose for a line', () => {
    const result = validateOrder(order([{ code: 'NOPE', price: 12000 }]), snapshot, EMPTY_MAPPING, {
      ...exact,
      substitutions: new Map([['1', 'MANGO-LASSI']]),
    });
    expect(result.ok && result.order.items[0]).toMatchObject({ menuItemId: 'i2', station: 'bar' });
  });
});

describe('validateOrder: modifier rules', () => {
  it('names the group whose min or max is broken', () => {
    const tooMany = validateOrder(
      order([{ code: 'PANEER-TIKKA', price: 28000, modifiers: [mod('Mild'), mod('Hot')] }]),
      snapshot,
      EMPTY_MAPPING,
      exact,
    );
    expect(!tooMany.ok && tooMany.reasons).toEqual([
      {
        code: 'MODIFIER_MAX',
        lineId: '1',
        message: 'Paneer Tikka: Spice level allows at most 1 choice(s), got 2',
      },
    ]);
    const noDefault = buildSnapshot(
      'v1',
      'brand',
      [...snapshot.items.values()],
      [...snapshot.modifiers.values()].map((m) => ({ ...m, isDefault: false })),
      [...snapshot.groups.values()],
    );
    const tooFew = validateOrder(
      order([{ code: 'PANEER-TIKKA', price: 28000 }]),
      noDefault,
      EMPTY_MAPPING,
      exact,
    );
    expect(!tooFew.ok && tooFew.reasons.map((r) => r.message)).toEqual([
      'Paneer Tikka: Spice level needs at least 1 choice(s), got 0',
    ]);
  });

  it('refuses a modifier of another item and an 86d modifier', () => {
    const result = validateOrder(
      order([
        { code: 'PANEER-TIKKA', price: 28000, modifiers: [mod('Hot'), mod('Butter', 1000, 'BUTTER')] },
        { code: 'NAAN', price: 6000, modifiers: [mod('Garlic', 1500, 'GARLIC')] },
      ]),
      snapshot,
      EMPTY_MAPPING,
      exact,
    );
    expect(!result.ok && result.reasons.map((r) => [r.code, r.lineId])).toEqual([
      ['MODIFIER_NOT_ALLOWED', '1'],
      ['MODIFIER_UNAVAILABLE', '2'],
    ]);
  });

  it('fills a combo component with its default and takes a chosen option with its upcharge', () => {
    const byDefault = validateOrder(order([{ code: 'THALI', price: 45000 }]), snapshot, EMPTY_MAPPING, exact);
    expect(byDefault.ok && byDefault.order.items[0].modifiers.map((m) => m.name)).toEqual(['Dal Makhani']);
    const chosen = validateOrder(
      order([{ code: 'THALI', price: 45000, modifiers: [mod('Butter Chicken', 5000)] }]),
      snapshot,
      EMPTY_MAPPING,
      exact,
    );
    expect(chosen.ok && chosen.order.items[0].modifiers).toEqual([
      { name: 'Butter Chicken', quantity: 1, unitPrice: 5000, menuModifierId: 'i6' },
    ]);
    const twoMains = validateOrder(
      order([{ code: 'THALI', price: 45000, modifiers: [mod('Butter Chicken', 5000), mod('Dal Makhani')] }]),
      snapshot,
      EMPTY_MAPPING,
      exact,
    );
    expect(!twoMains.ok && twoMains.reasons.map((r) => r.message)).toEqual([
      'Thali: Main takes 1 choice(s), got 2',
    ]);
  });
});

describe('validateOrder: prices', () => {
  it('flags a price outside the tolerance and passes one inside it', () => {
    const lines = [{ code: 'MANGO-LASSI', price: 12500 }];
    const flagged = validateOrder(order(lines), snapshot, EMPTY_MAPPING, exact);
    expect(!flagged.ok && flagged.reasons).toEqual([
      {
        code: 'PRICE_MISMATCH',
        lineId: '1',
        message:
          'Mango Lassi: the order charges 12500 but the venue price is 12000 (INR minor units, tolerance 0)',
      },
    ]);
    expect(
      validateOrder(order(lines), snapshot, EMPTY_MAPPING, { tolerance: { minor: 500, percent: 0 } }).ok,
    ).toBe(true);
    expect(
      validateOrder(order(lines), snapshot, EMPTY_MAPPING, { tolerance: { minor: 0, percent: 5 } }).ok,
    ).toBe(true);
    expect(
      validateOrder(order(lines), snapshot, EMPTY_MAPPING, { tolerance: { minor: 0, percent: 4 } }).ok,
    ).toBe(false);
  });

  it('checks modifier prices too, and lets a person accept a mismatch', () => {
    const lines = [{ code: 'NAAN', price: 6000, modifiers: [mod('Butter', 0, 'BUTTER')] }];
    const flagged = validateOrder(order(lines), snapshot, EMPTY_MAPPING, exact);
    expect(!flagged.ok && flagged.reasons.map((r) => r.code)).toEqual(['PRICE_MISMATCH']);
    expect(
      validateOrder(order(lines), snapshot, EMPTY_MAPPING, { ...exact, acceptPriceMismatch: true }).ok,
    ).toBe(true);
  });

  it('never passes a zero price or a zero total, even when a person accepts prices', () => {
    const accepted = { tolerance: { minor: 100_000, percent: 100 }, acceptPriceMismatch: true };
    const zeroLine = validateOrder(
      order([{ code: 'MANGO-LASSI', price: 0 }], 0),
      snapshot,
      EMPTY_MAPPING,
      accepted,
    );
    expect(!zeroLine.ok && zeroLine.reasons.map((r) => r.code)).toEqual(['ZERO_PRICE', 'ZERO_TOTAL']);
    const zeroTotal = validateOrder(
      order([{ code: 'MANGO-LASSI', price: 12000 }], 0),
      snapshot,
      EMPTY_MAPPING,
      exact,
    );
    expect(!zeroTotal.ok && zeroTotal.reasons.map((r) => r.code)).toEqual(['ZERO_TOTAL']);
  });

  it('flags an item priced in another currency', () => {
    const usd = buildSnapshot(
      'v1',
      'brand',
      [item({ id: 'x', code: 'X', name: 'X', currency: 'USD' })],
      [],
      [],
    );
    const result = validateOrder(order([{ code: 'X', price: 10000 }]), usd, EMPTY_MAPPING, exact);
    expect(!result.ok && result.reasons.map((r) => r.code)).toEqual(['CURRENCY_MISMATCH']);
  });
});
