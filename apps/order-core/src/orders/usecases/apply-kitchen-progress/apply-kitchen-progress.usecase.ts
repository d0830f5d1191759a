import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, TicketAcknowledgedV1, TicketBumpedV1, TicketRoutedV1 } from '@hub/contracts';
import { EventTransaction, InboxKey } from '@hub/messaging';
import { ActorType, OrderStatus, StatusActor } from '@hub/order-model';
import { OrderTicketsRepository } from '../../order-tickets.repository';
import { OrdersRepository } from '../../orders.repository';
import { ChangeOrderStatusUseCase } from '../change-order-status/change-order-status.usecase';

/**
 * The kitchen drives the order: the first ticket a station takes on moves an accepted order to
 * in_preparation; when every ticket of the order is bumped, it is ready.
 */
@Injectable()
export class ApplyKitchenProgressUseCase {
  private readonly logger = new Logger(ApplyKitchenProgressUseCase.name);

  constructor(
    private readonly tx: EventTransaction,
    private readonly orders: OrdersRepository,
    private readonly tickets: OrderTicketsRepository,
    private readonly changeStatus: ChangeOrderStatusUseCase,
  ) {}

  /**
   * A routed ticket joins its order's tickets: one autocommit statement, with no transaction and no
   * inbox row. Its only effect is `INSERT ... ON CONFLICT (ticket_id) DO NOTHING`, idempotent on the
   * ticket's own id, and it emits nothing: a redelivered event (however late, and whatever the ticket
   * went through since: acknowledged, printed, bumped) finds the row and changes nothing, which is
   * the exactly-once effect the inbox would have given, for one statement instead of three.
   */
  async routed(event: EventEnvelope<TicketRoutedV1>): Promise<void> {
    const { ticketId, orderId, station, kind, createdAt, printing } = event.payload;
    const outcome = await this.tickets.record({
      ticketId,
      orderId,
      station,
      kind,
      routedAt: createdAt,
      printing,
    });
    if (outcome === 'unknown-order')
      this.logger.warn(`ticket ${ticketId} names order ${orderId}, which is not in the order table`);
  }

  async started(event: EventEnvelope<TicketAcknowledgedV1>, inbox: InboxKey): Promise<void> {
    const { ticketId, orderId, station, acknowledgedAt } = event.payload;
    await this.tx.run(async ({ manager, emit }) => {
      await this.tickets.markAcknowledged(manager, ticketId, acknowledgedAt);
      await this.startIfAccepted(manager, orderId, { type: ActorType.STATION, id: station }, event.id, emit);
    }, inbox);
  }

  /**
   * A ticket bumped, or closed by kot-router because every line on it was voided (`voided`): that one
   * counts as done but does not start the order. The order is locked before its open tickets are
   * counted, so two tickets finished at once cannot each see the other still open.
   */
  async finished(event: EventEnvelope<TicketBumpedV1>, inbox: InboxKey): Promise<void> {
    const { ticketId, orderId, station, bumpedAt, voided } = event.payload;
    const actor: StatusActor = { type: ActorType.STATION, id: station };
    await this.tx.run(async ({ manager, emit }) => {
      if (!(await this.tickets.markBumped(manager, ticketId, bumpedAt))) {
        this.logger.warn(`bumped ticket ${ticketId} was never routed to order-core`);
        return;
      }
      const order = voided
        ? await this.orders.lockById(manager, orderId)
        : await this.startIfAccepted(manager, orderId, actor, event.id, emit);
      if (!order || order.status !== OrderStatus.IN_PREPARATION) return;
      const open = await this.tickets.openCount(manager, orderId);
      if (open === 0) {
        await this.changeStatus.move(
          manager,
          order,
          OrderStatus.READY,
          actor,
          'every ticket bumped',
          event.id,
          emit,
        );
      }
    }, inbox);
  }

  private async startIfAccepted(
    manager: EntityManager,
    orderId: string,
    actor: StatusActor,
    causationId: string,
    emit: (envelope: EventEnvelope) => void,
  ) {
    const order = await this.orders.lockById(manager, orderId);
    if (order?.status === OrderStatus.ACCEPTED) {
      await this.changeStatus.move(
        manager,
        order,
        OrderStatus.IN_PREPARATION,
        actor,
        'kitchen started',
        causationId,
        emit,
      );
    }
    return order;
  }
}
