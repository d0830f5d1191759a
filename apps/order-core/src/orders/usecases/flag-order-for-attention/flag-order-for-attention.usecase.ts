import { Injectable } from '@nestjs/common';
import type { EventEnvelope, MenuOrderNeedsAttentionV1 } from '@hub/contracts';
import { EventTransaction, InboxKey } from '@hub/messaging';
import { orderCreatedEvent, receivingActor } from '../../order-events';
import { OrdersRepository } from '../../orders.repository';

/** Keeps an order that could not be mapped in the table with its reasons, visible to staff. Never dropped. */
@Injectable()
export class FlagOrderForAttentionUseCase {
  constructor(
    private readonly tx: EventTransaction,
    private readonly orders: OrdersRepository,
  ) {}

  async execute(event: EventEnvelope<MenuOrderNeedsAttentionV1>, inbox: InboxKey): Promise<void> {
    const { order: draft, reasons } = event.payload;
    const key = { channel: draft.channel, venueId: draft.venueId, externalId: draft.externalId };
    await this.tx.run(async ({ manager, emit }) => {
      const created = await this.orders.createIfAbsent(
        manager,
        draft,
        { mapped: false, attention: reasons, correlationId: event.correlationId },
        receivingActor(draft.channel),
      );
      if (created) {
        emit(orderCreatedEvent(created, event.id));
        return;
      }
      const order = await this.orders.lockByKey(manager, key);
      if (order && !order.mapped) await this.orders.setAttention(manager, order.id, reasons);
    }, inbox);
  }
}
