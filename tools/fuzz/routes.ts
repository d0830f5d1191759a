import type { ServiceName } from '../dev/dev-defaults';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A public HTTP route of a service, as its controller declares it (`:name` marks a path parameter). */
export interface Route {
  service: ServiceName;
  method: Method;
  path: string;
}

const r = (service: ServiceName, method: Method, path: string): Route => ({ service, method, path });

const mappingRoutes = (base: string): Route[] => [
  r('menu-mapping', 'GET', base),
  r('menu-mapping', 'PUT', `${base}/draft`),
  r('menu-mapping', 'DELETE', `${base}/draft`),
  r('menu-mapping', 'DELETE', `${base}/draft/entries/:entryId`),
  r('menu-mapping', 'POST', `${base}/dry-run`),
  r('menu-mapping', 'POST', `${base}/publish`),
  r('menu-mapping', 'POST', `${base}/rollback`),
  r('menu-mapping', 'GET', `${base}/suggestions`),
];

/**
 * Every route of the six services (read from their controllers, 2026-11-22 16:10 UTC), the platform webhooks
 * aside (they have their own generator), plus the health, metrics and OpenAPI routes of each.
 */
export const ROUTES: Route[] = [
  // intake
  r('intake', 'POST', '/v1/orders'),
  r('intake', 'PUT', '/v1/venues/:venueId/integrations/:platform'),
  r('intake', 'GET', '/v1/venues/:venueId/integrations'),
  r('intake', 'POST', '/v1/venues/:venueId/integrations/:platform/sync'),
  r('intake', 'GET', '/v1/venues/:venueId/deliveries'),
  r('intake', 'GET', '/v1/venues/:venueId/deliveries/:id'),
  r('intake', 'POST', '/v1/venues/:venueId/deliveries/:id/retry'),
  // menu-mapping
  r('menu-mapping', 'PUT', '/v1/brands/:brandId'),
  r('menu-mapping', 'GET', '/v1/brands/:brandId/menu'),
  r('menu-mapping', 'POST', '/v1/brands/:brandId/menu/import'),
  r('menu-mapping', 'POST', '/v1/brands/:brandId/menu/import/csv'),
  r('menu-mapping', 'GET', '/v1/venues/:venueId/menu'),
  r('menu-mapping', 'GET', '/v1/venues/:venueId/menu/settings'),
  r('menu-mapping', 'PUT', '/v1/venues/:venueId/menu/settings'),
  r('menu-mapping', 'PUT', '/v1/venues/:venueId/menu/items/:code'),
  r('menu-mapping', 'PUT', '/v1/venues/:venueId/menu/items/:code/override'),
  r('menu-mapping', 'GET', '/v1/venues/:venueId/menu/items'),
  r('menu-mapping', 'GET', '/v1/venues/:venueId/menu/availability'),
  r('menu-mapping', 'PUT', '/v1/venues/:venueId/menu/availability/:kind/:code'),
  r('menu-mapping', 'GET', '/v1/venues/:venueId/menu/attention'),
  r('menu-mapping', 'GET', '/v1/venues/:venueId/menu/attention/:id'),
  r('menu-mapping', 'POST', '/v1/venues/:venueId/menu/attention/:id/reinject'),
  r('menu-mapping', 'GET', '/v1/venues/:venueId/menu/mappings/:platform/unmapped'),
  ...mappingRoutes('/v1/venues/:venueId/menu/mappings/:platform'),
  ...mappingRoutes('/v1/brands/:brandId/menu/mappings/:platform'),
  // order-core
  r('order-core', 'GET', '/v1/orders'),
  r('order-core', 'GET', '/v1/orders/stuck'),
  r('order-core', 'GET', '/v1/orders/held'),
  r('order-core', 'GET', '/v1/orders/:id'),
  r('order-core', 'POST', '/v1/orders/:id/status'),
  r('order-core', 'POST', '/v1/orders/:id/items'),
  r('order-core', 'POST', '/v1/orders/:id/items/:lineId/void'),
  r('order-core', 'POST', '/v1/orders/:id/prep-time'),
  r('order-core', 'POST', '/v1/orders/:id/priority'),
  r('order-core', 'GET', '/v1/orders/:id/payments'),
  r('order-core', 'POST', '/v1/orders/:id/payments'),
  r('order-core', 'POST', '/v1/orders/:id/refunds'),
  r('order-core', 'GET', '/v1/reconciliation'),
  r('order-core', 'GET', '/v1/venues/:venueId/store-controls'),
  r('order-core', 'PUT', '/v1/venues/:venueId/store-controls/:channel'),
  r('order-core', 'GET', '/v1/venues/:venueId/acceptance'),
  r('order-core', 'PUT', '/v1/venues/:venueId/acceptance/:channel'),
  // kot-router
  r('kot-router', 'GET', '/v1/venues/:venueId/stations'),
  r('kot-router', 'GET', '/v1/venues/:venueId/stations/printers'),
  r('kot-router', 'GET', '/v1/venues/:venueId/stations/routing-rules'),
  r('kot-router', 'PUT', '/v1/venues/:venueId/stations/routing-rules'),
  r('kot-router', 'PUT', '/v1/venues/:venueId/stations/settings'),
  r('kot-router', 'PUT', '/v1/venues/:venueId/stations/:station'),
  r('kot-router', 'POST', '/v1/venues/:venueId/stations/:station/tickets/:ticketId/reprint'),
  r('kot-router', 'GET', '/kds'),
  r('kot-router', 'GET', '/kds/kds.css'),
  r('kot-router', 'GET', '/kds/kds.js'),
  // status-sync
  r('status-sync', 'GET', '/v1/callbacks'),
  r('status-sync', 'POST', '/v1/callbacks/:id/retry'),
  r('status-sync', 'PUT', '/v1/venues/:venueId/notifications'),
  r('status-sync', 'GET', '/v1/venues/:venueId/notifications'),
  // reporting
  ...[
    'summary',
    'preparation-time',
    'delayed-orders',
    'order-accuracy',
    'peak-periods',
    'channels',
    'revenue-by-location',
  ].map((report) => r('reporting', 'GET', `/v1/reports/${report}`)),
  r('reporting', 'GET', '/v1/reports/venues'),
  r('reporting', 'PUT', '/v1/reports/venues/:venueId'),
  // every service
  ...(
    ['intake', 'menu-mapping', 'order-core', 'kot-router', 'status-sync', 'reporting'] as ServiceName[]
  ).flatMap((service) => [
    r(service, 'GET', '/health/live'),
    r(service, 'GET', '/health/ready'),
    r(service, 'GET', '/metrics'),
    r(service, 'GET', '/docs-json'),
  ]),
];

/** Every platform route name intake knows, and one it does not. */
export const WEBHOOK_PLATFORMS = [
  'shopify',
  'woocommerce',
  'ubereats',
  'square',
  'gloriafood',
  'deliveroo',
  'toast',
  'olo',
  'doordash',
  'zomato',
  'swiggy',
  'dotpe',
  'petpooja',
  'freshmenu',
  'foodics',
  'chowly',
  'nosuch',
];

/** The socket.io events of /kitchen, and some it does not know. */
export const SOCKET_EVENTS = [
  'sync',
  'ticket:ack',
  'ticket:bump',
  'ticket:recall',
  'ticket',
  'joined',
  'bogus',
];
