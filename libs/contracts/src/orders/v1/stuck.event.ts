import { IsIn, IsInt, IsISO8601, IsUUID, Min } from 'class-validator';

export const ORDERS_STUCK_V1 = 'orders.v1.stuck';

/**
 * The hops an order can stall at between services: mapping, ticketing (no ticket routed),
 * kitchen_start (no ticket taken on), preparation, ticket_ack (a station has not taken its ticket on),
 * print (a ticket for a station with a printer is not printed), platform_ack (the platform has not
 * acknowledged the order's accepted status).
 */
export const STUCK_HOPS = [
  'mapping',
  'ticketing',
  'kitchen_start',
  'preparation',
  'ticket_ack',
  'print',
  'platform_ack',
] as const;
export type StuckHop = (typeof STUCK_HOPS)[number];

/**
 * An order has stayed at one hop longer than that hop's limit: nothing moved it on. Raised once per
 * order and hop; it is visible in `GET /v1/orders/stuck` until the order moves on.
 */
export class OrderStuckV1 {
  @IsUUID() orderId: string;
  @IsIn(STUCK_HOPS) hop: StuckHop;
  /** since when the order has waited at this hop */
  @IsISO8601({ strict: true }) since: string;
  @IsInt() @Min(1) limitSeconds: number;
}
