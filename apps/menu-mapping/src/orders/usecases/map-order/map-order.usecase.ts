import { Inject, Injectable } from '@nestjs/common';
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
import { SeenOrdersRepository } from '../../../mapping/seen-orders.repository';
import { MENU_SETTINGS } from '../../../settings/constants/menu-settings.constant';
import type { MenuSettings } from '../../../settings/menu-settings';
import { AttentionOrdersRepository } from '../../attention-orders.repository';
import { OrderValidator } from '../../order-validator';

/**
 * Validates a received order (every line and modifier resolved through the platform mapping or the
 * internal code, availability, modifier min/max, prices) and emits order-mapped, or
 * order-needs-attention with every reason while keeping the order for a person. Either way the
 * order joins the venue's recent orders for mapping dry runs. One transaction with the inbox row.
 */
@Injectable()
export class MapOrderUseCase {
  constructor(
    private readonly tx: EventTransaction,
    private readonly validator: OrderValidator,
    private readonly seen: SeenOrdersRepository,
    private readonly attention: AttentionOrdersRepository,
    @Inject(MENU_SETTINGS) private readonly settings: MenuSettings,
  ) {}

  async execute(event: EventEnvelope<IntakeOrderReceivedV1>, inbox: InboxKey): Promise<void> {
    const { order } = event.payload;
    const meta = causedBy(event, 'order', `${order.channel}:${order.externalId}`);
    await this.tx.run(async ({ manager, emit }) => {
      const result = await this.validator.validate(order, manager);
      await this.seen.record(
        manager,
        order,
        result.ok ? 'mapped' : 'needs_attention',
        this.settings.recentOrdersPerVenue,
      );
      if (result.ok) {
        const envelope = createEnvelope<MenuOrderMappedV1>(
          MENU_ORDER_MAPPED_V1,
          { order: result.order },
          meta,
        );
        // the same order delivered again after its mapping was fixed: it flows on once, not again on re-inject
        const waiting = await this.attention.lockWaitingByKey(manager, order);
        if (waiting) {
          await this.attention.markResolved(
            manager,
            waiting.id,
            'system:redelivery',
            { redelivered: event.id },
            envelope.id,
          );
        }
        emit(envelope);
        return;
      }
      await this.attention.saveWaiting(manager, order, result.reasons, event);
      emit(
        createEnvelope<MenuOrderNeedsAttentionV1>(
          MENU_ORDER_NEEDS_ATTENTION_V1,
          { order, reasons: result.reasons },
          meta,
        ),
      );
    }, inbox);
  }
}
