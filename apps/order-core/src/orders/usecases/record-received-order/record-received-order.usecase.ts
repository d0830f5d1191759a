import { Injectable } from '@nestjs/common';
import type { EventEnvelope, IntakeOrderReceivedV1 } from '@hub/contracts';
import { EventTransaction, InboxKey } from '@hub/messaging';
import { OrderStatus } from '@hub/order-model';
import { orderCreatedEvent, receivingActor } from '../../order-events';
import { OrdersRepository } from '../../orders.repository';

/**
 * Puts a received order in the order table at once, before its mapping is known, so no order is
 * invisible while it waits. Whichever of order-received and order-mapped arrives first creates it.
 */
@Injectable()
export class RecordReceivedOrderUseCase {
  constructor(
    private readonly tx: EventTransaction,
    private readonly orders: OrdersRepository,
  ) {}

  async execute(event: EventEnvelope<IntakeOrderReceivedV1>, inbox: InboxKey): Promise<void> {
    const { order: draft } = event.payload;
    await this.tx.run(async ({ manager, emit }) => {
      const id = await this.orders.createIfAbsent(manager, draft, {
        mapped: false,
        attention: null,
        correlationId: event.correlationId,
      });
      if (!id) return;
      const at = new Date();
      await this.orders.recordStatus(
        manager,
        id,
        null,
        OrderStatus.RECEIVED,
        receivingActor(draft.channel),
        undefined,
        at,
      );
      const order = await this.orders.lockById(manager, id);
      emit(orderCreatedEvent(order!, event.id));
    }, inbox);
  }
}
