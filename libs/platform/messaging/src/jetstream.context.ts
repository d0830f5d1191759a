import { BaseRpcContext } from '@nestjs/microservices';
import type { InboxKey } from './event-transaction';

export interface JetStreamContextArgs {
  subject: string;
  consumer: string;
  eventId: string;
  deliveryCount: number;
  maxDeliveries: number;
}

/** What an @EventPattern handler can learn about the delivery: `@Ctx() ctx: JetStreamContext`. */
export class JetStreamContext extends BaseRpcContext<[JetStreamContextArgs]> {
  get subject(): string {
    return this.args[0].subject;
  }

  get deliveryCount(): number {
    return this.args[0].deliveryCount;
  }

  /** true on the last delivery: a handler that fails now sends the message to the dead letters */
  get isLastDelivery(): boolean {
    return this.args[0].deliveryCount >= this.args[0].maxDeliveries;
  }

  /** the inbox key to pass to EventTransaction.run, so the event is applied once */
  get inboxKey(): InboxKey {
    const { consumer, eventId, subject } = this.args[0];
    return { consumer, eventId, subject };
  }
}
