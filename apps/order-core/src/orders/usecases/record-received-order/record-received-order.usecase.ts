import { Injectable } from '@nestjs/common';
import type { EventEnvelope, IntakeOrderReceivedV1 } from '@hub/contracts';
import { EventTransaction, InboxKey } from '@hub/messaging';
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
      const order = await this.orders.createIfAbsent(
        manager,
        draft,
        { mapped: false, attention: null, correlationId: event.correlationId },
        receivingActor(draft.channel),
      );
      if (order) emit(orderCreatedEvent(order, event.id));
    }, inbox);
  }
}
