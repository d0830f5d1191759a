import { Controller, UseFilters } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { VenueScoped } from '@hub/auth';
import {
  EventEnvelope,
  KOT_TICKET_PRINTED_V1,
  STATUS_CALLBACK_DELIVERED_V1,
  StatusCallbackDeliveredV1,
  TicketPrintedV1,
} from '@hub/contracts';
import { JetStreamContext, PassRpcErrorsFilter } from '@hub/messaging';
import { RecordHopUseCase } from './usecases/record-hop/record-hop.usecase';

/** Hops of other services on the order's way: events act on the venue named in their envelope. */
@Controller()
@UseFilters(PassRpcErrorsFilter)
@VenueScoped({ from: 'record' })
export class LedgerHandlers {
  constructor(private readonly recordHop: RecordHopUseCase) {}

  @EventPattern(KOT_TICKET_PRINTED_V1)
  onTicketPrinted(
    @Payload() event: EventEnvelope<TicketPrintedV1>,
    @Ctx() ctx: JetStreamContext,
  ): Promise<void> {
    return this.recordHop.printed(event, ctx.inboxKey);
  }

  @EventPattern(STATUS_CALLBACK_DELIVERED_V1)
  onCallbackDelivered(
    @Payload() event: EventEnvelope<StatusCallbackDeliveredV1>,
    @Ctx() ctx: JetStreamContext,
  ): Promise<void> {
    return this.recordHop.platformAcked(event, ctx.inboxKey);
  }
}
