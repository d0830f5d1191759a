import { BadRequestException, Injectable } from '@nestjs/common';
import type { Principal } from '@hub/auth';
import { EventTransaction } from '@hub/messaging';
import { lineTotal, OrderStatus } from '@hub/order-model';
import { ChangeOrderStatusUseCase } from '../../../orders/usecases/change-order-status/change-order-status.usecase';
import { OrdersRepository } from '../../../orders/orders.repository';
import type { LedgerDto, RefundOrderDto } from '../../dto/payment.dto';
import { actorOf, appendToLedger, LedgerState, loadLedger, refuse } from '../../ledger';
import { PaymentsRepository } from '../../payments.repository';

/**
 * Refunds part or all of what was paid, by amount or by lines; never more than was paid and not yet
 * refunded, and never a line twice. A completed or cancelled order refunded in full becomes refunded.
 */
@Injectable()
export class RefundOrderUseCase {
  constructor(
    private readonly tx: EventTransaction,
    private readonly orders: OrdersRepository,
    private readonly payments: PaymentsRepository,
    private readonly changeStatus: ChangeOrderStatusUseCase,
  ) {}

  async execute(
    orderId: string,
    body: RefundOrderDto,
    principal: Principal,
    requestId: string,
  ): Promise<LedgerDto> {
    if ((body.amount === undefined) === (body.lineIds === undefined)) {
      throw new BadRequestException('give either amount or lineIds');
    }
    const outcome = await this.tx.run(async ({ manager, emit }) => {
      const state = await loadLedger(this.orders, this.payments, manager, orderId, principal);
      const seen =
        body.reference && state.entries.some((e) => e.kind === 'refund' && e.reference === body.reference);
      const amount = body.lineIds ? this.linesAmount(state, body.lineIds) : body.amount!;
      if (!seen && amount > state.position.net) {
        refuse(
          `a refund of ${amount} exceeds the ${state.position.net} ${state.order.currency} paid and not yet refunded on order ${state.order.id}`,
        );
      }
      const actor = actorOf(principal);
      const next = await appendToLedger(
        this.payments,
        manager,
        state,
        {
          kind: 'refund',
          amount,
          currency: state.order.currency,
          reason: body.reason,
          lineIds: body.lineIds,
          reference: body.reference,
        },
        actor,
        requestId,
        emit,
      );
      const closed =
        next.order.status === OrderStatus.COMPLETED || next.order.status === OrderStatus.CANCELLED;
      if (next.created && closed && next.position.net === 0) {
        await this.changeStatus.move(
          manager,
          next.order,
          OrderStatus.REFUNDED,
          actor,
          body.reason,
          requestId,
          emit,
        );
      }
      return { entries: next.entries, position: next.position };
    });
    if (outcome.duplicate) throw new Error('unreachable: no inbox key given');
    return outcome.result;
  }

  /** The total of the named lines; each must be on the order and not refunded before. */
  private linesAmount(state: LedgerState, lineIds: string[]): number {
    const unknown = lineIds.filter((id) => !state.order.items.some((item) => item.lineId === id));
    if (unknown.length > 0)
      throw new BadRequestException(`order ${state.order.id} has no line ${unknown.join(', ')}`);
    const refunded = new Set(state.entries.flatMap((e) => (e.kind === 'refund' ? (e.lineIds ?? []) : [])));
    const again = lineIds.filter((id) => refunded.has(id));
    if (again.length > 0) refuse(`line ${again.join(', ')} of order ${state.order.id} was refunded already`);
    return state.order.items
      .filter((item) => lineIds.includes(item.lineId))
      .reduce((sum, item) => sum + lineTotal(item), 0);
  }
}
