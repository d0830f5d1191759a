import { OrderStatus, OrderType } from '@hub/order-model';
import type { DeclarativeMapping } from './declarative-mapping';

/**
 * The order relay of UrbanPiper-style middleware, which is how Zomato and Swiggy orders commonly
 * reach a restaurant's systems. Zomato's and Swiggy's own partner payloads are NOT public; this
 * follows the UrbanPiper order relay and order status change webhooks as their public help pages
 * describe them (`order.details` with `biz_id`, `channel`, `ext_platforms`; `order.items`;
 * `order.store.merchant_ref_id`; status changes with `order_id`, `new_state`, `store_id` and
 * `additional_info.external_channel.order_id`). The complete field list is crafted from that
 * description: check it against a real delivery before going live, and override any path with the
 * integration's own `mapping`. The channel (zomato, swiggy) is the webhook route, not a field.
 *
 * Authentication: a static key, `Authorization: apikey <user>:<key>` (the integration's secret is
 * `<user>:<key>`). The store: an `X-Store-Id` header set on the webhook in the middleware's
 * dashboard, else the store's `merchant_ref_id` in the body (`store_id` on status changes).
 */
function urbanPiperOrderRelay(): DeclarativeMapping {
  return {
    auth: { scheme: 'static-key', header: 'authorization', prefix: 'apikey ' },
    storeRef: ['header:x-store-id', 'order.store.merchant_ref_id', 'store_id'],
    dedupeKey: ['order.details.ext_platforms[0].id', 'order.details.id'],
    orders: 'order',
    money: 'major',
    currency: 'INR',
    order: {
      externalId: 'details.ext_platforms[0].id',
      displayNumber: 'details.id',
      orderType: {
        path: 'details.order_type',
        map: {
          delivery: OrderType.DELIVERY,
          pickup: OrderType.PICKUP,
          takeaway: OrderType.PICKUP,
          dinein: OrderType.DINE_IN,
        },
        default: OrderType.DELIVERY,
      },
      placedAt: 'details.created',
      customerName: '$.customer.name',
      customerPhone: '$.customer.phone',
      notes: 'details.instructions',
      items: {
        path: 'items',
        code: 'merchant_id',
        name: 'title',
        quantity: 'quantity',
        unitPrice: 'price',
        notes: 'instructions',
        modifiers: { path: 'options_to_add', code: 'merchant_id', name: 'title', price: 'price' },
      },
      totals: {
        subtotal: 'details.order_subtotal',
        tax: 'details.total_taxes',
        discount: 'details.discount',
        deliveryFee: 'details.total_charges',
        total: 'details.order_total',
      },
    },
    status: {
      path: 'new_state',
      externalId: 'additional_info.external_channel.order_id',
      occurredAt: 'timestamp_unix',
      reason: 'message',
      values: { Cancelled: 'cancelled', Dispatched: 'picked_up', Completed: 'delivered' },
    },
    callbacks: {
      // UrbanPiper "Order Status Update" (help.urbanpiper.com FAQ "Order Status Update", which cites
      // api-ordering-docs.urbanpiper.com/#order-status-update): a PUT, the values in the request body,
      // `:order_id` being UrbanPiper's order id (`order.details.id`, our displayNumber in this preset),
      // statuses Acknowledged, Food Ready, Dispatched, Completed, Cancelled (a cancel of a Swiggy order is
      // answered 400: Swiggy calls the store instead). The path below and the body's field names
      // (`new_status`, `message`) are from the API reference, which could not be retrieved here: check
      // them against it, and override with the integration's own `callbacks` if they differ.
      // apiBaseUrl is the middleware's host. No pause, busy or prep-time call is public: unsupported.
      status: {
        method: 'PUT',
        url: '/external/api/v1/orders/{{order.displayNumber}}/status/',
        body: { new_status: '{{platformStatus}}', message: '{{reason}}' },
        values: {
          [OrderStatus.ACCEPTED]: 'Acknowledged',
          [OrderStatus.READY]: 'Food Ready',
          [OrderStatus.DISPATCHED]: 'Dispatched',
          [OrderStatus.COMPLETED]: 'Completed',
          [OrderStatus.REJECTED]: 'Cancelled',
          [OrderStatus.CANCELLED]: 'Cancelled',
        },
      },
    },
  };
}

/**
 * Shipped configurations, used when an integration of that platform has no `mapping` of its own.
 * DotPe, Petpooja, Freshmenu, Foodics and Chowly have none: their integrations must carry a mapping.
 */
export const DECLARATIVE_PRESETS: Readonly<Record<string, DeclarativeMapping>> = Object.freeze({
  zomato: urbanPiperOrderRelay(),
  swiggy: urbanPiperOrderRelay(),
});

/** Every platform the declarative adapter serves, preset or not. */
export const DECLARATIVE_PLATFORMS = [
  'zomato',
  'swiggy',
  'dotpe',
  'petpooja',
  'freshmenu',
  'foodics',
  'chowly',
] as const;
