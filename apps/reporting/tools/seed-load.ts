/**
 * Seeds reporting's read models with a synthetic load, straight into order_facts and the hourly
 * aggregates (never through NATS), for measure-reports.ts. Not a test; never part of `npm test`.
 *
 *   node -r @swc-node/register apps/reporting/tools/seed-load.ts --database-url postgres://…/scratch \
 *     [--orders 1000000] [--venues 50] [--channels 8] [--days 30] [--batch 5000]
 *
 * Refuses a database whose read models are not empty. Each order is built with the projections' own
 * functions (derive, placeOrder, orderContribution), so the aggregates are exactly what the events
 * would have produced; facts go in with multi-row INSERT … SELECT unnest(…) in batches.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { AggregateAccumulator, AggregateDeltas, orderContribution } from '../src/read-model/contributions';
import { derive, emptyOrderFact, OrderFact, placeOrder } from '../src/read-model/order-fact';
import { ReadModelRepository } from '../src/read-model/read-model.repository';
import { ProgressBar } from './progress-bar';
import { openReportingDatabase } from './scale-database';

const ZONES: ReadonlyArray<[string, string]> = [
  ['Asia/Kolkata', 'INR'],
  ['America/New_York', 'USD'],
  ['Europe/London', 'GBP'],
  ['Asia/Dubai', 'AED'],
  ['Asia/Singapore', 'SGD'],
];
const CHANNELS = [
  'zomato',
  'swiggy',
  'ubereats',
  'doordash',
  'qr',
  'web',
  'kiosk',
  'call_center',
  'waiter',
  'app',
];
const DELIVERY = new Set(['zomato', 'swiggy', 'ubereats', 'doordash']);

/** mulberry32: a small deterministic generator, so two seeds of the same size hold the same data. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uuidFrom(n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}

const MINUTE = 60_000;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'database-url': { type: 'string' },
      orders: { type: 'string', default: '1000000' },
      venues: { type: 'string', default: '50' },
      channels: { type: 'string', default: '8' },
      days: { type: 'string', default: '30' },
      batch: { type: 'string', default: '5000' },
    },
  });
  const url = values['database-url'] ?? process.env.DATABASE_URL;
  if (!url) throw new Error('give --database-url (a scratch database: the seed fills it)');
  const orders = Number(values.orders);
  const venueCount = Number(values.venues);
  const channels = CHANNELS.slice(0, Number(values.channels));
  const days = Number(values.days);
  const batch = Number(values.batch);

  const dataSource = await openReportingDatabase(url);
  const manager = dataSource.manager;
  const repository = new ReadModelRepository();
  const [{ n }] = await manager.query<Array<{ n: string }>>('SELECT count(*) AS n FROM order_facts');
  if (Number(n) > 0) throw new Error(`order_facts already holds ${n} rows: seed an empty (scratch) database`);

  const venues = Array.from({ length: venueCount }, (_, i) => {
    const [timeZone, currency] = ZONES[i % ZONES.length];
    return { venueId: `load-venue-${String(i + 1).padStart(2, '0')}`, timeZone, currency };
  });
  await manager.query(
    `INSERT INTO venues (venue_id, time_zone, time_zone_set_by) SELECT v, z, 'seed-load' FROM unnest($1::text[], $2::text[]) AS t(v, z)`,
    [venues.map((v) => v.venueId), venues.map((v) => v.timeZone)],
  );

  const random = generator(42);
  const settings = { defaultPrepMinutes: 30 };
  const end = Date.UTC(2026, 10, 30);
  const start = end - days * 24 * 60 * MINUTE;
  const sums = new AggregateAccumulator();
  const bar = new ProgressBar('seed-load orders');
  const began = Date.now();
  let facts: OrderFact[] = [];

  for (let i = 0; i < orders; i++) {
    const venue = venues[Math.floor(random() * venues.length)];
    const channel = channels[Math.floor(random() * channels.length)];
    // lunch and dinner peaks: a local-ish hour weighted to 12–14 and 19–22
    const day = Math.floor(random() * days);
    const peak = random() < 0.7 ? (random() < 0.45 ? 12 : 19) + random() * 3 : 8 + random() * 16;
    const placedAt = new Date(start + day * 24 * 60 * MINUTE + peak * 60 * MINUTE);
    const total = 1000 + Math.floor(random() * 9000) * (venue.currency === 'INR' ? 10 : 1);
    const roll = random();
    const acceptedAt = new Date(placedAt.getTime() + (1 + random() * 2) * MINUTE);
    const readyAt = new Date(acceptedAt.getTime() + (8 + random() * 35) * MINUTE);
    const delivery = DELIVERY.has(channel);
    let fact: OrderFact = {
      ...emptyOrderFact(uuidFrom(i + 1), venue.venueId),
      channel,
      orderType: delivery ? 'delivery' : 'dine_in',
      displayNumber: String(i % 10000),
      currency: venue.currency,
      placedAt,
      total,
      items: 1 + Math.floor(random() * 5),
      lines: 1 + Math.floor(random() * 3),
      tickets: 1 + Math.floor(random() * 3),
      acceptedAt,
    };
    if (roll < 0.05) {
      fact = {
        ...fact,
        status: 'cancelled',
        cancelledAt: new Date(acceptedAt.getTime() + 3 * MINUTE),
        voids: 1,
      };
    } else if (roll < 0.08) {
      fact = { ...fact, status: 'rejected', acceptedAt: null, tickets: 0, rejectedAt: acceptedAt };
    } else {
      const dispatchedAt = delivery ? new Date(readyAt.getTime() + (2 + random() * 10) * MINUTE) : null;
      const completedAt = new Date((dispatchedAt ?? readyAt).getTime() + 15 * MINUTE);
      fact = {
        ...fact,
        status: 'completed',
        startedAt: new Date(acceptedAt.getTime() + MINUTE),
        readyAt,
        dispatchedAt,
        completedAt,
        paid: total,
        paymentStatus: 'paid',
      };
      if (roll > 0.97)
        fact = {
          ...fact,
          status: 'refunded',
          refundedAt: completedAt,
          refunded: total,
          paymentStatus: 'refunded',
        };
      else if (roll > 0.95)
        fact = { ...fact, refunded: Math.floor(total / 4), paymentStatus: 'partially_refunded' };
    }
    fact = placeOrder(
      derive({ ...fact, statusAt: fact.completedAt ?? acceptedAt }, settings),
      venue.timeZone,
    );
    sums.addOrder(orderContribution(fact));
    facts.push(fact);
    if (facts.length >= batch) {
      await repository.insertOrderFacts(manager, facts);
      facts = [];
      bar.update(i + 1, orders);
    }
  }
  await repository.insertOrderFacts(manager, facts);
  bar.finish(orders, orders);

  const deltas = sums.deltas();
  const chunk = 10_000;
  for (let i = 0; i < Math.max(deltas.orderHourly.length, deltas.orderPrepBins.length); i += chunk) {
    const part: AggregateDeltas = {
      orderHourly: deltas.orderHourly.slice(i, i + chunk),
      orderPrepBins: deltas.orderPrepBins.slice(i, i + chunk),
      stationHourly: [],
      stationPrepBins: [],
    };
    await repository.applyDeltas(manager, part);
  }
  await manager.query('ANALYZE order_facts');
  await manager.query('ANALYZE order_hourly');
  await manager.query('ANALYZE order_prep_bins');
  const [sizes] = await manager.query<Array<Record<string, string>>>(
    `SELECT (SELECT count(*) FROM order_facts) AS orders, (SELECT count(*) FROM order_hourly) AS hourly,
            (SELECT count(*) FROM order_prep_bins) AS bins, (SELECT sum(orders) FROM order_hourly) AS counted`,
  );
  process.stdout.write(
    `seeded ${sizes.orders} orders (${venueCount} venues, ${channels.length} channels, ${days} days) in ${((Date.now() - began) / 1000).toFixed(1)} s: ` +
      `${sizes.hourly} order_hourly rows, ${sizes.bins} order_prep_bins rows, ${sizes.counted} orders counted in the aggregates\n`,
  );
  await dataSource.destroy();
}

main().catch((error: Error) => {
  process.stderr.write(`\nseed-load failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
