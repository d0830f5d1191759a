import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Role } from '@hub/auth';
import { loadEnv } from '@hub/config';
import type { OrderDraftDto, OrderModifierDto } from '@hub/contracts';
import { OrderType } from '@hub/order-model';
import { serviceUrl, startService } from '@hub/service-kit';
import { TestEnvironment } from '@hub/testing';
import { CreateMenuVersion1764000000000 } from '../../migrations/1764000000000-CreateMenuVersion';
import { AppModule, MENU_MAPPING_SERVICE } from '../../src/app.module';
import { MenuMappingEnv } from '../../src/config/env.dto';
import { OrderValidator } from '../../src/orders/order-validator';
import type { ValidationResult } from '../../src/resolution/validate-order';
import type { PoolClient } from 'pg';

/**
 * The per-process cache of each venue's menu snapshot, with two menu-mapping instances (replicas)
 * on one real Postgres: every menu change, through either instance's API or straight in SQL, is
 * seen by the next order on both; a timed 86 runs out in the cache; a cached order reads no snapshot.
 */
jest.setTimeout(60_000);

const BRAND = 'cache-brand';
const VENUE = 'cache-venue';

const MENU = {
  currency: 'INR',
  modifierGroups: [
    {
      code: 'EXTRAS',
      name: 'Extras',
      min: 0,
      max: 2,
      modifiers: [
        { code: 'BUTTER', name: 'Butter', price: 1000 },
        { code: 'CHEESE', name: 'Cheese', price: 2000 },
      ],
    },
  ],
  items: [
    { code: 'NAAN', name: 'Butter Naan', price: 6000, station: 'tandoor', modifierGroups: ['EXTRAS'] },
    { code: 'DAL', name: 'Dal Makhani', price: 26000, station: 'curry' },
    { code: 'KULFI', name: 'Kulfi', price: 11000, station: 'dessert' },
  ],
};

function draft(
  code: string,
  price: number,
  modifiers: OrderModifierDto[] = [],
  platform = 'qr',
): OrderDraftDto {
  const subtotal = price + modifiers.reduce((sum, m) => sum + m.unitPrice * m.quantity, 0);
  return {
    venueId: VENUE,
    channel: platform,
    externalId: `cache-${randomUUID()}`,
    orderType: OrderType.DELIVERY,
    placedAt: new Date().toISOString(),
    customer: { name: 'Guest' },
    items: [{ lineId: '1', externalCode: code, name: code, quantity: 1, unitPrice: price, modifiers }],
    totals: { subtotal, tax: 0, discount: 0, deliveryFee: 0, tip: 0, total: subtotal, currency: 'INR' },
    source: { platform, storeRef: `${platform}-store`, rawDeliveryId: randomUUID() },
  };
}

const reasonCodes = (result: ValidationResult) => (result.ok ? [] : result.reasons.map((r) => r.code));

