/**
 * Money is always an integer number of minor units (paise, cents) with an ISO 4217 currency.
 * Never a float: platforms that send floats are converted once, at the adapter edge, with toMinorUnits.
 */
export interface Money {
  amount: number;
  currency: string;
}

export const CURRENCY_PATTERN = /^[A-Z]{3}$/;

/** Minor-unit exponent for currencies that do not use two decimals. */
const EXPONENTS: Readonly<Record<string, number>> = {
  JPY: 0,
  KRW: 0,
  VND: 0,
  BHD: 3,
  KWD: 3,
  OMR: 3,
  JOD: 3,
  TND: 3,
};

export function currencyExponent(currency: string): number {
  return EXPONENTS[currency] ?? 2;
}

/** Converts a major-unit decimal (a platform's "12.50" or 12.5) to integer minor units, rounding half away from zero. */
export function toMinorUnits(major: number | string, currency: string): number {
  const value = typeof major === 'string' ? Number(major) : major;
  if (!Number.isFinite(value)) {
    throw new RangeError(`not a finite amount: ${String(major)}`);
  }
  const factor = 10 ** currencyExponent(currency);
  // toFixed first removes binary noise (12.345 * 100 = 1234.4999...)
  const scaled = Number((Math.abs(value) * factor).toFixed(6));
  return Math.sign(value) * Math.round(scaled);
}

export function isMinorUnits(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}
