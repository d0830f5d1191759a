import { ConflictException } from '@nestjs/common';
import { OrderStatus } from '@hub/order-model';

/** Statuses in which an order's lines and priority may still change: the kitchen has not finished it. */
export const OPEN_ORDER_STATUSES: readonly OrderStatus[] = [
  OrderStatus.RECEIVED,
  OrderStatus.ACCEPTED,
  OrderStatus.IN_PREPARATION,
];

export enum OrderChangeExceptionCode {
  NOT_OPEN = 'NOT_OPEN',
  NOT_MAPPED = 'NOT_MAPPED',
  LINE_EXISTS = 'LINE_EXISTS',
  LINE_NOT_LIVE = 'LINE_NOT_LIVE',
  LAST_LINE = 'LAST_LINE',
}

function message(code: OrderChangeExceptionCode, orderId: string, detail: string): string {
  switch (code) {
    case OrderChangeExceptionCode.NOT_OPEN:
      return `order ${orderId} is ${detail}: lines and priority change only while it is ${OPEN_ORDER_STATUSES.join(', ')}`;
    case OrderChangeExceptionCode.NOT_MAPPED:
      return `order ${orderId} waits for its menu mapping: change its lines once it is mapped`;
    case OrderChangeExceptionCode.LINE_EXISTS:
      return `order ${orderId} has (or had) line ${detail} already: give new lines new lineIds`;
    case OrderChangeExceptionCode.LINE_NOT_LIVE:
      return `order ${orderId} has no live line ${detail}`;
    case OrderChangeExceptionCode.LAST_LINE:
      return `line ${detail} is the last live line of order ${orderId}: cancel the order instead (POST /v1/orders/${orderId}/status)`;
  }
}

/** A line or priority change the order's state refuses (409); the order stays as it was. */
export class OrderChangeConflictException extends ConflictException {
  constructor(
    readonly code: OrderChangeExceptionCode,
    orderId: string,
    detail = '',
  ) {
    super(message(code, orderId, detail));
  }
}

/** 409 unless the order is still open (OPEN_ORDER_STATUSES): its lines and priority may change. */
export function assertOrderOpen(order: { id: string; status: OrderStatus }): void {
  if (!OPEN_ORDER_STATUSES.includes(order.status))
    throw new OrderChangeConflictException(OrderChangeExceptionCode.NOT_OPEN, order.id, order.status);
}
