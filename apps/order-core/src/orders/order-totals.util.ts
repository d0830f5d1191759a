import type { OrderTotalsDto } from '@hub/contracts';
import { itemsSubtotal, OrderItem } from '@hub/order-model';

type Lines = ReadonlyArray<Pick<OrderItem, 'quantity' | 'unitPrice' | 'modifiers'>>;

/** round(value × numerator / denominator), half up, exact for any minor-unit amounts. */
function proportion(value: number, numerator: number, denominator: number): number {
  if (denominator <= 0) return 0;
  const scaled = BigInt(value) * BigInt(numerator) * 2n + BigInt(denominator);
  return Number(scaled / (BigInt(denominator) * 2n));
}

/**
 * Totals after lines are added: the subtotal grows by the lines' value; tax grows by `tax` when the
 * caller names it, else at the order's own effective rate (tax ÷ subtotal, rounded half up to the
 * minor unit). Discount, delivery fee and tip stay as they were. All integers in minor units.
 */
export function totalsWithAddedLines(totals: OrderTotalsDto, added: Lines, tax?: number): OrderTotalsDto {
  const value = itemsSubtotal(added);
  const taxDelta = tax ?? proportion(totals.tax, value, totals.subtotal);
  return {
    ...totals,
    subtotal: totals.subtotal + value,
    tax: totals.tax + taxDelta,
    total: totals.total + value + taxDelta,
  };
}

/**
 * Totals after lines are voided: the subtotal loses the lines' value and tax loses the same share of
 * itself (never below zero); discount, delivery fee and tip stay. All integers in minor units.
 */
export function totalsWithoutLines(totals: OrderTotalsDto, voided: Lines): OrderTotalsDto {
  const value = Math.min(itemsSubtotal(voided), totals.subtotal);
  const taxDelta = Math.min(totals.tax, proportion(totals.tax, value, totals.subtotal));
  return {
    ...totals,
    subtotal: totals.subtotal - value,
    tax: totals.tax - taxDelta,
    total: Math.max(0, totals.total - value - taxDelta),
  };
}
