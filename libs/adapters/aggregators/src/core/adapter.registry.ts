import { DECLARATIVE_PLATFORMS, DECLARATIVE_PRESETS } from '../declarative/declarative.presets';
import { DeclarativeAdapter } from '../declarative/declarative.adapter';
import { DeliverooAdapter } from '../deliveroo/deliveroo.adapter';
import { DoorDashAdapter } from '../doordash/doordash.adapter';
import { GloriaFoodAdapter } from '../gloriafood/gloriafood.adapter';
import { OloAdapter } from '../olo/olo.adapter';
import { ShopifyAdapter } from '../shopify/shopify.adapter';
import { SquareAdapter } from '../square/square.adapter';
import { ToastAdapter } from '../toast/toast.adapter';
import { UberEatsAdapter } from '../ubereats/ubereats.adapter';
import { WooCommerceAdapter } from '../woocommerce/woocommerce.adapter';
import type { AggregatorAdapter } from './aggregator-adapter';

/**
 * Every code adapter, selected by `canHandle(platform)`: no code outside an adapter branches on
 * platform names. Registering two adapters for one platform is a programming error.
 */
export class AdapterRegistry {
  private readonly adapters: AggregatorAdapter[] = [];

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
    .register(new DoorDashAdapter());
  // configuration-driven platforms: the integration's mapping, else the shipped preset
  for (const platform of DECLARATIVE_PLATFORMS) {
    registry.register(new DeclarativeAdapter(platform, DECLARATIVE_PRESETS[platform]));
  }
  return registry;
}
