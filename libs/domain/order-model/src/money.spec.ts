import { toMinorUnits } from './money';
import { deriveDisplayNumber, itemsSubtotal } from './order';

describe('money', () => {
  it.each([
    [12.5, 'INR', 1250],
    ['12.50', 'USD', 1250],
    [0.1 + 0.2, 'USD', 30],
    [1.005, 'USD', 101],
    [1500, 'JPY', 1500],
    [1.2345, 'KWD', 1235],
    [-3.333, 'EUR', -333],
  ])('%p %s is %p minor units', (major, currency, minor) => {
    expect(toMinorUnits(major as number | string, currency as string)).toBe(minor);
  });

  it('refuses what is not a number', () => {
    expect(() => toMinorUnits('abc', 'USD')).toThrow('not a finite amount: abc');
  });

  it('sums lines with modifiers', () => {
    expect(
      itemsSubtotal([
        {
          quantity: 2,
          unitPrice: 25000,
          modifiers: [{ name: 'extra cheese', quantity: 1, unitPrice: 3000 }],
        },
        { quantity: 3, unitPrice: 6000, modifiers: [] },
      ]),
    ).toBe(2 * 28000 + 18000);
  });

  it('derives a short display number', () => {
    expect(deriveDisplayNumber('zomato-1234567890')).toBe('567890');
    expect(deriveDisplayNumber('a1')).toBe('A1');
  });
});
