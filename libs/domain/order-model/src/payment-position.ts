import { PaymentStatus } from './order';

export interface LedgerEntry {
  kind: 'payment' | 'refund';
  /** minor units, > 0 */
  amount: number;
}

/** Where an order's money stands: what was paid, refunded, what is still owed. */
export interface PaymentPosition {
  paid: number;
  refunded: number;
  /** paid minus refunded */
  net: number;
  /** total minus paid (never below 0) */
  outstanding: number;
  status: PaymentStatus;
}

/**
 * The payment status follows the ledger: any refund makes it partially_refunded, or refunded once
 * nothing is left; otherwise paid when the payments cover the total, else pending.
 */
export function paymentPosition(total: number, entries: readonly LedgerEntry[]): PaymentPosition {
  const paid = entries.filter((e) => e.kind === 'payment').reduce((sum, e) => sum + e.amount, 0);
  const refunded = entries.filter((e) => e.kind === 'refund').reduce((sum, e) => sum + e.amount, 0);
  const net = paid - refunded;
  let status: PaymentStatus;
  if (refunded > 0) status = net === 0 ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
  else if (paid > 0 && paid >= total) status = PaymentStatus.PAID;
  else status = PaymentStatus.PENDING;
  return { paid, refunded, net, outstanding: Math.max(0, total - paid), status };
}
