import { Injectable } from '@nestjs/common';
import {
  causedBy,
  createEnvelope,
  EventEnvelope,
  IntakeOrderReceivedV1,
  MENU_ORDER_MAPPED_V1,
  MENU_ORDER_NEEDS_ATTENTION_V1,
  MenuOrderMappedV1,
  MenuOrderNeedsAttentionV1,
} from '@hub/contracts';
import { EventTransaction, InboxKey } from '@hub/messaging';
import { MenuItemsRepository } from '../../menu-items.repository';
import { resolveOrderLines } from './resolve-order-lines';

/** Resolves a received order against the venue's menu; emits order-mapped, or order-needs-attention with every reason. */
@Injectable()
export class MapOrderUseCase {
  constructor(
    private readonly tx: EventTransaction,
    private readonly items: MenuItemsRepository,
  ) {}

  async execute(event: EventEnvelope<IntakeOrderReceivedV1>, inbox: InboxKey): Promise<void> {
    const { order } = event.payload;
    const codes = [...new Set(order.items.map((line) => line.externalCode))];
    const menu = await this.items.findByCodes(order.venueId, codes);
    const resolution = resolveOrderLines(order, menu);
    const meta = causedBy(event, 'order', `${order.channel}:${order.externalId}`);
    await this.tx.run(async ({ emit }) => {
      emit(
        resolution.ok
          ? createEnvelope<MenuOrderMappedV1>(MENU_ORDER_MAPPED_V1, { order: resolution.order }, meta)
          : createEnvelope<MenuOrderNeedsAttentionV1>(
              MENU_ORDER_NEEDS_ATTENTION_V1,
              { order, reasons: resolution.reasons },
              meta,
            ),
      );
    }, inbox);
  }
}
