import { Injectable, Logger } from '@nestjs/common';
import type { EventEnvelope, IntakeStatusReceivedV1 } from '@hub/contracts';
import { EventTransaction, InboxKey } from '@hub/messaging';
import { ActorType } from '@hub/order-model';
import { OrdersRepository } from '../../orders.repository';
import { ChangeOrderStatusUseCase } from '../change-order-status/change-order-status.usecase';
import { platformUpdateTarget } from './platform-update-target';

/** A platform's update moves its order (customer cancellation, rider pickup, delivery), recorded with the platform as actor. */
@Injectable()
export class ApplyPlatformUpdateUseCase {
  private readonly logger = new Logger(ApplyPlatformUpdateUseCase.name);

  constructor(
    private readonly tx: EventTransaction,
    private readonly orders: OrdersRepository,
    private readonly changeStatus: ChangeOrderStatusUseCase,
  ) {}

  async execute(event: EventEnvelope<IntakeStatusReceivedV1>, inbox: InboxKey): Promise<void> {
    const { channel, venueId, externalId, update, reason } = event.payload;
    await this.tx.run(async ({ manager, emit }) => {
      const order = await this.orders.lockByKey(manager, { channel, venueId, externalId });
      if (!order) {
        this.logger.warn(
          `${channel} sent ${update} for order ${externalId}, which is not in the order table`,
        );
        return;
      }
      const target = platformUpdateTarget(update, order.status);
      if (!target) {
        this.logger.log(
          `${channel} sent ${update} for order ${order.id} while it is ${order.status}: status unchanged`,
        );
        return;
      }
      await this.changeStatus.move(
        manager,
        order,
        target,
        { type: ActorType.PLATFORM, id: channel },
        reason ?? `${channel}: ${update}`,
        event.id,
        emit,
      );
    }, inbox);
  }
}
