import { DynamicModule, Module } from '@nestjs/common';
import { PrintJobsRepository } from '../stations/print-jobs.repository';
import { PrintQueue } from '../stations/print-queue';
import { PrintingHandlers } from '../stations/printing.handlers';
import { StationsController } from '../stations/stations.controller';
import { StationsRepository } from '../stations/stations.repository';
import { PrintTicketUseCase } from '../stations/usecases/print-ticket/print-ticket.usecase';
import { ReprintTicketUseCase } from '../stations/usecases/reprint-ticket/reprint-ticket.usecase';
import { KITCHEN_SETTINGS, KitchenGateway, KitchenSettings } from './kitchen.gateway';
import {
  KITCHEN_SOCKET_SETTINGS,
  KitchenSocketAdapter,
  KitchenSocketSettings,
} from './kitchen-socket.adapter';
import { ShownTickets } from './shown-tickets';
import { TicketsHandlers } from './tickets.handlers';
import { TicketsRepository } from './tickets.repository';
import { AcknowledgeTicketUseCase } from './usecases/update-ticket/acknowledge-ticket.usecase';
import { BumpTicketUseCase } from './usecases/update-ticket/bump-ticket.usecase';
import { RecallTicketUseCase } from './usecases/update-ticket/recall-ticket.usecase';
import { KitchenOrdersRepository } from './kitchen-orders.repository';
import { RerankOrderTicketsUseCase } from './usecases/rerank-order-tickets/rerank-order-tickets.usecase';
import { RouteOrderTicketsUseCase } from './usecases/route-order-tickets/route-order-tickets.usecase';

@Module({
  // stations, routing and printing live beside tickets: routing reads the stations, printing reads the tickets
  controllers: [TicketsHandlers, StationsController, PrintingHandlers],
  providers: [
    TicketsRepository,
    KitchenGateway,
    ShownTickets,
    KitchenSocketAdapter,
    RouteOrderTicketsUseCase,
    RerankOrderTicketsUseCase,
    KitchenOrdersRepository,
    BumpTicketUseCase,
    AcknowledgeTicketUseCase,
    RecallTicketUseCase,
    StationsRepository,
    PrintJobsRepository,
    PrintQueue,
    PrintTicketUseCase,
    ReprintTicketUseCase,
  ],
})
export class TicketsModule {
  static forRoot(settings: KitchenSettings, socket: KitchenSocketSettings): DynamicModule {
    return {
      module: TicketsModule,
      providers: [
        { provide: KITCHEN_SETTINGS, useValue: settings },
        { provide: KITCHEN_SOCKET_SETTINGS, useValue: socket },
      ],
    };
  }
}
