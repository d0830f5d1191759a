import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { Role } from '@hub/auth';
import { loadEnv } from '@hub/config';
import {
  createEnvelope,
  EventEnvelope,
  INTAKE_ORDER_RECEIVED_V1,
  MENU_AVAILABILITY_CHANGED_V1,
  MENU_ORDER_MAPPED_V1,
  MENU_ORDER_NEEDS_ATTENTION_V1,
  MenuAvailabilityChangedV1,
  MenuOrderMappedV1,
  OrderDraftDto,
  OrderModifierDto,
  STREAMS,
} from '@hub/contracts';
import { wireStreamName, wireSubject } from '@hub/messaging';
import { OrderType } from '@hub/order-model';
import { serviceUrl, startService } from '@hub/service-kit';
import { eventually, TestEnvironment } from '@hub/testing';
import { AppModule, MENU_MAPPING_SERVICE } from '../../src/app.module';
import { MenuMappingEnv } from '../../src/config/env.dto';

/**
 * menu-mapping booted in this process on real Postgres and JetStream, driven through its API and by
 * `intake.v1.order-received` events, with every result read back from the MENU stream.
 */
jest.setTimeout(60_000);

const BRAND = 'e2e-brand';
const VENUE_A = 'venue-a';
const VENUE_B = 'venue-b';

const MENU = {
  currency: 'INR',
  categories: [
    { code: 'starters', name: 'Starters' },
    { code: 'drinks', name: 'Drinks' },
  ],
  modifierGroups: [
    {
      code: 'SPICE',
      name: 'Spice level',
      min: 1,
      max: 1,
      modifiers: [
        { code: 'MILD', name: 'Mild', price: 0, default: true },
        { code: 'HOT', name: 'Hot', price: 0 },
      ],
    },
    {
      code: 'DIP',
      name: 'Dip',
      min: 1,
      max: 1,
      modifiers: [
        { code: 'MINT', name: 'Mint chutney', price: 0 },
        { code: 'TAMARIND', name: 'Tamarind chutney', price: 0 },
      ],
    },
    {
      code: 'EXTRAS',
      name: 'Extras',
      min: 0,
      max: 2,
      modifiers: [
        { code: 'BUTTER', name: 'Butter', price: 1000 },
        { code: 'CHEESE', name: 'Cheese', price: 2000, allergens: ['dairy'] },
        { code: 'GARLIC', name: 'Garlic', price: 500 },
      ],
    },
  ],
  items: [
    {
      code: 'PANEER-TIKKA',
      name: 'Paneer Tikka',
      category: 'starters',
      price: 28000,
      station: 'tandoor',
      prepTimeSeconds: 720,
      allergens: ['dairy'],
      plu: '101',
      sku: 'SKU-PT',
      modifierGroups: ['SPICE', 'DIP'],
    },
    {
      code: 'CHICKEN-TIKKA',
      name: 'Chicken Tikka',
      category: 'starters',
      price: 32000,
      station: 'tandoor',
      plu: '102',
    },
    { code: 'NAAN', name: 'Butter Naan', price: 6000, station: 'tandoor', modifierGroups: ['EXTRAS'] },
    { code: 'DAL', name: 'Dal Makhani', price: 26000, station: 'curry' },
    { code: 'BUTTER-CHICKEN', name: 'Butter Chicken', price: 38000, station: 'curry' },
    {
      code: 'MANGO-LASSI',
      name: 'Mango Lassi',
      category: 'drinks',
      price: 12000,
      station: 'bar',
      plu: '201',
    },
    { code: 'KULFI', name: 'Kulfi', price: 11000, station: 'dessert' },
  ],
  combos: [
    {
      code: 'THALI',
      name: 'Thali',
      price: 45000,
      station: 'curry',
      components: [
        {
          code: 'MAIN',
          name: 'Main',
          default: 'DAL',
          options: [{ item: 'DAL' }, { item: 'BUTTER-CHICKEN', upcharge: 5000 }],
        },
      ],
    },
  ],
};

interface Line {
  code: string;
  name?: string;
  price: number;
  quantity?: number;
  modifiers?: OrderModifierDto[];
}

function draft(platform: string, lines: Line[], venueId = VENUE_A): OrderDraftDto {
  const items = lines.map((line, i) => ({
    lineId: String(i + 1),
    externalCode: line.code,
    name: line.name ?? line.code,
    quantity: line.quantity ?? 1,
    unitPrice: line.price,
    modifiers: line.modifiers ?? [],
  }));
  const subtotal = items.reduce((sum, i) => sum + i.quantity * i.unitPrice, 0);
  return {
    venueId,
    channel: platform,
    externalId: `e2e-${randomUUID()}`,
    orderType: OrderType.DELIVERY,
    placedAt: new Date().toISOString(),
    customer: { name: 'Guest' },
    items,
    totals: { subtotal, tax: 0, discount: 0, deliveryFee: 0, tip: 0, total: subtotal, currency: 'INR' },
    source: { platform, storeRef: `${platform}-store`, rawDeliveryId: randomUUID() },
  };
}

