import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Counter } from 'prom-client';
import { EventTransaction } from '@hub/messaging';
import { ActorType, OrderStatus } from '@hub/order-model';
import { OrdersRepository } from '../../../orders/orders.repository';
import { ChangeOrderStatusUseCase } from '../../../orders/usecases/change-order-status/change-order-status.usecase';
import { AcceptancePoliciesRepository } from '../../acceptance-policies.repository';

const escalated = new Counter({
  name: 'hub_orders_escalated_total',
  help: 'Orders not accepted by staff before their deadline, by the action taken',
  labelNames: ['action'] as const,
});

const DEADLINE_ACTOR = { type: ActorType.SYSTEM, id: 'order-core:acceptance-deadline' };

/**
 * Orders waiting for staff past their acceptance deadline are escalated: the venue's configured action
 * (accept or reject) is taken, recorded on the order's timeline with the reason. Replicas share the
 * sweep (SKIP LOCKED).
 */
@Injectable()
export class EnforceAcceptanceDeadlinesUseCase implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(EnforceAcceptanceDeadlinesUseCase.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly tx: EventTransaction,
    private readonly orders: OrdersRepository,
    private readonly policies: AcceptancePoliciesRepository,
    private readonly changeStatus: ChangeOrderStatusUseCase,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.sweep(), 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass; returns how many orders were escalated. */
  sweep(): Promise<number> {
    this.running ??= this.escalateDue()
      .catch((error: Error) => {
        this.logger.warn(`acceptance deadline sweep failed, will retry: ${error.message}`);
        return 0;
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private async escalateDue(): Promise<number> {
    let count = 0;
    for (;;) {
      const outcome = await this.tx.run(async ({ manager, emit }) => {
        const [due]: Array<{ id: string }> = await manager.query(
          `SELECT id FROM orders WHERE status = 'received' AND accept_by < now() ORDER BY accept_by LIMIT 1 FOR UPDATE SKIP LOCKED`,
        );
        if (!due) return false;
        const order = (await this.orders.lockById(manager, due.id))!;
        const policy = await this.policies.policyFor(manager, order.venueId, order.channel);
        const target = policy.onTimeout === 'accept' ? OrderStatus.ACCEPTED : OrderStatus.REJECTED;
        await manager.query('UPDATE orders SET accept_by = NULL WHERE id = $1', [order.id]);
        const reason = `not accepted by staff within ${policy.deadlineSeconds} s: escalated, ${policy.onTimeout}ed automatically`;
        await this.changeStatus.move(manager, order, target, DEADLINE_ACTOR, reason, randomUUID(), emit);
        escalated.inc({ action: policy.onTimeout });
        this.logger.warn(`order ${order.id} at ${order.venueId} ${reason}`);
        return true;
      });
      if (outcome.duplicate || !outcome.result) return count;
      count += 1;
    }
  }
}
