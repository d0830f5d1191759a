import { Injectable } from '@nestjs/common';
import type { EventEnvelope, KitchenTicketV1, OrderPriorityChangedV1 } from '@hub/contracts';
import { EventTransaction, InboxKey } from '@hub/messaging';
import { KitchenOrdersRepository } from '../../kitchen-orders.repository';
import { rerank } from '../../kitchen-schedule.util';
import { TicketsRepository } from '../../tickets.repository';

/**
 * An order became rush or VIP (or normal again): its open tickets at every station take their new
 * place in the order of work, and are shown again so screens re-sort them. Tickets fired later take
 * the priority from the order's kitchen record.
 */
@Injectable()
export class RerankOrderTicketsUseCase {
  constructor(
    private readonly tx: EventTransaction,
    private readonly tickets: TicketsRepository,
    private readonly kitchenOrders: KitchenOrdersRepository,
  ) {}

  async execute(event: EventEnvelope<OrderPriorityChangedV1>, inbox: InboxKey): Promise<KitchenTicketV1[]> {
    const { orderId, to } = event.payload;
    const outcome = await this.tx.run(async ({ manager }) => {
      await this.kitchenOrders.setPriority(manager, orderId, to);
      return this.tickets.rerankOpen(
        manager,
        orderId,
        (startBy) => rerank(startBy, to),
        to === 'normal' ? undefined : to,
      );
    }, inbox);
    return outcome.duplicate ? [] : outcome.result;
  }
}
