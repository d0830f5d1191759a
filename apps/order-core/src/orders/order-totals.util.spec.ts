import { totalsWithAddedLines, totalsWithoutLines } from './order-totals.util';

const totals = {
  subtotal: 56000,
  tax: 2800,
  discount: 1000,
  deliveryFee: 3000,
  tip: 500,
  total: 61300,
  currency: 'INR',
};
const naan = { quantity: 2, unitPrice: 6000, modifiers: [{ name: 'butter', quantity: 1, unitPrice: 500 }] };

describe('order totals after a line change', () => {
  it('adds the lines and tax at the order’s own rate, keeping discount, fee and tip', () => {
    // 2 × (6000 + 500) = 13000; 5 % of it = 650
    expect(totalsWithAddedLines(totals, [naan])).toEqual({
      ...totals,
      subtotal: 69000,
      tax: 3450,
      total: 61300 + 13000 + 650,
    });
  });

  it('takes the tax the caller names', () => {
    expect(totalsWithAddedLines(totals, [naan], 2340)).toMatchObject({
      tax: 5140,
      total: 61300 + 13000 + 2340,
    });
  });

  it('rounds the tax share half up to the minor unit', () => {
    const odd = { ...totals, subtotal: 3, tax: 1, total: 4, discount: 0, deliveryFee: 0, tip: 0 };
    // 1 × 1 / 3 = 0.33 → 0; 1 × 2 / 3 = 0.67 → 1
    expect(totalsWithAddedLines(odd, [{ quantity: 1, unitPrice: 1, modifiers: [] }]).tax).toBe(1);
    expect(totalsWithAddedLines(odd, [{ quantity: 1, unitPrice: 2, modifiers: [] }]).tax).toBe(2);
  });

  it('adds no tax to an order that had none', () => {
    expect(totalsWithAddedLines({ ...totals, tax: 0, total: 58500 }, [naan])).toMatchObject({
      tax: 0,
      total: 71500,
    });
  });

  it('removes voided lines and their share of tax, and undoes an addition exactly', () => {
    const added = totalsWithAddedLines(totals, [naan]);
    expect(totalsWithoutLines(added, [naan])).toEqual(totals);
  });

  it('never goes below zero', () => {
    const small = { ...totals, subtotal: 100, tax: 5, total: 105, discount: 0, deliveryFee: 0, tip: 0 };
    expect(totalsWithoutLines(small, [naan])).toMatchObject({ subtotal: 0, tax: 0, total: 0 });
  });
});
