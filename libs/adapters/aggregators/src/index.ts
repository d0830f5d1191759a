// Public surface of @hub/aggregators. The conformance suite (core/conformance.ts) is test-only and
// deliberately not exported: it declares jest blocks.
export * from './core/aggregator-adapter';
export * from './core/adapter.errors';
export * from './core/adapter.registry';
export * from './core/platform-api';
export { DeliverooAdapter } from './deliveroo/deliveroo.adapter';
export { DoorDashAdapter } from './doordash/doordash.adapter';
export { GloriaFoodAdapter } from './gloriafood/gloriafood.adapter';
export {
  GOOGLE_ISSUERS,
  GOOGLE_JWKS_URL,
  GoogleAdapter,
  type GoogleAdapterOptions,
} from './google/google.adapter';
export { OLO_MAX_AGE_MS, OloAdapter } from './olo/olo.adapter';
export { ShopifyAdapter } from './shopify/shopify.adapter';
export { SquareAdapter } from './square/square.adapter';
export { ToastAdapter } from './toast/toast.adapter';
export { UberEatsAdapter, type UberEatsAdapterOptions } from './ubereats/ubereats.adapter';
export { WooCommerceAdapter } from './woocommerce/woocommerce.adapter';
export * from './core/status-callback';
export { UberTokenClient, type ClientCredentials } from './ubereats/ubereats-token.client';
export * from './declarative';
export * from './core/order-poller';
export { PollerConfigError, PolledPlatformAdapter } from './core/polled-platform.adapter';
export { OpenTableAdapter } from './opentable/opentable.adapter';
export { PosistAdapter } from './posist/posist.adapter';
export { RevelAdapter } from './revel/revel.adapter';
export { SimphonyAdapter } from './simphony/simphony.adapter';
export { GloriaFoodCatchUpPoller } from './gloriafood/gloriafood.poller';
export { ShopifyCatchUpPoller } from './shopify/shopify.poller';
export { SquareCatchUpPoller } from './square/square.poller';
