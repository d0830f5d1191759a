import { PaymentStatus } from './order';
import { paymentPosition } from './payment-position';

describe('paymentPosition', () => {
  it('is pending with nothing paid, and while a split bill is partly paid', () => {
    expect(paymentPosition(90000, [])).toEqual({
      paid: 0,
      refunded: 0,
      net: 0,
      outstanding: 90000,
      status: PaymentStatus.PENDING,
    });
    expect(paymentPosition(90000, [{ kind: 'payment', amount: 30000 }])).toMatchObject({
      outstanding: 60000,
      status: PaymentStatus.PENDING,
    });
  });

  it('is paid once the payments cover the total', () => {
    const split = [
      { kind: 'payment' as const, amount: 30000 },
      { kind: 'payment' as const, amount: 60000 },
    ];
    expect(paymentPosition(90000, split)).toEqual({
      paid: 90000,
      refunded: 0,
      net: 90000,
      outstanding: 0,
      status: PaymentStatus.PAID,
    });
  });

  it('is partially refunded, then refunded when nothing is left', () => {
    const entries = [
      { kind: 'payment' as const, amount: 90000 },
      { kind: 'refund' as const, amount: 12000 },
    ];
    expect(paymentPosition(90000, entries)).toMatchObject({
      net: 78000,
      status: PaymentStatus.PARTIALLY_REFUNDED,
    });
    expect(paymentPosition(90000, [...entries, { kind: 'refund', amount: 78000 }])).toMatchObject({
      net: 0,
      status: PaymentStatus.REFUNDED,
    });
  });
});
