import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import type { AttentionReasonDto, OrderDraftDto, OrderItemDto } from '@hub/contracts';
import { deriveDisplayNumber, OrderStatus, PaymentStatus, StatusActor } from '@hub/order-model';
import { OrderItemEntity } from './entities/order-item.entity';
import { OrderStatusHistoryEntity } from './entities/order-status-history.entity';
import { OrderEntity } from './entities/order.entity';
import { toOrderItemEntity } from './orders.mapper';
import { preparedRows } from '@hub/persistence';

export interface OrderKey {
  channel: string;
  venueId: string;
  externalId: string;
}

export interface OrderPage {
  orders: OrderEntity[];
  nextCursor: string | null;
}

export interface OrderListFilter {
  venueIds: string[] | '*';
  status?: string;
  channel?: string;
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

/**
 * A row as a statement returned it (column names) → its entity, converted column by column as
 * TypeORM converts a read (the same hydration `getOne` does).
 */
function hydrate<T extends object>(
  manager: EntityManager,
  target: new () => T,
  raw: Record<string, unknown>,
): T {
  const metadata = manager.connection.getMetadata(target);
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    if (!(column.databaseName in raw)) continue;
    const value = raw[column.databaseName];
    column.setEntityValue(entity, manager.connection.driver.prepareHydratedValue(value, column));
  }
  return entity;
}

/** The lines as the parallel arrays `unnest` takes: line id, position, menu item, code, name, quantity, price, modifiers, notes, station. */
function itemColumns(items: OrderItemDto[]): unknown[] {
  return [
    items.map((i) => i.lineId),
    items.map((_, position) => position),
    items.map((i) => i.menuItemId ?? null),
    items.map((i) => i.externalCode),
    items.map((i) => i.name),
    items.map((i) => i.quantity),
    items.map((i) => i.unitPrice),
    items.map((i) => JSON.stringify(i.modifiers)),
    items.map((i) => i.notes ?? null),
    items.map((i) => i.station ?? null),
  ];
}

