import { BadRequestException, Injectable } from '@nestjs/common';
import type { Principal } from '@hub/auth';
import { EventTransaction } from '@hub/messaging';
import {
  AggregateAccumulator,
  orderContribution,
  stationContribution,
} from '../../../read-model/contributions';
import { isIanaTimeZone } from '../../../read-model/local-time.util';
import { placeOrder } from '../../../read-model/order-fact';
import { ReadModelRepository } from '../../../read-model/read-model.repository';
import { placeTicket } from '../../../read-model/ticket-fact';
import type { SetVenueTimeZoneResultDto } from '../../dto/venue.dto';

/**
 * Sets a venue's time zone. The aggregates are kept per venue-local hour, so when the zone changes
 * the venue's orders and tickets move to their new local hours and the venue's aggregates are summed
 * again from its facts, all in one transaction that holds the venue's row: events of the venue wait
 * for it (they share-lock the row) and never mix the two zones.
 */
@Injectable()
export class SetVenueTimeZoneUseCase {
  constructor(
    private readonly tx: EventTransaction,
    private readonly readModel: ReadModelRepository,
  ) {}

  async execute(venueId: string, timeZone: string, principal: Principal): Promise<SetVenueTimeZoneResultDto> {
    if (!isIanaTimeZone(timeZone)) {
      throw new BadRequestException(
        `timeZone must be an IANA time zone name such as Asia/Kolkata or America/New_York, not ${JSON.stringify(timeZone)}`,
      );
    }
    const outcome = await this.tx.run(async ({ manager }) => {
      const current = await this.readModel.lockVenue(manager, venueId);
      await this.readModel.setVenueTimeZone(manager, venueId, timeZone, principal.sub);
      if (current === timeZone) return { rebucketedOrders: 0, rebucketedTickets: 0 };
      const orders = (await this.readModel.venueOrderFacts(manager, venueId)).map((f) =>
        placeOrder(f, timeZone),
      );
      const tickets = (await this.readModel.venueTicketFacts(manager, venueId)).map((f) =>
        placeTicket(f, timeZone),
      );
      const sums = new AggregateAccumulator();
      for (const order of orders) sums.addOrder(orderContribution(order));
      for (const ticket of tickets) sums.addStation(stationContribution(ticket));
      await this.readModel.deleteVenueAggregates(manager, venueId);
      await this.readModel.updateBuckets(manager, orders, tickets);
      await this.readModel.applyDeltas(manager, sums.deltas());
      return { rebucketedOrders: orders.length, rebucketedTickets: tickets.length };
    });
    if (outcome.duplicate) throw new Error('unreachable: no inbox key');
    return {
      venueId,
      timeZone,
      timeZoneSetBy: principal.sub,
      updatedAt: new Date().toISOString(),
      ...outcome.result,
    };
  }
}
