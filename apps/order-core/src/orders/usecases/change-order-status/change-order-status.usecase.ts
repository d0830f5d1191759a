import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { fireTime } from '../../../scheduling/fire-time.util';
import { SCHEDULING_SETTINGS, SchedulingSettings } from '../../../scheduling/scheduling.settings';
import { AdmitToSlotUseCase } from '../../../store-controls/usecases/admit-to-slot/admit-to-slot.usecase';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '@hub/contracts';
import type { Principal } from '@hub/auth';
import { EventTransaction } from '@hub/messaging';
import { canMove, OrderStatus, paymentPosition, StatusActor } from '@hub/order-model';
import { PaymentsRepository } from '../../../payments/payments.repository';
import type { OrderEntity } from '../../entities/order.entity';
import { statusChangedEvent } from '../../order-events';
import { OrdersRepository } from '../../orders.repository';
import { principalActor } from '../../principal-actor.util';
import { changeOrderAsStaff } from '../../staff-order-change.util';
import { OrderStatusConflictException } from './order-status.exception';

/** Moves an order along its state machine, records who moved it, and tells every service. */
@Injectable()
export class ChangeOrderStatusUseCase {
  constructor(
    private readonly tx: EventTransaction,
    private readonly orders: OrdersRepository,
    private readonly payments: PaymentsRepository,
    @Inject(SCHEDULING_SETTINGS) private readonly scheduling: SchedulingSettings,
    private readonly slots: AdmitToSlotUseCase,
  ) {}

  /** A move asked for over the API by staff, a manager or head office. */
  async execute(
    orderId: string,
    to: OrderStatus,
    principal: Principal,
    reason: string | undefined,
    requestId: string,
  ): Promise<OrderEntity> {
    return changeOrderAsStaff(this.tx, this.orders, orderId, principal, (order, { manager, emit }) =>
      this.move(manager, order, to, principalActor(principal), reason, requestId, emit),
    );
  }

  /** The move itself, inside a caller's transaction. Refuses a move the state machine does not allow. */
  async move(
    manager: EntityManager,
    order: OrderEntity,
    to: OrderStatus,
    actor: StatusActor,
    reason: string | undefined,
    causationId: string,
    emit: (envelope: EventEnvelope) => void,
  ): Promise<OrderEntity> {
    const from = order.status;
    if (!canMove(from, to)) throw new OrderStatusConflictException(order.id, from, to);
    if (to === OrderStatus.REFUNDED) await this.assertRefundedInFull(manager, order);
    const at = new Date();
    await this.orders.recordStatus(manager, order.id, from, to, actor, reason, at);
    order.status = to;
    if (to === OrderStatus.CANCELLED || to === OrderStatus.REJECTED) await this.slots.release(manager, order);
    const firesAt = to === OrderStatus.ACCEPTED ? await this.holdIfScheduled(manager, order, at) : undefined;
    emit(statusChangedEvent(order, from, actor, reason, at, causationId, firesAt));
    return order;
  }

  /**
   * A scheduled order whose kitchen time (its promised time minus its preparation time: see
   * fireTime) is still ahead is held: its tickets fire when it is released (`orders.v1.released`),
   * not at acceptance.
   */
  private async holdIfScheduled(
    manager: EntityManager,
    order: OrderEntity,
    now: Date,
  ): Promise<Date | undefined> {
    const firesAt = fireTime(order, this.scheduling.prepMinutes);
    if (!firesAt || firesAt <= now) return undefined;
    await manager.query('UPDATE orders SET fire_at = $2 WHERE id = $1', [order.id, firesAt]);
    return firesAt;
  }

  /** An order is refunded only with a payment refunded in full (ARCHITECTURE: "refunded (with a payment)"). */
  private async assertRefundedInFull(manager: EntityManager, order: OrderEntity): Promise<void> {
    const position = paymentPosition(order.total, await this.payments.ledger(order.id, manager));
    if (position.refunded === 0 || position.net !== 0) {
      throw new ConflictException(
        `order ${order.id} has ${position.net} ${order.currency} paid and not refunded: refund it first (POST /v1/orders/${order.id}/refunds)`,
      );
    }
  }
}
