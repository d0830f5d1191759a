import { randomUUID } from 'node:crypto';
import type { OrderDraftDto } from '@hub/contracts';
import { OrderType } from '@hub/order-model';

/**
 * A valid canonical order as a channel hands it in: one line of Dal (26000 paise) at the curry
 * station, totals that add up, a fresh raw delivery id. Override what a test is about.
 */
export function orderDraft(
  overrides: Partial<OrderDraftDto> & Pick<OrderDraftDto, 'venueId' | 'externalId'>,
): OrderDraftDto {
  const channel = overrides.channel ?? 'qr';
  return {
    channel,
    orderType: OrderType.DINE_IN,
    placedAt: new Date().toISOString(),
    customer: { name: 'Table 9' },
    items: [
      {
        lineId: '1',
        externalCode: 'DAL',
        name: 'Dal',
        quantity: 1,
        unitPrice: 26000,
        modifiers: [],
        station: 'curry',
      },
    ],
    totals: { subtotal: 26000, tax: 0, discount: 0, deliveryFee: 0, tip: 0, total: 26000, currency: 'INR' },
    source: { platform: channel, storeRef: overrides.venueId, rawDeliveryId: randomUUID() },
    ...overrides,
  };
}
