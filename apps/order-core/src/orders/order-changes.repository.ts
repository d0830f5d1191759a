import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { OrderItemDto, OrderTotalsDto } from '@hub/contracts';
import type { OrderPriority, StatusActor } from '@hub/order-model';
import { OrderItemEntity } from './entities/order-item.entity';
import type { OrderEntity } from './entities/order.entity';
import { toOrderItemEntity } from './orders.mapper';

export type OrderChangeKind = 'items_added' | 'items_voided' | 'priority_changed';

/** One line or priority change of an order, as its timeline shows it. */
export interface OrderChange {
  kind: OrderChangeKind;
  /** the order's status when it changed (a line change does not move it) */
  status: string;
  lineIds: string[] | null;
  priority: OrderPriority | null;
  actor: StatusActor;
  reason: string | null;
  at: Date;
}

/**
 * Changes to an open order's lines and priority. Live lines stay in order_items; a voided line moves
 * to order_item_voids, so every reader of order_items sees live lines only. Each method works on the
 * caller's (locked) order in its transaction and updates the entity too.
 */
@Injectable()
export class OrderChangesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** lineIds voided on the order before: a new line may not take one of them */
  async voidedLineIds(manager: EntityManager, orderId: string): Promise<string[]> {
    const rows: Array<{ line_id: string }> = await manager.query(
      'SELECT line_id FROM order_item_voids WHERE order_id = $1',
      [orderId],
    );
    return rows.map((r) => r.line_id);
  }

  async addLines(
    manager: EntityManager,
    order: OrderEntity,
    items: OrderItemDto[],
    totals: OrderTotalsDto,
  ): Promise<void> {
    const start = order.items.reduce((max, item) => Math.max(max, item.position + 1), 0);
    const added = items.map((item, index) => toOrderItemEntity(order.id, item, start + index));
    await manager.getRepository(OrderItemEntity).insert(added);
    await this.setTotals(manager, order, totals);
    order.items = [...order.items, ...added];
  }

  async voidLines(
    manager: EntityManager,
    order: OrderEntity,
    lines: OrderItemDto[],
    change: { reason: string; actor: StatusActor; at: Date },
    totals: OrderTotalsDto,
  ): Promise<void> {
    const lineIds = lines.map((l) => l.lineId);
    await manager.query(
      `INSERT INTO order_item_voids (order_id, line_id, line, reason, actor_type, actor_id, voided_at)
       SELECT $1, line->>'lineId', line, $3, $4, $5, $6 FROM unnest($2::jsonb[]) AS line`,
      [
        order.id,
        lines.map((l) => JSON.stringify(l)),
        change.reason,
        change.actor.type,
        change.actor.id,
        change.at,
      ],
    );
    await manager.query('DELETE FROM order_items WHERE order_id = $1 AND line_id = ANY($2::text[])', [
      order.id,
      lineIds,
    ]);
    await this.setTotals(manager, order, totals);
    order.items = order.items.filter((item) => !lineIds.includes(item.lineId));
  }

  async setPriority(manager: EntityManager, order: OrderEntity, priority: OrderPriority): Promise<void> {
    await manager.query('UPDATE orders SET priority = $2, updated_at = now() WHERE id = $1', [
      order.id,
      priority,
    ]);
    order.priority = priority;
  }

  /** Puts the change on the order's timeline, at the status the order has now. */
  async record(
    manager: EntityManager,
    order: OrderEntity,
    change: Pick<OrderChange, 'kind' | 'actor' | 'at'> &
      Partial<Pick<OrderChange, 'lineIds' | 'priority' | 'reason'>>,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO order_changes (order_id, kind, status, line_ids, priority, actor_type, actor_id, reason, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        order.id,
        change.kind,
        order.status,
        change.lineIds ? JSON.stringify(change.lineIds) : null,
        change.priority ?? null,
        change.actor.type,
        change.actor.id,
        change.reason ?? null,
        change.at,
      ],
    );
  }

  /** The order's line and priority changes, oldest first. */
  async list(orderId: string): Promise<OrderChange[]> {
    const rows: Array<{
      kind: OrderChangeKind;
      status: string;
      line_ids: string[] | null;
      priority: OrderPriority | null;
      actor_type: StatusActor['type'];
      actor_id: string;
      reason: string | null;
      at: Date;
    }> = await this.dataSource.query(
      'SELECT kind, status, line_ids, priority, actor_type, actor_id, reason, at FROM order_changes WHERE order_id = $1 ORDER BY id',
      [orderId],
    );
    return rows.map((r) => ({
      kind: r.kind,
      status: r.status,
      lineIds: r.line_ids,
      priority: r.priority,
      actor: { type: r.actor_type, id: r.actor_id },
      reason: r.reason,
      at: r.at,
    }));
  }

  private async setTotals(manager: EntityManager, order: OrderEntity, totals: OrderTotalsDto): Promise<void> {
    await manager.query('UPDATE orders SET totals = $2, total = $3, updated_at = now() WHERE id = $1', [
      order.id,
      JSON.stringify(totals),
      totals.total,
    ]);
    order.totals = totals;
    order.total = totals.total;
  }
}
