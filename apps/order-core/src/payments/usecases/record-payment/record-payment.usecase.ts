import { Injectable } from '@nestjs/common';
import type { Principal } from '@hub/auth';
import { EventTransaction } from '@hub/messaging';
import { OrderStatus } from '@hub/order-model';
import { OrdersRepository } from '../../../orders/orders.repository';
import type { LedgerDto, RecordPaymentDto } from '../../dto/payment.dto';
import { actorOf, appendToLedger, loadLedger, refuse } from '../../ledger';
import { PaymentsRepository } from '../../payments.repository';

const CLOSED = new Set<OrderStatus>([OrderStatus.REJECTED, OrderStatus.CANCELLED, OrderStatus.REFUNDED]);

/** Takes a payment (one of several, for a split bill); never more than is still owed. */
@Injectable()
export class RecordPaymentUseCase {
  constructor(
    private readonly tx: EventTransaction,
    private readonly orders: OrdersRepository,
    private readonly payments: PaymentsRepository,
  ) {}

  async execute(
    orderId: string,
    body: RecordPaymentDto,
    principal: Principal,
    requestId: string,
  ): Promise<LedgerDto> {
    const outcome = await this.tx.run(async ({ manager, emit }) => {
      const state = await loadLedger(this.orders, this.payments, manager, orderId, principal);
      const { order, position } = state;
      const seen =
        body.reference && state.entries.some((e) => e.kind === 'payment' && e.reference === body.reference);
      if (!seen) {
        if (CLOSED.has(order.status)) refuse(`order ${order.id} is ${order.status}: it takes no payment`);
        if (body.amount > position.outstanding) {
          refuse(
            `a payment of ${body.amount} would exceed what is owed on order ${order.id}: ${position.outstanding} of ${order.total} ${order.currency}`,
          );
        }
      }
      const next = await appendToLedger(
        this.payments,
        manager,
        state,
        {
          kind: 'payment',
          amount: body.amount,
          currency: order.currency,
          method: body.method,
          paidBy: body.paidBy,
          reference: body.reference,
        },
        actorOf(principal),
        requestId,
        emit,
      );
      return { entries: next.entries, position: next.position };
    });
    if (outcome.duplicate) throw new Error('unreachable: no inbox key given');
    return outcome.result;
  }
}
