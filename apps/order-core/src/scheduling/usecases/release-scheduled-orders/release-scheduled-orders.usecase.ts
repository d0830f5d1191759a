import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { createEnvelope, ORDERS_RELEASED_V1, OrderReleasedV1 } from '@hub/contracts';
import { EventTransaction } from '@hub/messaging';
import { orderMeta } from '../../../orders/order-events';
import { toCanonicalOrder } from '../../../orders/orders.mapper';
import { OrdersRepository } from '../../../orders/orders.repository';

/**
 * Releases held scheduled orders to the kitchen when their time comes (scheduled time minus
 * preparation time): `orders.v1.released`, on which kot-router fires their tickets. Replicas share the
 * sweep (SKIP LOCKED); an order cancelled while held is never released.
 */
@Injectable()
export class ReleaseScheduledOrdersUseCase implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ReleaseScheduledOrdersUseCase.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly tx: EventTransaction,
    private readonly orders: OrdersRepository,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.sweep(), 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  sweep(): Promise<number> {
    this.running ??= this.releaseDue()
      .catch((error: Error) => {
        this.logger.warn(`release sweep failed, will retry: ${error.message}`);
        return 0;
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private async releaseDue(): Promise<number> {
    let released = 0;
    for (;;) {
      const outcome = await this.tx.run(async ({ manager, emit }) => {
        const [due]: Array<{ id: string }> = await manager.query(
          `SELECT id FROM orders WHERE fire_at <= now() AND released_at IS NULL AND status = 'accepted'
            ORDER BY fire_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
        );
        if (!due) return false;
        const order = (await this.orders.lockById(manager, due.id))!;
        const at = new Date();
        await manager.query('UPDATE orders SET released_at = $2 WHERE id = $1', [order.id, at]);
        emit(
          createEnvelope<OrderReleasedV1>(
            ORDERS_RELEASED_V1,
            { order: toCanonicalOrder(order, order.items), at: at.toISOString() },
            orderMeta(order, order.id),
          ),
        );
        return true;
      });
      if (outcome.duplicate || !outcome.result) return released;
      released += 1;
    }
  }
}
