import { Module } from '@nestjs/common';
import { KitchenGateway } from './kitchen.gateway';
import { TicketsHandlers } from './tickets.handlers';
import { TicketsRepository } from './tickets.repository';
import { AcknowledgeTicketUseCase } from './usecases/update-ticket/acknowledge-ticket.usecase';
import { BumpTicketUseCase } from './usecases/update-ticket/bump-ticket.usecase';
import { RouteOrderTicketsUseCase } from './usecases/route-order-tickets/route-order-tickets.usecase';

@Module({
  controllers: [TicketsHandlers],
  providers: [
    TicketsRepository,
    KitchenGateway,
    RouteOrderTicketsUseCase,
    BumpTicketUseCase,
    AcknowledgeTicketUseCase,
  ],
})
export class TicketsModule {}
