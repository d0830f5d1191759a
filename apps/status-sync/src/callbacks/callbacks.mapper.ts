import type { CallbackOrder } from '@hub/aggregators';
import type { CanonicalOrderDto } from '@hub/contracts';
import type { AttemptRow, CallbackRow, StorePayload } from './callback.type';
import type { CallbackAttemptViewDto, CallbackDto } from './dto/callbacks.dto';

const iso = (value: Date | null): string | undefined => (value ? new Date(value).toISOString() : undefined);

/** A callback as the API shows it: never its payload (a notification's carries the customer). */
export function toCallbackDto(row: CallbackRow, attempts: AttemptRow[]): CallbackDto {
  const pending = row.state === 'pending' || row.state === 'failed';
  return {
    id: row.id,
    kind: row.kind,
    target: row.target,
    venueId: row.venue_id,
    ...(row.order_id ? { orderId: row.order_id } : {}),
    ...(row.external_id ? { externalId: row.external_id } : {}),
    ...(row.status ? { status: row.status } : {}),
    ...(row.item_code ? { itemCode: row.item_code } : {}),
    ...(row.kind === 'store' ? storeView(row.payload as StorePayload) : {}),
    state: row.state,
    attempts: row.attempts,
    ...(pending ? { nextAttemptAt: iso(row.next_attempt_at) } : {}),
    ...(row.last_http_status ? { lastHttpStatus: row.last_http_status } : {}),
    ...(row.last_reason ? { lastReason: row.last_reason } : {}),
    ...(row.result_ref ? { resultRef: row.result_ref } : {}),
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    ...(row.sent_at ? { sentAt: iso(row.sent_at) } : {}),
    ...(row.dead_at ? { deadAt: iso(row.dead_at) } : {}),
    attemptLog: attempts.map((a): CallbackAttemptViewDto => ({
      attempt: a.attempt,
      startedAt: iso(a.started_at)!,
      ...(a.finished_at ? { finishedAt: iso(a.finished_at) } : {}),
      ...(a.http_status ? { httpStatus: a.http_status } : {}),
      ...(a.outcome ? { outcome: a.outcome } : {}),
      ...(a.reason ? { reason: a.reason } : {}),
      ...(a.action ? { action: a.action } : {}),
    })),
  };
}

/** What a store callback is about (no customer data in it). */
function storeView(payload: StorePayload): Pick<CallbackDto, 'aspect' | 'scheduled'> {
  return { aspect: payload.aspect, ...(payload.scheduled ? { scheduled: true } : {}) };
}

/** What a platform callback knows of an order: its identity and lines, never the customer. */
export function callbackOrderOf(order: CanonicalOrderDto): CallbackOrder {
  return {
    id: order.id,
    externalId: order.externalId,
    ...(order.displayNumber ? { displayNumber: order.displayNumber } : {}),
    orderType: order.orderType,
    items: order.items.map((item) => ({ externalCode: item.externalCode, quantity: item.quantity })),
  };
}
