import { Controller, UseFilters } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { VenueScoped } from '@hub/auth';
import { CMD_KOT_PRINT_V1, EventEnvelope, PrintTicketCommandV1 } from '@hub/contracts';
import { JetStreamContext, PassRpcErrorsFilter } from '@hub/messaging';
import { PrintTicketUseCase } from './usecases/print-ticket/print-ticket.usecase';

/** The print work queue: commands act on the venue named in their envelope. */
@Controller()
@UseFilters(PassRpcErrorsFilter)
@VenueScoped({ from: 'record' })
export class PrintingHandlers {
  constructor(private readonly printTicket: PrintTicketUseCase) {}

  @EventPattern(CMD_KOT_PRINT_V1)
  onPrint(
    @Payload() command: EventEnvelope<PrintTicketCommandV1>,
    @Ctx() ctx: JetStreamContext,
  ): Promise<void> {
    return this.printTicket.execute(command, ctx);
  }
}
