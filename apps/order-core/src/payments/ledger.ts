import { ConflictException, NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { assertVenueAccess, Principal, Role } from '@hub/auth';
import {
  createEnvelope,
  EventEnvelope,
  LedgerEntryDto,
  ORDERS_PAYMENT_CHANGED_V1,
  OrderPaymentChangedV1,
  PaymentPositionDto,
} from '@hub/contracts';
import { ActorType, paymentPosition, StatusActor } from '@hub/order-model';
import type { OrderEntity } from '../orders/entities/order.entity';
import { orderMeta } from '../orders/order-events';
import type { OrdersRepository } from '../orders/orders.repository';
import type { NewLedgerEntry, PaymentsRepository } from './payments.repository';

export interface LedgerState {
  order: OrderEntity;
  entries: LedgerEntryDto[];
  position: PaymentPositionDto;
}

/** The order (locked) with its ledger and position, for a caller allowed to see its venue. */
export async function loadLedger(
  orders: OrdersRepository,
  payments: PaymentsRepository,
  manager: EntityManager,
  orderId: string,
  principal: Principal,
): Promise<LedgerState> {
  const order = await orders.lockById(manager, orderId);
  if (!order) throw new NotFoundException(`order ${orderId} not found`);
  assertVenueAccess(principal, order.venueId);
  const entries = await payments.ledger(order.id, manager);
  return { order, entries, position: { ...paymentPosition(order.total, entries), currency: order.currency } };
}

export function actorOf(principal: Principal): StatusActor {
  return { type: principal.role === Role.STATION ? ActorType.STATION : ActorType.STAFF, id: principal.sub };
}

/**
 * Records a ledger entry and brings the order's payment summary and the bus up to date. Returns the
 * new state; a reference seen before records nothing and returns the state as it was.
 */
export async function appendToLedger(
  payments: PaymentsRepository,
  manager: EntityManager,
  state: LedgerState,
  entry: NewLedgerEntry,
  actor: StatusActor,
  causationId: string,
  emit: (envelope: EventEnvelope) => void,
): Promise<LedgerState & { entry: LedgerEntryDto; created: boolean }> {
  const recorded = await payments.record(manager, state.order.id, entry, actor);
  if (!recorded.created) return { ...state, ...recorded };
  const entries = [...state.entries, recorded.entry];
  const position = { ...paymentPosition(state.order.total, entries), currency: state.order.currency };
  const paid = entries.filter((e) => e.kind === 'payment');
  state.order.payment = {
    status: position.status,
    ...(paid[0]?.method ? { method: paid[0].method } : {}),
    payments: paid.map((e) => ({
      id: e.id,
      amount: e.amount,
      ...(e.method ? { method: e.method } : {}),
      ...(e.paidBy ? { paidBy: e.paidBy } : {}),
      at: e.at,
    })),
  };
  await manager.query('UPDATE orders SET payment = $2, updated_at = now() WHERE id = $1', [
    state.order.id,
    JSON.stringify(state.order.payment),
  ]);
  emit(
    createEnvelope<OrderPaymentChangedV1>(
      ORDERS_PAYMENT_CHANGED_V1,
      { orderId: state.order.id, entry: recorded.entry, position },
      orderMeta(state.order, causationId),
    ),
  );
  return { order: state.order, entries, position, ...recorded };
}

export function refuse(message: string): never {
  throw new ConflictException(message);
}