@Injectable()
export class OrdersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Creates the order unless one with this (channel, venue, externalId) exists, with its lines as the
   * channel sent them and its first status (received, by the channel), in one statement. Returns the
   * new order as that statement wrote it (its row from RETURNING, hydrated as a read would, and its
   * lines), so the caller need not read it again: a row inserted by this transaction is invisible to
   * every other one until commit, so it is as good as locked. Null when the order already existed.
   */
  async createIfAbsent(
    manager: EntityManager,
    draft: OrderDraftDto,
    state: { mapped: boolean; attention: AttentionReasonDto[] | null; correlationId: string },
    receivedBy: StatusActor,
  ): Promise<OrderEntity | null> {
    const id = uuidv7();
    const items = itemColumns(draft.items);
    const inserted = await preparedRows<Record<string, unknown>>(
      manager,
      `WITH created AS (
         INSERT INTO orders (id, venue_id, channel, external_id, display_number, order_type, status, placed_at, scheduled_for,
                             customer, totals, total, currency, payment, notes, allergens, source, mapped, attention, correlation_id, priority)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)
         ON CONFLICT ON CONSTRAINT orders_channel_venue_external_uq DO NOTHING RETURNING *),
       lines AS (
         INSERT INTO order_items (order_id, line_id, position, menu_item_id, external_code, name, quantity, unit_price, modifiers, notes, station)
         SELECT created.id, l.* FROM created,
           unnest($22::text[], $23::int[], $24::text[], $25::text[], $26::text[], $27::int[], $28::int[], $29::jsonb[], $30::text[], $31::text[]) AS l),
       history AS (
         INSERT INTO order_status_history (order_id, from_status, to_status, actor_type, actor_id, reason, at)
         SELECT created.id, NULL, $7, $32, $33, NULL, now() FROM created)
       SELECT * FROM created`,
      [
        id,
        draft.venueId,
        draft.channel,
        draft.externalId,
        draft.displayNumber ?? deriveDisplayNumber(draft.externalId),
        draft.orderType,
        OrderStatus.RECEIVED,
        draft.placedAt,
        draft.scheduledFor ?? null,
        JSON.stringify(draft.customer),
        JSON.stringify(draft.totals),
        draft.totals.total,
        draft.totals.currency,
        JSON.stringify(draft.payment ?? { status: PaymentStatus.PENDING, payments: [] }),
        draft.notes ?? null,
        draft.allergens ? JSON.stringify(draft.allergens) : null,
        JSON.stringify(draft.source),
        state.mapped,
        state.attention ? JSON.stringify(state.attention) : null,
        state.correlationId,
        draft.priority ?? 'normal',
        ...items,
        receivedBy.type,
        receivedBy.id,
      ],
    );
    if (inserted.length === 0) return null;
    const order = hydrate(manager, OrderEntity, inserted[0]);
    order.items = draft.items.map((item, position) => toOrderItemEntity(id, item, position));
    return order;
  }

  /**
   * Replaces the lines with their mapped form (menu ids, names, stations) and clears attention, in one
   * statement, on the locked entity too, so the caller need not read the order again. The lines the
   * mapping keeps are overwritten in place (ON CONFLICT on the line's key) and the others deleted, so
   * the delete and the insert never touch the same row: data-modifying CTEs run in no set order, and
   * a delete-all beside an insert of the same keys could meet the old rows still there.
   */
  async applyMapping(manager: EntityManager, order: OrderEntity, items: OrderItemDto[]): Promise<void> {
    await preparedRows(
      manager,
      `WITH gone AS (DELETE FROM order_items WHERE order_id = $1 AND NOT (line_id = ANY($2::text[]))),
       mapped AS (UPDATE orders SET mapped = true, attention = NULL, updated_at = now() WHERE id = $1)
       INSERT INTO order_items (order_id, line_id, position, menu_item_id, external_code, name, quantity, unit_price, modifiers, notes, station)
       SELECT $1, * FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::int[], $8::int[], $9::jsonb[], $10::text[], $11::text[])
       ON CONFLICT (order_id, line_id) DO UPDATE SET position = EXCLUDED.position, menu_item_id = EXCLUDED.menu_item_id,
         external_code = EXCLUDED.external_code, name = EXCLUDED.name, quantity = EXCLUDED.quantity,
         unit_price = EXCLUDED.unit_price, modifiers = EXCLUDED.modifiers, notes = EXCLUDED.notes, station = EXCLUDED.station`,
      [order.id, ...itemColumns(items)],
    );
    order.mapped = true;
    order.attention = null;
    order.items = items.map((item, position) => toOrderItemEntity(order.id, item, position));
  }

  async setAttention(manager: EntityManager, orderId: string, reasons: AttentionReasonDto[]): Promise<void> {
    await manager.query('UPDATE orders SET attention = $2, updated_at = now() WHERE id = $1', [
      orderId,
      JSON.stringify(reasons),
    ]);
  }

  /** The order with its lines, locked for update in this transaction. */
  lockByKey(manager: EntityManager, key: OrderKey): Promise<OrderEntity | null> {
    return this.lockOne(
      manager,
      'o.channel = :channel AND o.venue_id = :venueId AND o.external_id = :externalId',
      { ...key },
    );
  }

  lockById(manager: EntityManager, id: string): Promise<OrderEntity | null> {
    return this.lockOne(manager, 'o.id = :id', { id });
  }

  /** One statement: the order row locked (FOR UPDATE OF o) and its lines joined, in line order. */
  private lockOne(
    manager: EntityManager,
    where: string,
    parameters: Record<string, unknown>,
  ): Promise<OrderEntity | null> {
    return manager
      .getRepository(OrderEntity)
      .createQueryBuilder('o')
      .leftJoinAndSelect('o.items', 'i')
      .setLock('pessimistic_write', undefined, ['o'])
      .where(where, parameters)
      .orderBy('i.position', 'ASC')
      .getOne();
  }

  async findById(id: string): Promise<OrderEntity | null> {
    const order = await this.dataSource.getRepository(OrderEntity).findOneBy({ id });
    if (order) order.items = await this.dataSource.getRepository(OrderItemEntity).findBy({ orderId: id });
    return order;
  }

  async recordStatus(
    manager: EntityManager,
    orderId: string,
    from: OrderStatus | null,
    to: OrderStatus,
    actor: StatusActor,
    reason: string | undefined,
    at: Date,
  ): Promise<void> {
    const history = `INSERT INTO order_status_history (order_id, from_status, to_status, actor_type, actor_id, reason, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`;
    const parameters = [orderId, from, to, actor.type, actor.id, reason ?? null, at];
    if (from === null) {
      await manager.query(history, parameters);
      return;
    }
    // the move and its history row in one statement
    await preparedRows(
      manager,
      `WITH moved AS (UPDATE orders SET status = $3, updated_at = $7 WHERE id = $1) ${history}`,
      parameters,
    );
  }

  history(orderId: string): Promise<OrderStatusHistoryEntity[]> {
    return this.dataSource
      .getRepository(OrderStatusHistoryEntity)
      .find({ where: { orderId }, order: { id: 'ASC' } });
  }

  /** Scheduled orders accepted and held, soonest first. */
  async held(venueIds: string[] | '*'): Promise<OrderEntity[]> {
    const query = this.dataSource
      .getRepository(OrderEntity)
      .createQueryBuilder('o')
      .where("o.fire_at IS NOT NULL AND o.released_at IS NULL AND o.status = 'accepted'");
    if (venueIds !== '*') query.andWhere('o.venue_id IN (:...venueIds)', { venueIds });
    const orders = await query.orderBy('o.fire_at', 'ASC').take(500).getMany();
    for (const order of orders)
      order.items = await this.dataSource.getRepository(OrderItemEntity).findBy({ orderId: order.id });
    return orders;
  }

  /** Newest first. Ids are UUIDv7, so they sort by creation time and the cursor is the last id. */
  async list(filter: OrderListFilter): Promise<OrderPage> {
    const query = this.dataSource.getRepository(OrderEntity).createQueryBuilder('o');
    if (filter.venueIds !== '*')
      query.andWhere('o.venue_id IN (:...venueIds)', { venueIds: filter.venueIds });
    if (filter.status) query.andWhere('o.status = :status', { status: filter.status });
    if (filter.channel) query.andWhere('o.channel = :channel', { channel: filter.channel });
    if (filter.from) query.andWhere('o.created_at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('o.created_at < :to', { to: filter.to });
    if (filter.cursor) query.andWhere('o.id < :cursor', { cursor: filter.cursor });
    const rows = await query
      .orderBy('o.id', 'DESC')
      .take(filter.limit + 1)
      .getMany();
    const page = rows.slice(0, filter.limit);
    const nextCursor = rows.length > filter.limit ? page[page.length - 1].id : null;
    if (page.length > 0) {
      const items = await this.dataSource
        .getRepository(OrderItemEntity)
        .createQueryBuilder('i')
        .where('i.order_id IN (:...ids)', { ids: page.map((o) => o.id) })
        .getMany();
      for (const order of page) order.items = items.filter((i) => i.orderId === order.id);
    }
    return { orders: page, nextCursor };
  }
}
