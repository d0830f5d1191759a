import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { KitchenOrderPriority } from '@hub/contracts';
import { queryRows, preparedRows } from '@hub/persistence';
import { businessDate } from './business-date.util';

export type OrderPriorityName = 'normal' | KitchenOrderPriority;

/** What the kitchen keeps of an order: its daily number, when it is due out, and its priority. */
export interface KitchenOrder {
  orderId: string;
  dailyNumber: number;
  businessDate: string;
  dueAt: Date;
  priority: OrderPriorityName;
}

interface KitchenOrderRow {
  order_id: string;
  daily_number: number;
  business_date: string;
  due_at: Date;
  priority: OrderPriorityName;
}

const toKitchenOrder = (row: KitchenOrderRow): KitchenOrder => ({
  orderId: row.order_id,
  dailyNumber: row.daily_number,
  businessDate: row.business_date,
  dueAt: row.due_at,
  priority: row.priority,
});

@Injectable()
export class KitchenOrdersRepository {
  async find(manager: EntityManager, orderId: string): Promise<KitchenOrder | null> {
    const [row] = queryRows<KitchenOrderRow>(
      await manager.query(
        `SELECT order_id, daily_number, business_date::text AS business_date, due_at, priority
           FROM kitchen_orders WHERE order_id = $1`,
        [orderId],
      ),
    );
    return row ? toKitchenOrder(row) : null;
  }

  /**
   * When an order's tickets fire: null when it has tickets already (fired before: it gets none
   * again, and takes no number); else its kitchen record, numbered the first time (the venue's next
   * daily number for the business date of `now` in its time zone: 1 for the first order after
   * local midnight). The ticket check, the read, the number and the insert
   * are one statement: the counter row is locked until the caller commits, so concurrent orders get
   * distinct numbers with no gap, and the caller takes station cursors after it, as before.
   */
  async fire(
    manager: EntityManager,
    order: { orderId: string; venueId: string; dueAt: Date; priority: OrderPriorityName },
    timeZone: string | undefined,
    now: Date,
  ): Promise<KitchenOrder | null> {
    const [row] = await preparedRows<{ fired: boolean } & Partial<KitchenOrderRow>>(
      manager,
      `WITH fired AS (SELECT EXISTS (SELECT 1 FROM tickets WHERE order_id = $1::uuid) AS fired),
         existing AS (
           SELECT order_id, daily_number, business_date::text AS business_date, due_at, priority
             FROM kitchen_orders WHERE order_id = $1::uuid
         ),
         numbered AS (
           INSERT INTO daily_number_cursors (venue_id, business_date, last_number)
           SELECT $2::text, $3::date, 1 FROM fired WHERE NOT fired AND NOT EXISTS (SELECT 1 FROM existing)
           ON CONFLICT (venue_id, business_date) DO UPDATE SET last_number = daily_number_cursors.last_number + 1
           RETURNING last_number
         ),
         created AS (
           INSERT INTO kitchen_orders (order_id, venue_id, business_date, daily_number, due_at, priority)
           SELECT $1::uuid, $2::text, $3::date, last_number, $4::timestamptz, $5::text FROM numbered
           RETURNING order_id, daily_number, business_date::text AS business_date, due_at, priority
         )
         SELECT fired.fired, o.* FROM fired
           LEFT JOIN (SELECT * FROM existing UNION ALL SELECT * FROM created) o ON true`,
      [order.orderId, order.venueId, businessDate(now, timeZone), order.dueAt, order.priority],
    );
    return row.fired ? null : toKitchenOrder(row as KitchenOrderRow);
  }

  async setPriority(manager: EntityManager, orderId: string, priority: OrderPriorityName): Promise<void> {
    await manager.query('UPDATE kitchen_orders SET priority = $2 WHERE order_id = $1', [orderId, priority]);
  }
}