describe('menu snapshot cache across two menu-mapping instances', () => {
  let environment: TestEnvironment;
  let apps: INestApplication[];
  let urls: string[];
  let headOffice: string;

  async function ok(instance: number, method: string, path: string, body?: unknown) {
    const response = await fetch(`${urls[instance]}${path}`, {
      method,
      headers: { authorization: `Bearer ${headOffice}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : {};
  }

  /** Validates as the order consumer does (in a transaction), counting the statements it sends. */
  async function validate(
    instance: number,
    order: OrderDraftDto,
  ): Promise<{ result: ValidationResult; statements: string[] }> {
    const app = apps[instance];
    return app.get(DataSource).transaction(async (manager) => {
      // counted on the connection itself: some statements are prepared ones sent past TypeORM
      const client = (await manager.queryRunner!.connect()) as PoolClient;
      const spy = jest.spyOn(client, 'query');
      const result = await app.get(OrderValidator).validate(order, manager);
      const statements = spy.mock.calls.map(([query]) =>
        typeof query === 'string' ? query : (query as { text: string }).text,
      );
      spy.mockRestore();
      return { result, statements };
    });
  }

  /** Both instances, twice each (the second from the cache unless the first reloaded it). */
  async function everywhere(order: () => OrderDraftDto): Promise<ValidationResult[]> {
    const results: ValidationResult[] = [];
    for (const instance of [0, 1, 0, 1]) results.push((await validate(instance, order())).result);
    return results;
  }

  const isSnapshotRead = (sql: string) => sql.includes('row_to_json(v)');

  beforeAll(async () => {
    environment = await TestEnvironment.create();
    const env = loadEnv(
      MenuMappingEnv,
      environment.env({
        MENU_MAPPING_PORT: '0',
        // the sweep would lift a timed 86 by deleting it (a menu change); the cache must not need it
        MENU_AVAILABILITY_SWEEP_MS: '3600000',
        MENU_PRICE_TOLERANCE_MINOR: '0',
      }),
    );
    apps = [];
    urls = [];
    for (let i = 0; i < 2; i++) {
      const app = await startService({
        name: MENU_MAPPING_SERVICE,
        description: MENU_MAPPING_SERVICE,
        module: AppModule.forRoot(env),
        env,
        port: 0,
        host: '127.0.0.1',
      });
      apps.push(app);
      urls.push(await serviceUrl(app));
    }
    headOffice = environment.token(Role.HEAD_OFFICE, '*');
    await ok(0, 'PUT', `/v1/brands/${BRAND}`, { name: 'Cache Brand', currency: 'INR' });
    await ok(0, 'PUT', `/v1/venues/${VENUE}/menu/settings`, { brandId: BRAND, name: 'Cache Venue' });
    await ok(0, 'POST', `/v1/brands/${BRAND}/menu/import`, MENU);
  });

  afterAll(async () => {
    for (const app of apps ?? []) await app.close();
    await environment?.stop();
  });

  it('validates a cached order with one statement and no snapshot read', async () => {
    await validate(0, draft('DAL', 26000)); // loads (or reloads) the cache
    const cached = await validate(0, draft('DAL', 26000));
    expect(cached.result.ok).toBe(true);
    expect(cached.statements).toHaveLength(1);
    expect(cached.statements.some(isSnapshotRead)).toBe(false);

    await environment.query("UPDATE menu.menu_items SET name = 'Dal' WHERE code = 'DAL'");
    const reloaded = await validate(0, draft('DAL', 26000));
    expect(reloaded.statements).toHaveLength(2);
    expect(reloaded.statements.filter(isSnapshotRead)).toHaveLength(1);
    expect(reloaded.result.ok && reloaded.result.order.items[0].name).toBe('Dal');
  });

  it("sees a venue's price override made through the other instance's API", async () => {
    await everywhere(() => draft('KULFI', 11000));
    await ok(1, 'PUT', `/v1/venues/${VENUE}/menu/items/KULFI/override`, { price: 12000, station: null });
    expect((await everywhere(() => draft('KULFI', 11000))).map(reasonCodes)).toEqual(
      Array(4).fill(['PRICE_MISMATCH']),
    );
    expect((await everywhere(() => draft('KULFI', 12000))).every((r) => r.ok)).toBe(true);
  });

  it('sees an item 86ed and back through the API', async () => {
    expect((await everywhere(() => draft('NAAN', 6000))).every((r) => r.ok)).toBe(true);
    await ok(0, 'PUT', `/v1/venues/${VENUE}/menu/availability/items/NAAN`, { available: false });
    expect((await everywhere(() => draft('NAAN', 6000))).map(reasonCodes)).toEqual(
      Array(4).fill(['ITEM_UNAVAILABLE']),
    );
    await ok(1, 'PUT', `/v1/venues/${VENUE}/menu/availability/items/NAAN`, { available: true });
    expect((await everywhere(() => draft('NAAN', 6000))).every((r) => r.ok)).toBe(true);
  });

  it("sees a modifier's new price and a modifier 86ed", async () => {
    const butter = (price: number) => [
      { name: 'Butter', externalCode: 'BUTTER', quantity: 1, unitPrice: price },
    ];
    expect((await everywhere(() => draft('NAAN', 6000, butter(1000)))).every((r) => r.ok)).toBe(true);
    await ok(1, 'POST', `/v1/brands/${BRAND}/menu/import`, {
      ...MENU,
      modifierGroups: [
        {
          ...MENU.modifierGroups[0],
          modifiers: [{ code: 'BUTTER', name: 'Butter', price: 1500 }, MENU.modifierGroups[0].modifiers[1]],
        },
      ],
    });
    expect((await everywhere(() => draft('NAAN', 6000, butter(1000)))).map(reasonCodes)).toEqual(
      Array(4).fill(['PRICE_MISMATCH']),
    );
    expect((await everywhere(() => draft('NAAN', 6000, butter(1500)))).every((r) => r.ok)).toBe(true);
    await ok(0, 'PUT', `/v1/venues/${VENUE}/menu/availability/modifiers/BUTTER`, { available: false });
    expect((await everywhere(() => draft('NAAN', 6000, butter(1500)))).map(reasonCodes)).toEqual(
      Array(4).fill(['MODIFIER_UNAVAILABLE']),
    );
    await ok(0, 'PUT', `/v1/venues/${VENUE}/menu/availability/modifiers/BUTTER`, { available: true });
  });

  it('resolves through a mapping published on the other instance', async () => {
    const path = `/v1/venues/${VENUE}/menu/mappings/swiggy`;
    const publish = async (instance: number, targetCode: string) => {
      await ok(instance, 'PUT', `${path}/draft`, {
        entries: [{ kind: 'item', matchType: 'variation', platformCode: 'SW-1', targetCode }],
      });
      await ok(instance, 'POST', `${path}/publish`, { force: true });
    };
    await publish(0, 'DAL');
    const names = async () =>
      (await everywhere(() => draft('SW-1', 26000, [], 'swiggy'))).map((r) => r.ok && r.order.items[0].name);
    expect(await names()).toEqual(Array(4).fill('Dal Makhani')); // the import named it again
    await publish(1, 'KULFI');
    const flagged = await everywhere(() => draft('SW-1', 26000, [], 'swiggy'));
    expect(flagged.map(reasonCodes)).toEqual(Array(4).fill(['PRICE_MISMATCH']));
  });

  it("sees a change made straight in SQL (another replica's, any code path) on both instances", async () => {
    expect((await everywhere(() => draft('DAL', 26000))).every((r) => r.ok)).toBe(true);
    await environment.query(
      "UPDATE menu.menu_items SET station = 'grill' WHERE code = 'DAL' AND brand_id = $1",
      [BRAND],
    );
    const results = await everywhere(() => draft('DAL', 26000));
    expect(results.map((r) => r.ok && r.order.items[0].station)).toEqual(Array(4).fill('grill'));
  });

  it('lets a timed 86 run out in the cache, with no menu change to tell it', async () => {
    const until = new Date(Date.now() + 3000).toISOString();
    await ok(0, 'PUT', `/v1/venues/${VENUE}/menu/availability/items/KULFI`, { available: false, until });
    const [version] = await environment.query<{ version: string }>('SELECT version FROM menu.menu_version');
    expect((await everywhere(() => draft('KULFI', 12000))).map(reasonCodes)).toEqual(
      Array(4).fill(['ITEM_UNAVAILABLE']),
    );
    expect((await validate(0, draft('KULFI', 12000))).statements).toHaveLength(1); // cached
    await new Promise((resolve) => setTimeout(resolve, Date.parse(until) - Date.now() + 50));

    const after = await validate(0, draft('KULFI', 12000));
    expect(after.result.ok).toBe(true);
    expect(after.statements.filter(isSnapshotRead)).toHaveLength(1);
    expect((await validate(1, draft('KULFI', 12000))).result.ok).toBe(true);
    // the 86 row is still there (no sweep): the cache expired by time, not by a version bump
    expect(await environment.query('SELECT version FROM menu.menu_version')).toEqual([version]);
    expect(
      await environment.query('SELECT 1 FROM menu.unavailability WHERE venue_id = $1', [VENUE]),
    ).toHaveLength(1);
  });

  it('bumps the version once per changing transaction, not for statements that change nothing', async () => {
    const version = async () =>
      BigInt(
        (await environment.query<{ version: string }>('SELECT version FROM menu.menu_version'))[0].version,
      );
    const start = await version();
    await environment.query("UPDATE menu.menu_items SET price = price WHERE code = 'NOTHING'");
    await environment.query("DELETE FROM menu.unavailability WHERE until <= now() - interval '1 day'");
    expect(await version()).toBe(start);
    await environment.query('UPDATE menu.menu_items SET position = position + 1 WHERE brand_id = $1', [
      BRAND,
    ]);
    expect(await version()).toBe(start + 1n);
    await environment.query('TRUNCATE menu.venue_item_overrides');
    expect(await version()).toBe(start + 2n);
  });

  it('has a reversible migration', async () => {
    const runner = apps[0].get(DataSource).createQueryRunner();
    try {
      const migration = new CreateMenuVersion1764000000000();
      await migration.down(runner);
      expect(await runner.query("SELECT to_regclass('menu.menu_version') AS t")).toEqual([{ t: null }]);
      await migration.up(runner);
      await environment.query("UPDATE menu.menu_items SET name = 'Dal Makhani' WHERE code = 'DAL'");
      expect((await validate(1, draft('DAL', 26000))).result).toMatchObject({
        ok: true,
        order: { items: [{ name: 'Dal Makhani' }] },
      });
    } finally {
      await runner.release();
    }
  });
});
