import { Controller, UseFilters } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { VenueScoped } from '@hub/auth';
import { EventEnvelope, INTAKE_ORDER_RECEIVED_V1, IntakeOrderReceivedV1 } from '@hub/contracts';
import { JetStreamContext, PassRpcErrorsFilter } from '@hub/messaging';
import { MapOrderUseCase } from './usecases/map-order/map-order.usecase';

/** Events act on the venue named in their envelope. */
@Controller()
@UseFilters(PassRpcErrorsFilter)
@VenueScoped({ from: 'record' })
export class OrdersHandlers {
  constructor(private readonly mapOrder: MapOrderUseCase) {}

  @EventPattern(INTAKE_ORDER_RECEIVED_V1)
  onOrderReceived(
    @Payload() event: EventEnvelope<IntakeOrderReceivedV1>,
    @Ctx() ctx: JetStreamContext,
  ): Promise<void> {
    return this.mapOrder.execute(event, ctx.inboxKey);
  }
}
