import { Injectable } from '@nestjs/common';
import type { EventEnvelope, MenuOrderMappedV1 } from '@hub/contracts';
import { EventTransaction, InboxKey } from '@hub/messaging';
import { ActorType, OrderStatus } from '@hub/order-model';
import { orderCreatedEvent, receivingActor } from '../../order-events';
import { OrdersRepository } from '../../orders.repository';
import { ChangeOrderStatusUseCase } from '../change-order-status/change-order-status.usecase';

const AUTO_ACCEPT = { type: ActorType.SYSTEM, id: 'order-core:auto-accept' };

/**
 * Applies menu-mapping's result: the order's lines get their menu ids and stations (creating the
 * order if order-received has not arrived yet), attention is cleared, and the order is accepted,
 * which fires its tickets. A mapping that arrives again changes nothing.
 */
@Injectable()
export class ApplyOrderMappingUseCase {
  constructor(
    private readonly tx: EventTransaction,
    private readonly orders: OrdersRepository,
    private readonly changeStatus: ChangeOrderStatusUseCase,
  ) {}

  async execute(event: EventEnvelope<MenuOrderMappedV1>, inbox: InboxKey): Promise<void> {
    const { order: draft } = event.payload;
    const key = { channel: draft.channel, venueId: draft.venueId, externalId: draft.externalId };
    await this.tx.run(async ({ manager, emit }) => {
      let order = await this.orders.lockByKey(manager, key);
      if (!order) {
        const id = await this.orders.createIfAbsent(manager, draft, {
          mapped: true,
          attention: null,
          correlationId: event.correlationId,
        });
        if (id)
          await this.orders.recordStatus(
            manager,
            id,
            null,
            OrderStatus.RECEIVED,
            receivingActor(draft.channel),
            undefined,
            new Date(),
          );
        order = (await this.orders.lockByKey(manager, key))!;
        if (id) emit(orderCreatedEvent(order, event.id));
      }
      if (!order.mapped) {
        await this.orders.applyMapping(manager, order.id, draft.items);
        order = (await this.orders.lockById(manager, order.id))!;
      } else if (order.status !== OrderStatus.RECEIVED) {
        return; // mapped and moved on already
      }
      if (order.status === OrderStatus.RECEIVED) {
        await this.changeStatus.move(
          manager,
          order,
          OrderStatus.ACCEPTED,
          AUTO_ACCEPT,
          undefined,
          event.id,
          emit,
        );
      }
    }, inbox);
  }
}