const mod = (name: string, unitPrice = 0, externalCode?: string): OrderModifierDto => ({
  name,
  quantity: 1,
  unitPrice,
  ...(externalCode ? { externalCode } : {}),
});

describe('menu-mapping on real Postgres and JetStream', () => {
  let environment: TestEnvironment;
  let app: INestApplication;
  let url: string;
  let nc: NatsConnection;
  let headOffice: string;
  let managerA: string;
  let staffA: string;

  async function call(
    method: string,
    path: string,
    token: string,
    body?: unknown,
    contentType = 'application/json',
  ): Promise<{ status: number; body: Record<string, unknown> & Record<number, Record<string, unknown>> }> {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': contentType }),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : {} };
  }

  async function ok(method: string, path: string, body?: unknown, token = headOffice) {
    const result = await call(method, path, token, body);
    if (result.status >= 300)
      throw new Error(`${method} ${path}: ${result.status} ${JSON.stringify(result.body)}`);
    return result.body;
  }

  /** Every event of a subject on the MENU stream, oldest first. */
  async function menuEvents<T>(subject: string): Promise<Array<EventEnvelope<T>>> {
    const jsm = await jetstreamManager(nc);
    const stream = wireStreamName(environment.namespace, STREAMS.MENU);
    const info = await jsm.streams.info(stream);
    const events: Array<EventEnvelope<T>> = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
      const message = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
      if (message?.subject === wireSubject(environment.namespace, subject)) events.push(message.json());
    }
    return events;
  }

  /** Publishes an order as intake would and waits for menu-mapping's verdict on the stream. */
  async function receive(order: OrderDraftDto): Promise<{
    subject: string;
    envelope: EventEnvelope<
      MenuOrderMappedV1 & { reasons?: Array<{ code: string; message: string; lineId?: string }> }
    >;
  }> {
    const deliveryId = randomUUID();
    const envelope = createEnvelope(
      INTAKE_ORDER_RECEIVED_V1,
      { deliveryId, order },
      {
        venueId: order.venueId,
        aggregateType: 'delivery',
        aggregateId: deliveryId,
        correlationId: deliveryId,
      },
    );
    await jetstream(nc).publish(
      wireSubject(environment.namespace, INTAKE_ORDER_RECEIVED_V1),
      JSON.stringify(envelope),
      {
        msgID: envelope.id,
      },
    );
    return eventually(
      async () => {
        for (const subject of [MENU_ORDER_MAPPED_V1, MENU_ORDER_NEEDS_ATTENTION_V1]) {
          const found = (await menuEvents<MenuOrderMappedV1>(subject)).find(
            (e) => e.correlationId === deliveryId,
          );
          if (found) return { subject, envelope: found };
        }
        return undefined;
      },
      10_000,
      `menu-mapping's verdict on ${order.externalId}`,
    );
  }

  beforeAll(async () => {
    environment = await TestEnvironment.create();
    const env = loadEnv(
      MenuMappingEnv,
      environment.env({
        MENU_MAPPING_PORT: '0',
        MENU_AVAILABILITY_SWEEP_MS: '250',
        MENU_PRICE_TOLERANCE_MINOR: '0',
        MENU_RECENT_ORDERS_PER_VENUE: '10',
      }),
    );
    app = await startService({
      name: MENU_MAPPING_SERVICE,
      description: MENU_MAPPING_SERVICE,
      module: AppModule.forRoot(env),
      env,
      port: 0,
      host: '127.0.0.1',
    });
    url = await serviceUrl(app);
    nc = await connect({ servers: environment.natsUrl });
    headOffice = environment.token(Role.HEAD_OFFICE, '*');
    managerA = environment.token(Role.MANAGER, [VENUE_A], undefined, 'manager-a');
    staffA = environment.token(Role.STAFF, [VENUE_A], undefined, 'staff-a');
    await ok('PUT', `/v1/brands/${BRAND}`, { name: 'E2E Brand', currency: 'INR' });
    await ok('PUT', `/v1/venues/${VENUE_A}/menu/settings`, { brandId: BRAND, name: 'Venue A' });
    await ok('PUT', `/v1/venues/${VENUE_B}/menu/settings`, { brandId: BRAND, name: 'Venue B' });
  });

  afterAll(async () => {
    await nc?.close();
    await app?.close();
    await environment?.stop();
  });

  describe('POS import', () => {
    it('imports a JSON export, and importing it again changes nothing and keeps every id', async () => {
      const first = await ok('POST', `/v1/brands/${BRAND}/menu/import`, MENU);
      expect(first).toMatchObject({
        unchanged: false,
        categories: { created: 2, updated: 0, unchanged: 0 },
        modifierGroups: { created: 3 },
        modifiers: { created: 7 },
        items: { created: 8, updated: 0, unchanged: 0 },
      });
      const before = await ok('GET', `/v1/brands/${BRAND}/menu`);
      const updatedAt = await environment.query('SELECT id, updated_at FROM menu.menu_items ORDER BY id');

      const again = await ok('POST', `/v1/brands/${BRAND}/menu/import`, MENU);
      expect(again).toEqual({
        brandId: BRAND,
        categories: { created: 0, updated: 0, unchanged: 2 },
        modifierGroups: { created: 0, updated: 0, unchanged: 3 },
        modifiers: { created: 0, updated: 0, unchanged: 7 },
        items: { created: 0, updated: 0, unchanged: 8 },
        linksChanged: 0,
        unchanged: true,
      });
      expect(await ok('GET', `/v1/brands/${BRAND}/menu`)).toEqual(before);
      expect(await environment.query('SELECT id, updated_at FROM menu.menu_items ORDER BY id')).toEqual(
        updatedAt,
      );

      const venueMenu = await ok('GET', `/v1/venues/${VENUE_A}/menu`, undefined, staffA);
      const paneer = (venueMenu.items as unknown as Array<Record<string, unknown>>).find(
        (i) => i.code === 'PANEER-TIKKA',
      );
      expect(paneer).toMatchObject({
        price: 28000,
        station: 'tandoor',
        categoryCode: 'starters',
        prepTimeSeconds: 720,
        allergens: ['dairy'],
        groupCodes: ['SPICE', 'DIP'],
        available: true,
      });
      expect(venueMenu.comboComponents).toEqual([
        expect.objectContaining({ code: 'MAIN', defaultItemCode: 'DAL', quantity: 1 }),
      ]);
    });

    it('imports a CSV export idempotently, and names the line of a bad row', async () => {
      const csv = [
        'type,code,name,parent,category,price,station,prep_time_seconds,allergens,plu,sku,modifier_groups,min,max,default,quantity,options,description,position',
        'item,MASALA-CHAI,Masala Chai,,drinks,6000,bar,180,dairy,301,,,,,,,,"Ginger, cardamom",',
        'item,GULAB-JAMUN,Gulab Jamun,,,9000,dessert,,,,,,,,,,,,',
      ].join('\n');
      const first = await call('POST', `/v1/brands/${BRAND}/menu/import/csv`, headOffice, csv, 'text/csv');
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ items: { created: 2 }, unchanged: false });
      const again = await call('POST', `/v1/brands/${BRAND}/menu/import/csv`, headOffice, csv, 'text/csv');
      expect(again.body).toMatchObject({ items: { created: 0, updated: 0, unchanged: 2 }, unchanged: true });

      const notCsv = await call('POST', `/v1/brands/${BRAND}/menu/import/csv`, headOffice, { items: [] });
      expect(notCsv).toEqual({
        status: 415,
        body: {
          statusCode: 415,
          error: 'Unsupported Media Type',
          message: 'send the CSV export with content-type: text/csv',
        },
      });
      const bad = await call(
        'POST',
        `/v1/brands/${BRAND}/menu/import/csv`,
        headOffice,
        csv.replace('6000,bar', 'six,bar'),
        'text/csv',
      );
      expect(bad).toEqual({
        status: 400,
        body: {
          statusCode: 400,
          error: 'Bad Request',
          message: ['line 2: price must be a whole number, got "six"'],
        },
      });
    });

    it('refuses a bad JSON import with 400 naming every field, and changes nothing', async () => {
      const bad = await call('POST', `/v1/brands/${BRAND}/menu/import`, headOffice, {
        items: [{ code: 'X', name: 'X', price: -1, station: 'Tandoor', modifierGroups: ['NOPE'] }],
      });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^items\.0\.price must not be less than 0/),
          expect.stringMatching(/^items\.0\.station must be a lowercase station name/),
        ]),
      );
      const unknownGroup = await call('POST', `/v1/brands/${BRAND}/menu/import`, headOffice, {
        items: [{ code: 'X', name: 'X', price: 100, station: 'bar', modifierGroups: ['NOPE'] }],
      });
      expect(unknownGroup.body.message).toEqual(['items.0.modifierGroups.0: unknown modifier group NOPE']);
      expect(await environment.query("SELECT id FROM menu.menu_items WHERE code = 'X'")).toEqual([]);
    });
  });

  describe('validating received orders', () => {
    it('maps a clean order with internal ids, names, stations, defaults and combo choices', async () => {
      const verdict = await receive(
        draft('qr', [
          { code: 'PANEER-TIKKA', price: 28000, modifiers: [mod('Mint chutney')] },
          { code: 'THALI', price: 45000, modifiers: [mod('Butter Chicken', 5000)] },
          { code: 'MANGO-LASSI', price: 12000, quantity: 2 },
        ]),
      );
      expect(verdict.subject).toBe(MENU_ORDER_MAPPED_V1);
      const items = verdict.envelope.payload.order.items;
      expect(items.map((i) => [i.name, i.station, typeof i.menuItemId])).toEqual([
        ['Paneer Tikka', 'tandoor', 'string'],
        ['Thali', 'curry', 'string'],
        ['Mango Lassi', 'bar', 'string'],
      ]);
      expect(items[0].modifiers.map((m) => m.name)).toEqual(['Mint chutney', 'Mild']);
      expect(items[1].modifiers.map((m) => [m.name, m.unitPrice])).toEqual([['Butter Chicken', 5000]]);
    });

    it('lists every min/max violation by group name', async () => {
      const verdict = await receive(
        draft('qr', [
          { code: 'PANEER-TIKKA', price: 28000, modifiers: [mod('Hot'), mod('Mild')] },
          {
            code: 'NAAN',
            price: 6000,
            modifiers: [mod('Butter', 1000), mod('Cheese', 2000), mod('Garlic', 500)],
          },
        ]),
      );
      expect(verdict.subject).toBe(MENU_ORDER_NEEDS_ATTENTION_V1);
      expect(verdict.envelope.payload.reasons).toEqual([
        {
          code: 'MODIFIER_MAX',
          lineId: '1',
          message: 'Paneer Tikka: Spice level allows at most 1 choice(s), got 2',
        },
        { code: 'MODIFIER_MIN', lineId: '1', message: 'Paneer Tikka: Dip needs at least 1 choice(s), got 0' },
        {
          code: 'MODIFIER_MAX',
          lineId: '2',
          message: 'Butter Naan: Extras allows at most 2 choice(s), got 3',
        },
      ]);
    });

    it('flags a price outside the tolerance and never passes a zero price', async () => {
      const verdict = await receive(
        draft('qr', [
          { code: 'DAL', price: 25000 },
          { code: 'KULFI', price: 0 },
        ]),
      );
      expect(verdict.envelope.payload.reasons?.map((r) => [r.code, r.lineId])).toEqual([
        ['PRICE_MISMATCH', '1'],
        ['ZERO_PRICE', '2'],
      ]);
      await ok('PUT', `/v1/venues/${VENUE_A}/menu/settings`, { brandId: BRAND, priceToleranceMinor: 1000 });
      try {
        const within = await receive(draft('qr', [{ code: 'DAL', price: 25000 }]));
        expect(within.subject).toBe(MENU_ORDER_MAPPED_V1);
      } finally {
        await ok('PUT', `/v1/venues/${VENUE_A}/menu/settings`, { brandId: BRAND });
      }
    });

    it("flags an 86'd item, emits the availability event once per change, and lifts a timed 86 by itself", async () => {
      const until = new Date(Date.now() + 3600_000).toISOString();
      const set = await ok(
        'PUT',
        `/v1/venues/${VENUE_A}/menu/availability/items/MANGO-LASSI`,
        { available: false, until, reason: 'out of mangoes' },
        staffA,
      );
      expect(set).toMatchObject({ code: 'MANGO-LASSI', available: false, until, changed: true });
      const again = await ok(
        'PUT',
        `/v1/venues/${VENUE_A}/menu/availability/items/MANGO-LASSI`,
        { available: false, until, reason: 'out of mangoes' },
        staffA,
      );
      expect(again.changed).toBe(false);

      const announced = await eventually(
        async () => {
          const events = await menuEvents<MenuAvailabilityChangedV1>(MENU_AVAILABILITY_CHANGED_V1);
          const lassi = events.filter((e) => e.payload.code === 'MANGO-LASSI');
          return lassi.length > 0 ? lassi : undefined;
        },
        5000,
        'the availability event',
      );
      expect(announced).toHaveLength(1);
      expect(announced[0]).toMatchObject({
        venueId: VENUE_A,
        aggregateType: 'menu-item',
        payload: {
          kind: 'item',
          code: 'MANGO-LASSI',
          name: 'Mango Lassi',
          available: false,
          until,
          reason: 'out of mangoes',
          changedBy: 'staff-a',
        },
      });
      const listed = await ok('GET', `/v1/venues/${VENUE_A}/menu/availability`, undefined, staffA);
      expect(listed).toEqual([
        expect.objectContaining({ code: 'MANGO-LASSI', until, reason: 'out of mangoes' }),
      ]);

      const flagged = await receive(draft('qr', [{ code: 'MANGO-LASSI', price: 12000 }]));
      expect(flagged.subject).toBe(MENU_ORDER_NEEDS_ATTENTION_V1);
      expect(flagged.envelope.payload.reasons).toEqual([
        {
          code: 'ITEM_UNAVAILABLE',
          lineId: '1',
          message: `Mango Lassi (MANGO-LASSI) is marked unavailable at ${VENUE_A} until ${until}`,
        },
      ]);
      // the other venue of the brand still sells it
      expect((await receive(draft('qr', [{ code: 'MANGO-LASSI', price: 12000 }], VENUE_B))).subject).toBe(
        MENU_ORDER_MAPPED_V1,
      );

      await ok(
        'PUT',
        `/v1/venues/${VENUE_A}/menu/availability/items/MANGO-LASSI`,
        { available: true },
        staffA,
      );
      expect((await receive(draft('qr', [{ code: 'MANGO-LASSI', price: 12000 }]))).subject).toBe(
        MENU_ORDER_MAPPED_V1,
      );

      // a modifier 86'd for a second: lifted and announced by the sweep
      const soon = new Date(Date.now() + 1000).toISOString();
      await ok(
        'PUT',
        `/v1/venues/${VENUE_A}/menu/availability/modifiers/CHEESE`,
        { available: false, until: soon },
        managerA,
      );
      const lifted = await eventually(
        async () =>
          (await menuEvents<MenuAvailabilityChangedV1>(MENU_AVAILABILITY_CHANGED_V1)).find(
            (e) => e.payload.code === 'CHEESE' && e.payload.available,
          ),
        8000,
        'the 86 of CHEESE to be lifted',
      );
      expect(lifted.payload).toMatchObject({ kind: 'modifier', changedBy: 'system' });
      const lassiEvents = (await menuEvents<MenuAvailabilityChangedV1>(MENU_AVAILABILITY_CHANGED_V1)).filter(
        (e) => e.payload.code === 'MANGO-LASSI',
      );
      expect(lassiEvents.map((e) => e.payload.available)).toEqual([false, true]);
    });
  });

  describe('mapping and re-injection', () => {
    it('keeps an order with an unknown code waiting; once the mapping is fixed it is re-injected and flows on once', async () => {
      const order = draft('swiggy', [
        { code: 'SW-555', name: 'Panner Tikka (8 pcs)', price: 28000, modifiers: [mod('Mint chutney')] },
        { code: 'MANGO-LASSI', price: 12000 },
      ]);
      const verdict = await receive(order);
      expect(verdict.subject).toBe(MENU_ORDER_NEEDS_ATTENTION_V1);
      expect(verdict.envelope.payload.reasons).toEqual([
        {
          code: 'UNMAPPED_ITEM',
          lineId: '1',
          message: `item code SW-555 (Panner Tikka (8 pcs)) is not on the menu of ${VENUE_A}`,
        },
      ]);

      const waiting = (await ok(
        'GET',
        `/v1/venues/${VENUE_A}/menu/attention?platform=swiggy`,
        undefined,
        staffA,
      )) as unknown as Array<Record<string, unknown>>;
      expect(waiting).toHaveLength(1);
      expect(waiting[0]).toMatchObject({ externalId: order.externalId, state: 'waiting', channel: 'swiggy' });
      const attentionId = waiting[0].id as string;

      const unmapped = (await ok(
        'GET',
        `/v1/venues/${VENUE_A}/menu/mappings/swiggy/unmapped`,
        undefined,
        managerA,
      )) as unknown as Array<Record<string, unknown>>;
      expect(unmapped).toEqual([
        expect.objectContaining({ kind: 'item', code: 'SW-555', name: 'Panner Tikka (8 pcs)', orders: 1 }),
      ]);
      const suggestions = unmapped[0].suggestions as Array<{ code: string; basis: string; score: number }>;
      expect(suggestions[0]).toMatchObject({ code: 'PANEER-TIKKA', basis: 'name' });
      expect(suggestions[0].score).toBeGreaterThan(0.5);
      const byPlu = await ok(
        'GET',
        `/v1/venues/${VENUE_A}/menu/mappings/swiggy/suggestions?kind=item&code=102`,
        undefined,
        managerA,
      );
      expect(byPlu[0]).toMatchObject({ code: 'CHICKEN-TIKKA', basis: 'plu', score: 1 });

      // a draft changes nothing until it is published
      await ok(
        'PUT',
        `/v1/venues/${VENUE_A}/menu/mappings/swiggy/draft`,
        { entries: [{ kind: 'item', matchType: 'plu', platformCode: 'SW-555', targetCode: 'PANEER-TIKKA' }] },
        managerA,
      );
      const stillWaiting = await call(
        'POST',
        `/v1/venues/${VENUE_A}/menu/attention/${attentionId}/reinject`,
        managerA,
        {},
      );
      expect(stillWaiting).toMatchObject({ status: 200, body: { state: 'waiting' } });

      const published = await ok('POST', `/v1/venues/${VENUE_A}/menu/mappings/swiggy/publish`, {}, managerA);
      expect(published).toMatchObject({
        version: 1,
        report: { fromVersion: null, toVersion: 1, nowFailing: [] },
      });
      expect(
        (published.report as unknown as { nowPassing: Array<{ externalId: string }> }).nowPassing.map(
          (o) => o.externalId,
        ),
      ).toContain(order.externalId);

      const reinjected = await call(
        'POST',
        `/v1/venues/${VENUE_A}/menu/attention/${attentionId}/reinject`,
        managerA,
        {
          note: 'mapped SW-555',
        },
      );
      expect(reinjected).toMatchObject({ status: 200, body: { state: 'resolved', reasons: [] } });
      const twice = await call(
        'POST',
        `/v1/venues/${VENUE_A}/menu/attention/${attentionId}/reinject`,
        managerA,
        {},
      );
      expect(twice.status).toBe(409);

      const mapped = (await menuEvents<MenuOrderMappedV1>(MENU_ORDER_MAPPED_V1)).filter(
        (e) => e.correlationId === verdict.envelope.correlationId,
      );
      expect(mapped).toHaveLength(1);
      expect(mapped[0].id).toBe(reinjected.body.mappedEventId);
      expect(mapped[0].payload.order.externalId).toBe(order.externalId);
      expect(mapped[0].payload.order.items.map((i) => [i.externalCode, i.name, i.station])).toEqual([
        ['SW-555', 'Paneer Tikka', 'tandoor'],
        ['MANGO-LASSI', 'Mango Lassi', 'bar'],
      ]);
      const resolved = await ok(
        'GET',
        `/v1/venues/${VENUE_A}/menu/attention/${attentionId}`,
        undefined,
        staffA,
      );
      expect(resolved).toMatchObject({
        state: 'resolved',
        resolvedBy: 'manager-a',
        mappedEventId: mapped[0].id,
      });

      // the next order with that code maps straight away
      expect(
        (await receive(draft('swiggy', [{ code: 'SW-555', price: 28000, modifiers: [mod('Mint chutney')] }])))
          .subject,
      ).toBe(MENU_ORDER_MAPPED_V1);
    });

    it('lets a person substitute a line and re-inject', async () => {
      const verdict = await receive(draft('swiggy', [{ code: 'SW-999', name: 'Mystery', price: 11000 }]));
      expect(verdict.subject).toBe(MENU_ORDER_NEEDS_ATTENTION_V1);
      const [row] = (await ok(
        'GET',
        `/v1/venues/${VENUE_A}/menu/attention?platform=swiggy`,
        undefined,
        staffA,
      )) as unknown as Array<Record<string, string>>;
      const badLine = await call(
        'POST',
        `/v1/venues/${VENUE_A}/menu/attention/${row.id}/reinject`,
        managerA,
        {
          substitutions: [{ lineId: '7', itemCode: 'KULFI' }],
        },
      );
      expect(badLine).toMatchObject({
        status: 400,
        body: { message: ['substitutions.0.lineId: the order has no line 7'] },
      });
      const done = await call('POST', `/v1/venues/${VENUE_A}/menu/attention/${row.id}/reinject`, managerA, {
        substitutions: [{ lineId: '1', itemCode: 'KULFI' }],
      });
      expect(done.body).toMatchObject({ state: 'resolved' });
      const mapped = (await menuEvents<MenuOrderMappedV1>(MENU_ORDER_MAPPED_V1)).filter(
        (e) => e.correlationId === verdict.envelope.correlationId,
      );
      expect(mapped.map((e) => e.payload.order.items[0].name)).toEqual(['Kulfi']);
    });

    it('tries a new version on recent orders before publishing it, and a rollback restores the earlier behaviour', async () => {
      const path = `/v1/venues/${VENUE_A}/menu/mappings/zomato`;
      await ok(
        'PUT',
        `${path}/draft`,
        { entries: [{ kind: 'item', matchType: 'sku', platformCode: 'Z-1', targetCode: 'PANEER-TIKKA' }] },
        managerA,
      );
      await ok('POST', `${path}/publish`, { note: 'first' }, managerA);
      const underV1 = await receive(
        draft('zomato', [{ code: 'Z-1', price: 28000, modifiers: [mod('Mint chutney')] }]),
      );
      expect(underV1.envelope.payload.order.items[0].name).toBe('Paneer Tikka');

      // v2 points Z-1 at another item: the order that passed would now fail on its price
      await ok(
        'PUT',
        `${path}/draft`,
        {
          replace: true,
          entries: [{ kind: 'item', matchType: 'sku', platformCode: 'Z-1', targetCode: 'CHICKEN-TIKKA' }],
        },
        managerA,
      );
      const report = await ok('POST', `${path}/dry-run`, undefined, managerA);
      expect(report).toMatchObject({
        fromVersion: 1,
        toVersion: 2,
        checked: 1,
        nowPassing: [],
        stillFailing: 0,
      });
      expect(report.nowFailing).toEqual([
        expect.objectContaining({
          externalId: underV1.envelope.payload.order.externalId,
          reasons: [
            expect.objectContaining({ code: 'PRICE_MISMATCH' }),
            // Chicken Tikka takes no dip
            expect.objectContaining({ code: 'UNMAPPED_MODIFIER' }),
          ],
        }),
      ]);
      const refused = await call('POST', `${path}/publish`, managerA, {});
      expect(refused.status).toBe(409);
      expect(refused.body.message).toContain('would fail 1 recent order(s) that pass today');
      expect((await ok('POST', `${path}/publish`, { force: true }, managerA)).version).toBe(2);

      const underV2 = await receive(
        draft('zomato', [{ code: 'Z-1', price: 28000, modifiers: [mod('Mint chutney')] }]),
      );
      expect(underV2.subject).toBe(MENU_ORDER_NEEDS_ATTENTION_V1);

      const rolledBack = await ok('POST', `${path}/rollback`, {}, managerA);
      expect(rolledBack).toMatchObject({ activeVersion: 1 });
      expect(
        (rolledBack.versions as unknown as Array<{ number: number; active: boolean }>).map((v) => [
          v.number,
          v.active,
        ]),
      ).toEqual([
        [1, true],
        [2, false],
      ]);
      const afterRollback = await receive(
        draft('zomato', [{ code: 'Z-1', price: 28000, modifiers: [mod('Mint chutney')] }]),
      );
      expect(afterRollback.subject).toBe(MENU_ORDER_MAPPED_V1);
      expect(afterRollback.envelope.payload.order.items[0].name).toBe('Paneer Tikka');
    });

    it("resolves through the brand-wide mapping, with a venue's own entries winning", async () => {
      const brandPath = `/v1/brands/${BRAND}/menu/mappings/ubereats`;
      await ok('PUT', `${brandPath}/draft`, {
        entries: [{ kind: 'item', matchType: 'variation', platformCode: 'UE-9', targetCode: 'DAL' }],
      });
      const brandWide = await ok('POST', `${brandPath}/publish`, {});
      expect(brandWide).toMatchObject({ version: 1, report: { venueId: null, fromVersion: null } });
      await ok(
        'PUT',
        `/v1/venues/${VENUE_A}/menu/mappings/ubereats/draft`,
        { entries: [{ kind: 'item', matchType: 'variation', platformCode: 'UE-9', targetCode: 'KULFI' }] },
        managerA,
      );
      await ok('POST', `/v1/venues/${VENUE_A}/menu/mappings/ubereats/publish`, {}, managerA);
      const atB = await receive(draft('ubereats', [{ code: 'UE-9', price: 26000 }], VENUE_B));
      expect(atB.envelope.payload.order.items[0].name).toBe('Dal Makhani');
      const atA = await receive(draft('ubereats', [{ code: 'UE-9', price: 11000 }]));
      expect(atA.envelope.payload.order.items[0].name).toBe('Kulfi');
      expect((await call('GET', brandPath, managerA)).status).toBe(403);
    });

    it('keeps only the newest orders of a venue for dry runs', async () => {
      const received: string[] = [];
      for (let n = 0; n < 12; n++) {
        const result = await receive(draft('swiggy', [{ code: 'KULFI', price: 11000 }], VENUE_B));
        received.push(result.envelope.payload.order.externalId);
      }
      const kept = await environment.query<{ external_id: string }>(
        'SELECT external_id FROM menu.recent_orders WHERE venue_id = $1 ORDER BY id DESC',
        [VENUE_B],
      );
      expect(kept.map((r) => r.external_id)).toEqual(received.slice(-10).reverse());
    });

    it('puts the platform codes of an item in its availability event', async () => {
      await ok(
        'PUT',
        `/v1/venues/${VENUE_A}/menu/availability/items/PANEER-TIKKA`,
        { available: false },
        managerA,
      );
      const event = await eventually(
        async () =>
          (await menuEvents<MenuAvailabilityChangedV1>(MENU_AVAILABILITY_CHANGED_V1)).find(
            (e) => e.payload.code === 'PANEER-TIKKA',
          ),
        5000,
        'the availability event of PANEER-TIKKA',
      );
      expect(event.payload.platformCodes).toEqual([
        { platform: 'swiggy', code: 'SW-555' },
        { platform: 'zomato', code: 'Z-1' },
      ]);
      await ok(
        'PUT',
        `/v1/venues/${VENUE_A}/menu/availability/items/PANEER-TIKKA`,
        { available: true },
        managerA,
      );
    });
  });

  describe('access', () => {
    it("refuses a manager of venue A anything of venue B's menu, and the brand menu", async () => {
      const refusals: Array<[string, string, unknown?]> = [
        ['GET', `/v1/venues/${VENUE_B}/menu`],
        ['GET', `/v1/venues/${VENUE_B}/menu/items`],
        ['PUT', `/v1/venues/${VENUE_B}/menu/items/DAL/override`, { price: 1, station: null }],
        ['PUT', `/v1/venues/${VENUE_B}/menu/availability/items/DAL`, { available: false }],
        ['GET', `/v1/venues/${VENUE_B}/menu/attention`],
        ['PUT', `/v1/venues/${VENUE_B}/menu/mappings/swiggy/draft`, { entries: [] }],
        ['POST', `/v1/venues/${VENUE_B}/menu/mappings/swiggy/publish`, {}],
      ];
      for (const [method, path, body] of refusals) {
        const refused = await call(method, path, managerA, body);
        expect({ path, ...refused }).toEqual({
          path,
          status: 403,
          body: {
            statusCode: 403,
            error: 'Forbidden',
            message: `this token is not scoped to venue ${VENUE_B}`,
          },
        });
      }
      for (const [method, path, body] of [
        ['GET', `/v1/brands/${BRAND}/menu`, undefined],
        ['POST', `/v1/brands/${BRAND}/menu/import`, MENU],
        ['PUT', `/v1/venues/${VENUE_A}/menu/settings`, { brandId: BRAND }],
      ] as const) {
        expect((await call(method, path, managerA, body)).status).toBe(403);
      }
      // a head-office token for venue A only is not head office of the whole brand
      const partial = environment.token(Role.HEAD_OFFICE, [VENUE_A]);
      expect((await call('GET', `/v1/brands/${BRAND}/menu`, partial)).body.message).toBe(
        `this token is not scoped to every venue of brand ${BRAND} (${VENUE_B})`,
      );
      // while the manager runs their own venue's menu
      const own = await ok(
        'PUT',
        `/v1/venues/${VENUE_A}/menu/items/DAL/override`,
        { price: 27000, station: null },
        managerA,
      );
      expect(own).toMatchObject({ code: 'DAL', price: 27000, station: 'curry' });
      const venueB = await ok('GET', `/v1/venues/${VENUE_B}/menu/items`);
      expect(
        (venueB as unknown as Array<{ code: string; price: number }>).find((i) => i.code === 'DAL')?.price,
      ).toBe(26000);
      const legacy = await call('PUT', `/v1/venues/${VENUE_A}/menu/items/DAL`, managerA, {
        name: 'Dal Makhani',
        price: 26500,
        currency: 'INR',
        station: 'curry',
      });
      expect(legacy).toMatchObject({ status: 200, body: { price: 26500 } });
      const rename = await call('PUT', `/v1/venues/${VENUE_A}/menu/items/DAL`, managerA, {
        name: 'Dal',
        price: 26500,
        currency: 'INR',
        station: 'curry',
      });
      expect(rename.status).toBe(403);
    });

    it('describes every route in its OpenAPI document', async () => {
      const document = (await (await fetch(`${url}/docs/openapi.json`)).json()) as {
        paths: Record<string, unknown>;
      };
      expect(Object.keys(document.paths)).toEqual(
        expect.arrayContaining([
          '/v1/brands/{brandId}/menu/import',
          '/v1/brands/{brandId}/menu/import/csv',
          '/v1/venues/{venueId}/menu/items/{code}',
          '/v1/venues/{venueId}/menu/availability/{kind}/{code}',
          '/v1/venues/{venueId}/menu/mappings/{platform}/publish',
          '/v1/venues/{venueId}/menu/mappings/{platform}/rollback',
          '/v1/venues/{venueId}/menu/attention/{id}/reinject',
        ]),
      );
    });

    it('answers 400 naming the field of a bad request', async () => {
      const bad = await call('PUT', `/v1/venues/${VENUE_A}/menu/availability/items/DAL`, managerA, {
        available: 'no',
        until: 'tonight',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toEqual(
        expect.arrayContaining([expect.stringMatching(/^available /), expect.stringMatching(/^until /)]),
      );
      const badKind = await call('PUT', `/v1/venues/${VENUE_A}/menu/availability/tables/DAL`, managerA, {
        available: false,
      });
      expect(badKind.body.message).toEqual(['kind must be items or modifiers']);
    });
  });
});
