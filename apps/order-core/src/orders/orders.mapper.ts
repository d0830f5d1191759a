import type { CanonicalOrderDto, OrderItemDto } from '@hub/contracts';
import { OrderPriority, PaymentStatus } from '@hub/order-model';
import { OrderItemEntity } from './entities/order-item.entity';
import type { OrderEntity } from './entities/order.entity';

/** Row → canonical order, as events and the API carry it. */
export function toCanonicalOrder(order: OrderEntity, items: OrderItemEntity[]): CanonicalOrderDto {
  return {
    id: order.id,
    venueId: order.venueId,
    channel: order.channel,
    externalId: order.externalId,
    displayNumber: order.displayNumber,
    orderType: order.orderType as CanonicalOrderDto['orderType'],
    status: order.status,
    placedAt: order.placedAt.toISOString(),
    ...(order.scheduledFor ? { scheduledFor: order.scheduledFor.toISOString() } : {}),
    customer: order.customer,
    items: [...items]
      .sort((a, b) => a.position - b.position)
      .map((item) => ({
        lineId: item.lineId,
        ...(item.menuItemId ? { menuItemId: item.menuItemId } : {}),
        externalCode: item.externalCode,
        name: item.name,
        quantity: item.quantity,
        unitPrice: item.unitPrice,
        modifiers: item.modifiers,
        ...(item.notes ? { notes: item.notes } : {}),
        ...(item.station ? { station: item.station } : {}),
      })),
    totals: order.totals,
    payment: order.payment ?? { status: PaymentStatus.PENDING, payments: [] },
    ...(order.notes ? { notes: order.notes } : {}),
    ...(order.allergens ? { allergens: order.allergens } : {}),
    source: order.source,
    ...(order.priority && order.priority !== OrderPriority.NORMAL ? { priority: order.priority } : {}),
  };
}

/** A canonical line → its order_items row, at `position` in the order. */
export function toOrderItemEntity(orderId: string, item: OrderItemDto, position: number): OrderItemEntity {
  return Object.assign(new OrderItemEntity(), {
    orderId,
    lineId: item.lineId,
    position,
    menuItemId: item.menuItemId ?? null,
    externalCode: item.externalCode,
    name: item.name,
    quantity: item.quantity,
    unitPrice: item.unitPrice,
    modifiers: item.modifiers,
    notes: item.notes ?? null,
    station: item.station ?? null,
  });
}
