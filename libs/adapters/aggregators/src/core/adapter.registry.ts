import { DECLARATIVE_PLATFORMS, DECLARATIVE_PRESETS } from '../declarative/declarative.presets';
import { DeclarativeAdapter } from '../declarative/declarative.adapter';
import { DeliverooAdapter } from '../deliveroo/deliveroo.adapter';
import { DoorDashAdapter } from '../doordash/doordash.adapter';
import { GloriaFoodAdapter } from '../gloriafood/gloriafood.adapter';
import { GoogleAdapter } from '../google/google.adapter';
import { OloAdapter } from '../olo/olo.adapter';
import { ShopifyAdapter } from '../shopify/shopify.adapter';
import { SquareAdapter } from '../square/square.adapter';
import { ToastAdapter } from '../toast/toast.adapter';
import { UberEatsAdapter } from '../ubereats/ubereats.adapter';
import { WooCommerceAdapter } from '../woocommerce/woocommerce.adapter';
import { GloriaFoodCatchUpPoller } from '../gloriafood/gloriafood.poller';
import { OpenTableAdapter } from '../opentable/opentable.adapter';
import { PosistAdapter } from '../posist/posist.adapter';
import { RevelAdapter } from '../revel/revel.adapter';
import { ShopifyCatchUpPoller } from '../shopify/shopify.poller';
import { SimphonyAdapter } from '../simphony/simphony.adapter';
import { SquareCatchUpPoller } from '../square/square.poller';
import type { AggregatorAdapter } from './aggregator-adapter';
import { isOrderPoller, type OrderPoller } from './order-poller';

/**
 * Every code adapter, selected by `canHandle(platform)`: no code outside an adapter branches on
 * platform names. Registering two adapters for one platform is a programming error.
 */
export class AdapterRegistry {
  private readonly adapters: AggregatorAdapter[] = [];
  private readonly pollers: OrderPoller[] = [];

  register(adapter: AggregatorAdapter): this {
    const clash = this.adapters.find((existing) => existing.canHandle(adapter.platform));
    if (clash) {
      throw new Error(
        `an adapter for "${adapter.platform}" is already registered (${clash.constructor.name})`,
      );
    }
    this.adapters.push(adapter);
    return this;
  }

  /** The adapter for a route name, or undefined when none handles it. */
  find(platform: string): AggregatorAdapter | undefined {
    return this.adapters.find((adapter) => adapter.canHandle(platform));
  }

  /** The adapter for a route name; throws naming the platforms we know when none handles it. */
  get(platform: string): AggregatorAdapter {
    const adapter = this.find(platform);
    if (!adapter) {
      throw new Error(`no adapter handles "${platform}"; known platforms: ${this.platforms().join(', ')}`);
    }
    return adapter;
  }

  platforms(): string[] {
    return this.adapters.map((adapter) => adapter.platform).sort();
  }

  /** Adds the polling capability of a platform whose adapter does not poll itself (a catch-up poll). */
  registerPoller(poller: OrderPoller): this {
    if (this.findPoller(poller.platform)) {
      throw new Error(`a poller for "${poller.platform}" is already registered`);
    }
    this.pollers.push(poller);
    return this;
  }

  /** How a platform is polled: its adapter when the adapter polls, else a registered poller; undefined when it cannot be. */
  findPoller(platform: string): OrderPoller | undefined {
    const adapter = this.find(platform);
    if (adapter && isOrderPoller(adapter)) return adapter;
    return this.pollers.find((poller) => poller.canHandle(platform));
  }

  /** The platforms that can be polled. */
  pollablePlatforms(): string[] {
    return this.platforms().filter((platform) => this.findPoller(platform) !== undefined);
  }
}

/** A registry with every adapter this lib ships: the code adapters and the declarative platforms. */
export function createDefaultRegistry(options: { now?: () => number } = {}): AdapterRegistry {
  const registry = new AdapterRegistry()
    .register(new ShopifyAdapter())
    .register(new WooCommerceAdapter())
    .register(new UberEatsAdapter({ now: options.now }))
    .register(new SquareAdapter())
    .register(new GloriaFoodAdapter())
    .register(new DeliverooAdapter())
    .register(new ToastAdapter())
    .register(new OloAdapter())
    .register(new DoorDashAdapter())
    .register(new GoogleAdapter())
    // polled platforms (their adapters poll), and catch-up polls of webhook platforms with an order list
    .register(new PosistAdapter())
    .register(new RevelAdapter())
    .register(new SimphonyAdapter())
    .register(new OpenTableAdapter())
    .registerPoller(new GloriaFoodCatchUpPoller())
    .registerPoller(new SquareCatchUpPoller())
    .registerPoller(new ShopifyCatchUpPoller());
  // configuration-driven platforms: the integration's mapping, else the shipped preset
  for (const platform of DECLARATIVE_PLATFORMS) {
    registry.register(new DeclarativeAdapter(platform, DECLARATIVE_PRESETS[platform]));
  }
  return registry;
}
