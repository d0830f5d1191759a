import { Injectable } from '@nestjs/common';
import type {
  EventEnvelope,
  OrderCreatedV1,
  OrderItemsAddedV1,
  OrderItemsVoidedV1,
  OrderPaymentChangedV1,
  OrderStatusChangedV1,
} from '@hub/contracts';
import { EventTransaction, InboxKey } from '@hub/messaging';
import { AggregateAccumulator } from '../../../read-model/contributions';
import { FactWriterService } from '../../../read-model/fact-writer.service';
import {
  OrderFact,
  withLinesVoided,
  withOrder,
  withPayment,
  withStatus,
} from '../../../read-model/order-fact';
import { ReadModelRepository } from '../../../read-model/read-model.repository';

/** orders.v1.* → the order's fact and its hour's aggregates, once per event (inbox). */
@Injectable()
export class ProjectOrderEventUseCase {
  constructor(
    private readonly tx: EventTransaction,
    private readonly readModel: ReadModelRepository,
    private readonly facts: FactWriterService,
  ) {}

  created(event: EventEnvelope<OrderCreatedV1>, inbox: InboxKey): Promise<boolean> {
    const { order } = event.payload;
    return this.project(event.venueId, order.id, inbox, (fact) => withOrder(fact, order));
  }

  statusChanged(event: EventEnvelope<OrderStatusChangedV1>, inbox: InboxKey): Promise<boolean> {
    const { order, to, at } = event.payload;
    return this.project(event.venueId, event.payload.orderId, inbox, (fact) =>
      withStatus(withOrder(fact, order), to, new Date(at)),
    );
  }

  /** Lines added: the order's lines, items and total as it now stands (its revenue once completed). */
  itemsAdded(event: EventEnvelope<OrderItemsAddedV1>, inbox: InboxKey): Promise<boolean> {
    const { order } = event.payload;
    return this.project(event.venueId, event.payload.orderId, inbox, (fact) => withOrder(fact, order));
  }

  /** Lines voided: the order as it now stands, and the voided lines counted with their value. */
  itemsVoided(event: EventEnvelope<OrderItemsVoidedV1>, inbox: InboxKey): Promise<boolean> {
    const { order, items } = event.payload;
    return this.project(event.venueId, event.payload.orderId, inbox, (fact) =>
      withLinesVoided(withOrder(fact, order), items),
    );
  }

  paymentChanged(event: EventEnvelope<OrderPaymentChangedV1>, inbox: InboxKey): Promise<boolean> {
    const { position, entry } = event.payload;
    return this.project(event.venueId, event.payload.orderId, inbox, (fact) =>
      withPayment(fact, position, new Date(entry.at)),
    );
  }

  private async project(
    venueId: string,
    orderId: string,
    inbox: InboxKey,
    change: (fact: OrderFact) => OrderFact,
  ): Promise<boolean> {
    const outcome = await this.tx.run(async ({ manager }) => {
      const timeZone = await this.readModel.venueTimeZone(manager, venueId);
      const deltas = new AggregateAccumulator();
      await this.facts.changeOrder(manager, deltas, { orderId, venueId, timeZone }, change);
      await this.readModel.applyDeltas(manager, deltas.deltas());
    }, inbox);
    return !outcome.duplicate;
  }
}
