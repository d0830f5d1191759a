import { OrderStatus } from '@hub/order-model';
import { ShopifyAdapter } from '../shopify/shopify.adapter';
import type { AggregatorAdapter } from './aggregator-adapter';
import { AdapterRegistry, createDefaultRegistry } from './adapter.registry';

describe('AdapterRegistry', () => {
  it('registers every code adapter and every declarative platform, each under its route name', () => {
    const registry = createDefaultRegistry();
    expect(registry.platforms()).toEqual([
      'chowly',
      'deliveroo',
      'doordash',
      'dotpe',
      'foodics',
      'freshmenu',
      'gloriafood',
      'google',
      'olo',
      'opentable',
      'petpooja',
      'posist',
      'revel',
      'shopify',
      'simphony',
      'square',
      'swiggy',
      'toast',
      'ubereats',
      'woocommerce',
      'zomato',
    ]);
    for (const platform of registry.platforms()) expect(registry.get(platform).platform).toBe(platform);
  });

  it('polls the polled platforms and the webhook platforms with an order list, and no other', () => {
    const registry = createDefaultRegistry();
    expect(registry.pollablePlatforms()).toEqual([
      'gloriafood',
      'opentable',
      'posist',
      'revel',
      'shopify',
      'simphony',
      'square',
    ]);
    expect(registry.findPoller('zomato')).toBeUndefined();
    expect(registry.findPoller('revel')).toBe(registry.get('revel'));
  });

  it('selects by canHandle, so an adapter may answer for more than one name', () => {
    const alias: AggregatorAdapter = Object.assign(new ShopifyAdapter(), {
      canHandle: (platform: string) => platform === 'shopify' || platform === 'shopify_pos',
    });
    const registry = new AdapterRegistry().register(alias);
    expect(registry.get('shopify_pos')).toBe(alias);
    expect(registry.find('zomato')).toBeUndefined();
  });

  it('names the platforms it knows when asked for one it does not', () => {
    expect(() => createDefaultRegistry().get('talabat')).toThrow(
      'no adapter handles "talabat"; known platforms: chowly, deliveroo',
    );
  });

  it('refuses two adapters for one platform', () => {
    expect(() => new AdapterRegistry().register(new ShopifyAdapter()).register(new ShopifyAdapter())).toThrow(
      'an adapter for "shopify" is already registered',
    );
  });

  it('every adapter answers every canonical status with a name, nothing, or AdapterCapabilityUnsupported', () => {
    const registry = createDefaultRegistry();
    for (const platform of registry.platforms()) {
      for (const status of Object.values(OrderStatus)) {
        try {
          const name = registry.get(platform).mapStatus(status);
          expect(name === undefined || typeof name === 'string').toBe(true);
        } catch (error) {
          expect((error as Error).name).toBe('AdapterCapabilityUnsupported');
        }
      }
    }
  });
});
