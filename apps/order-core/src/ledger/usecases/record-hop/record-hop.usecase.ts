import { Injectable, Logger } from '@nestjs/common';
import type { EventEnvelope, StatusCallbackDeliveredV1, TicketPrintedV1 } from '@hub/contracts';
import { EventTransaction, InboxKey } from '@hub/messaging';
import { ActorType } from '@hub/order-model';
import { OrderHopsRepository } from '../../order-hops.repository';

/**
 * The ledger's hops reported by other services, recorded on the order's timeline once each (inbox):
 * a ticket printed (kot-router), a status acknowledged by the platform (status-sync). A hop of an
 * order order-core does not hold is logged and dropped: there is no timeline to put it on.
 */
@Injectable()
export class RecordHopUseCase {
  private readonly logger = new Logger(RecordHopUseCase.name);

  constructor(
    private readonly tx: EventTransaction,
    private readonly hops: OrderHopsRepository,
  ) {}

  async printed(event: EventEnvelope<TicketPrintedV1>, inbox: InboxKey): Promise<void> {
    const { ticketId, orderId, station, printerId, jobId, printedAt, reprint } = event.payload;
    await this.tx.run(async ({ manager }) => {
      const recorded = await this.hops.record(manager, {
        orderId,
        kind: 'ticket_printed',
        ticketId,
        actor: { type: ActorType.STATION, id: station },
        detail: { ticketId, station, printerId, jobId, reprint },
        at: new Date(printedAt),
      });
      if (!recorded) this.logger.warn(`printed ticket ${ticketId} names order ${orderId}, which is not here`);
    }, inbox);
  }

  async platformAcked(event: EventEnvelope<StatusCallbackDeliveredV1>, inbox: InboxKey): Promise<void> {
    const { callbackId, orderId, platform, status, attempts, deliveredAt, httpStatus } = event.payload;
    await this.tx.run(async ({ manager }) => {
      const recorded = await this.hops.record(manager, {
        orderId,
        kind: 'platform_acked',
        actor: { type: ActorType.PLATFORM, id: platform },
        detail: { callbackId, status, attempts, httpStatus },
        at: new Date(deliveredAt),
      });
      if (!recorded)
        this.logger.warn(`callback ${callbackId} acknowledged order ${orderId}, which is not here`);
    }, inbox);
  }
}
