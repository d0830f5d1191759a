import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Browser, BrowserContext, chromium, Locator, Page } from 'playwright-core';
import { Role } from '@hub/auth';
import { io } from 'socket.io-client';
import {
  CanonicalOrderDto,
  createEnvelope,
  ORDERS_ITEMS_ADDED_V1,
  ORDERS_ITEMS_VOIDED_V1,
  ORDERS_STATUS_CHANGED_V1,
  OrderItemDto,
  OrderItemsAddedV1,
  OrderItemsVoidedV1,
  OrderStatusChangedV1,
  SocketAck,
} from '@hub/contracts';
import { ActorType, OrderPriority, OrderStatus, OrderType } from '@hub/order-model';
import { eventually, InProcessService } from '@hub/testing';
import { startKotRouter } from './support/boot';

/** Debian's chromium; CI installs it. Never a downloaded browser build. */
const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = join(__dirname, '../../../../tmp/kds.png');
const VENUE = 'venue-a';
const OTHER_VENUE = 'venue-b';
const STATION = 'tandoor';

const haveChromium = existsSync(CHROMIUM);
const describeInChromium = haveChromium ? describe : describe.skip;
if (!haveChromium) {
  process.stderr.write(`kds.e2e-spec: SKIPPED, ${CHROMIUM} is not installed (apt-get install -y chromium)\n`);
}

jest.setTimeout(30_000);

interface TicketRow {
  id: string;
  seq: number;
  kind: string;
  shown_at: Date | null;
  acked_at: Date | null;
  bumped_at: Date | null;
}

function line(
  lineId: string,
  name: string,
  quantity: number,
  station: string,
  extra: Partial<OrderItemDto> = {},
) {
  return {
    lineId,
    externalCode: name.toUpperCase().replace(/ /g, '-'),
    name,
    quantity,
    unitPrice: 10000,
    modifiers: [],
    station,
    ...extra,
  } as OrderItemDto;
}

function order(displayNumber: string, items: OrderItemDto[]): CanonicalOrderDto {
  const subtotal = items.reduce((sum, item) => sum + item.unitPrice * item.quantity, 0);
  return {
    id: randomUUID(),
    status: OrderStatus.ACCEPTED,
    displayNumber,
    venueId: VENUE,
    channel: 'qr',
    externalId: `kds-${displayNumber}-${randomUUID()}`,
    orderType: OrderType.DINE_IN,
    placedAt: new Date().toISOString(),
    customer: { name: `Table ${displayNumber}` },
    items,
    totals: { subtotal, tax: 0, discount: 0, deliveryFee: 0, tip: 0, total: subtotal, currency: 'INR' },
    source: { platform: 'qr', storeRef: VENUE, rawDeliveryId: randomUUID() },
    payment: { status: 'pending', payments: [] },
  } as unknown as CanonicalOrderDto;
}

describeInChromium('kot-router: the KDS page in headless Chromium', () => {
  let service: InProcessService;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  let navigations = 0;
  let first: CanonicalOrderDto;

  async function publishStatus(target: CanonicalOrderDto, from: OrderStatus, to: OrderStatus): Promise<void> {
    const payload: OrderStatusChangedV1 = {
      orderId: target.id,
      from,
      to,
      actor: { type: ActorType.SYSTEM, id: 'kds-e2e' },
      at: new Date().toISOString(),
      order: { ...target, status: to },
    };
    await service.publish(
      createEnvelope(ORDERS_STATUS_CHANGED_V1, payload, {
        venueId: VENUE,
        aggregateType: 'order',
        aggregateId: target.id,
        correlationId: target.id,
      }),
    );
  }

  function ticketsOf(target: CanonicalOrderDto): Promise<TicketRow[]> {
    return service.environment.query<TicketRow>(
      'SELECT id, seq, kind, shown_at, acked_at, bumped_at FROM kot.tickets WHERE order_id = $1 AND station = $2 ORDER BY seq',
      [target.id, STATION],
    );
  }

  async function ticketWhere(
    target: CanonicalOrderDto,
    what: string,
    holds: (row: TicketRow) => boolean,
  ): Promise<TicketRow> {
    return eventually(
      async () => (await ticketsOf(target)).find((row) => row.kind === 'new' && holds(row)),
      5000,
      `the ${STATION} ticket of ${target.displayNumber} ${what}`,
    );
  }

  function card(displayNumber: string): Locator {
    return page.locator('#board .card').filter({
      has: page.locator('.num', { hasText: new RegExp(`^${displayNumber}$`) }),
    });
  }

  async function boardNumbers(): Promise<string[]> {
    return page.locator('#board .card .num').allTextContents();
  }

  beforeAll(async () => {
    // both at once; whichever started is stopped in afterAll even when the other failed
    const [started, launched] = await Promise.allSettled([
      startKotRouter(),
      chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      }),
    ]);
    if (started.status === 'fulfilled') service = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
    context = await browser.newContext({ viewport: { width: 1280, height: 760 } });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations += 1;
    });
  });

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  it('serves the page, its assets and the socket.io client without a token', async () => {
    const html = await fetch(`${service.url}/kds`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html.headers.get('content-security-policy')).toContain("script-src 'self'");
    for (const [path, type] of [
      ['/kds/kds.js', /^text\/javascript/],
      ['/kds/kds.css', /^text\/css/],
      ['/socket.io/socket.io.min.js', /javascript/],
    ] as const) {
      const response = await fetch(`${service.url}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      expect(response.headers.get('content-type')).toMatch(type);
    }
  });

  it("shows a published order's station lines as a card, with the token out of the address bar", async () => {
    const token = service.environment.token(Role.STATION, [VENUE], STATION);
    await page.goto(`${service.url}/kds?token=${token}&warn=5&late=10`);
    await page.locator('#conn.conn-connected').waitFor({ timeout: 5000 });
    expect(page.url()).toBe(`${service.url}/kds?warn=5&late=10`);
    expect(await page.evaluate('sessionStorage.getItem("kds.token")')).toBe(token);
    await expect(page.locator('#station').textContent()).resolves.toBe(STATION);

    first = order('0001', [
      line('1', 'Paneer Tikka', 2, 'tandoor', {
        modifiers: [{ name: 'Extra char', quantity: 1, unitPrice: 0 }],
        notes: 'no onion',
      }),
      line('2', 'Garlic Naan', 3, 'tandoor'),
      line('3', 'Dal Makhani', 1, 'curry'),
    ]);
    await publishStatus(first, OrderStatus.RECEIVED, OrderStatus.ACCEPTED);

    const shown = card('0001');
    await shown.waitFor({ timeout: 5000 });
    const text = await shown.innerText();
    expect(text).toContain('NEW');
    expect(text).toContain('QR · Dine-in');
    expect(text).toMatch(/2×\s*Paneer Tikka/);
    expect(text).toContain('+ Extra char');
    expect(text).toContain('Note: no onion');
    expect(text).toMatch(/3×\s*Garlic Naan/);
    expect(text).not.toContain('Dal Makhani'); // the curry station's line
    await expect(shown.locator('.age').textContent()).resolves.toMatch(/^0:0\d$/);
    expect(await shown.getAttribute('class')).toContain('age-ok');
    expect(await page.evaluate('window.kds.chimes')).toBe(1);
    // the page answered the ticket's acknowledgement: the server marked it shown
    await ticketWhere(first, 'to be marked shown', (row) => row.shown_at !== null);
  });

  it('a tap starts the ticket (ticket:ack), Bump takes it off and Recall brings it back', async () => {
    const shown = card('0001');
    await shown.locator('.items').click();
    await shown.locator('.badge-started:visible').waitFor({ timeout: 5000 });
    expect(await shown.getAttribute('class')).toContain('started');
    await ticketWhere(first, 'to be acknowledged', (row) => row.acked_at !== null);

    await shown.getByRole('button', { name: 'BUMP' }).click();
    await shown.waitFor({ state: 'detached', timeout: 5000 });
    await ticketWhere(first, 'to be bumped', (row) => row.bumped_at !== null);
    const chip = page.locator('#bumped .chip', { hasText: '0001' });
    await chip.waitFor({ timeout: 5000 });

    await chip.getByRole('button', { name: 'Recall' }).click();
    await card('0001').waitFor({ timeout: 5000 });
    await chip.waitFor({ state: 'detached', timeout: 5000 });
    await ticketWhere(first, 'to be recalled', (row) => row.bumped_at === null);
    await expect(card('0001').locator('.badge-started').isVisible()).resolves.toBe(true);
  });

  it("a cancellation replaces the order's card with a VOID card", async () => {
    await publishStatus(first, OrderStatus.ACCEPTED, OrderStatus.CANCELLED);
    await page.locator('#board .card[data-kind="void"]').waitFor({ timeout: 5000 });
    expect(await card('0001').count()).toBe(1);
    const voided = card('0001');
    expect(await voided.getAttribute('data-kind')).toBe('void');
    expect(await voided.innerText()).toContain('VOID');
    const strike = `getComputedStyle(document.querySelector('.card[data-kind="void"] .items')).textDecorationLine`;
    expect(await page.evaluate(strike)).toBe('line-through');
  });

  it('after a lost connection, the tickets published meanwhile appear once each, in order, without a reload', async () => {
    await page.evaluate('window.__sameDocument = true');
    const navigationsBefore = navigations;
    const second = order('0002', [line('1', 'Chicken Tikka', 1, 'tandoor')]);
    const third = order('0003', [line('1', 'Garlic Naan', 2, 'tandoor')]);

    await context.setOffline(true);
    await page.locator('#conn.conn-reconnecting').waitFor({ timeout: 5000 });
    await publishStatus(second, OrderStatus.RECEIVED, OrderStatus.ACCEPTED);
    await publishStatus(third, OrderStatus.RECEIVED, OrderStatus.ACCEPTED);
    // the two events may be handled in either order: the station's seq decides the board's order
    const stored = [
      { number: '0002', seq: (await ticketWhere(second, 'to be stored', () => true)).seq },
      { number: '0003', seq: (await ticketWhere(third, 'to be stored', () => true)).seq },
    ].sort((a, b) => a.seq - b.seq);
    await page.waitForTimeout(300); // the live broadcast has gone out, to no one
    expect(await boardNumbers()).toEqual(['0001']);

    await context.setOffline(false);
    await card(stored[1].number).waitFor({ timeout: 10_000 }); // the last one of the replay
    await page.locator('#conn.conn-connected').waitFor({ timeout: 5000 });
    await page.waitForTimeout(300); // room for a duplicate, were one coming
    expect(await boardNumbers()).toEqual(['0001', ...stored.map((ticket) => ticket.number)]);
    const seqs = (await page.evaluate(
      "[...document.querySelectorAll('#board .card')].map((card) => Number(card.dataset.seq))",
    )) as number[];
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(await page.evaluate('window.__sameDocument')).toBe(true);
    expect(navigations).toBe(navigationsBefore);
    const [lastTicket] = await service.environment.query<{ seq: number }>(
      'SELECT max(seq) AS seq FROM kot.tickets WHERE venue_id = $1 AND station = $2',
      [VENUE, STATION],
    );
    expect(await page.evaluate('window.kds.lastSeq')).toBe(lastTicket.seq);
    expect(pageErrors).toEqual([]);
  });

  it('a reload in the same tab keeps the board: started cards, the bumped strip, nothing twice', async () => {
    await card('0002').locator('.items').click();
    await card('0002').locator('.badge-started:visible').waitFor({ timeout: 5000 });
    await card('0003').getByRole('button', { name: 'BUMP' }).click();
    await page.locator('#bumped .chip', { hasText: '0003' }).waitFor({ timeout: 5000 });

    await page.reload();
    await page.locator('#conn.conn-connected').waitFor({ timeout: 5000 });
    await page.waitForTimeout(300); // the sync after joining has answered
    expect(await boardNumbers()).toEqual(['0001', '0002']);
    await expect(card('0002').locator('.badge-started').isVisible()).resolves.toBe(true);
    expect(await page.locator('#bumped .chip-num').allTextContents()).toEqual(['0003']);

    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    expect(pageErrors).toEqual([]);
  });

  it("colours a card by its age against the query's thresholds", async () => {
    const fresh = await browser.newContext();
    try {
      const other = await fresh.newPage();
      const token = service.environment.token(Role.STATION, [VENUE], STATION);
      // amber after 0.001 min (60 ms), red only after an hour
      await other.goto(`${service.url}/kds?token=${token}&warn=0.001&late=60`);
      const late = other
        .locator('#board .card')
        .filter({ has: other.locator('.num', { hasText: /^0002$/ }) });
      await late.waitFor({ timeout: 5000 });
      await eventually(
        async () => ((await late.getAttribute('class'))?.includes('age-warn') ? true : undefined),
        3000,
        'card 0002 to turn amber',
      );
      expect(await late.getAttribute('class')).not.toContain('age-late');
    } finally {
      await fresh.close();
    }
  });

  it("shows the server's refusal for a token of another venue, then opens a station from the form", async () => {
    const other = await browser.newContext();
    try {
      const refused = await other.newPage();
      const token = service.environment.token(Role.STATION, [OTHER_VENUE], STATION);
      await refused.goto(`${service.url}/kds?token=${token}&venueId=${VENUE}`);
      const indicator = refused.locator('#conn.conn-refused');
      await indicator.waitFor({ timeout: 5000 });
      expect(await indicator.textContent()).toBe(`refused: this token is not scoped to venue ${VENUE}`);
      await expect(refused.locator('#login').isVisible()).resolves.toBe(true);
      expect(await refused.locator('#board .card').count()).toBe(0);

      // a manager's token names the station (the venue is prefilled from the address)
      await refused.locator('#login-token').fill(service.environment.token(Role.MANAGER, [VENUE]));
      await refused.locator('#login-station').fill(STATION);
      await refused.getByRole('button', { name: 'Open' }).click();
      await refused.locator('#conn.conn-connected').waitFor({ timeout: 5000 });
      await expect(refused.locator('#login').isVisible()).resolves.toBe(false);
      await refused.locator('#board .card[data-kind="void"]').waitFor({ timeout: 5000 });
    } finally {
      await other.close();
    }
  });

  it('shows the daily number largest, RUSH and VIP badges, and puts rush and VIP cards first', async () => {
    const normal = order('0101', [line('1', 'Tandoori Roti', 2, 'tandoor')]);
    const rush = { ...order('0102', [line('1', 'Seekh Kebab', 1, 'tandoor')]), priority: OrderPriority.RUSH };
    const vip = { ...order('0103', [line('1', 'Malai Tikka', 1, 'tandoor')]), priority: OrderPriority.VIP };
    for (const target of [normal, rush, vip]) {
      await publishStatus(target, OrderStatus.RECEIVED, OrderStatus.ACCEPTED);
      await card(target.displayNumber).waitFor({ timeout: 5000 });
    }
    const numbers = await boardNumbers();
    expect(numbers.indexOf('0103')).toBe(0);
    expect(numbers.indexOf('0102')).toBe(1);
    expect(numbers.indexOf('0101')).toBeGreaterThan(1);
    await expect(card('0102').locator('.badge-rush').textContent()).resolves.toBe('RUSH');
    await expect(card('0103').locator('.badge-vip').textContent()).resolves.toBe('VIP');
    expect(await card('0101').locator('.badge-rush, .badge-vip').count()).toBe(0);
    const [row] = await service.environment.query<{ ticket: { dailyNumber: number } }>(
      "SELECT ticket FROM kot.tickets WHERE order_id = $1 AND kind = 'new'",
      [normal.id],
    );
    await expect(card('0101').locator('.daily').textContent()).resolves.toBe(`#${row.ticket.dailyNumber}`);
    const size = (selector: string) =>
      page.evaluate(
        `parseFloat(getComputedStyle(document.querySelector('.card[data-order-id="${normal.id}"] ${selector}')).fontSize)`,
      ) as Promise<number>;
    expect(await size('.daily')).toBeGreaterThan(await size('.num'));
  });

  it("shows an addition with only its lines, and strikes a voided line out on the order's card", async () => {
    const target = order('0110', [
      line('1', 'Butter Naan', 2, 'tandoor'),
      line('2', 'Tandoori Aloo', 1, 'tandoor'),
    ]);
    await publishStatus(target, OrderStatus.RECEIVED, OrderStatus.ACCEPTED);
    await card('0110').waitFor({ timeout: 5000 });
    const meta = { venueId: VENUE, aggregateType: 'order', aggregateId: target.id, correlationId: target.id };
    const added = line('3', 'Laccha Paratha', 1, 'tandoor');
    await service.publish(
      createEnvelope<OrderItemsAddedV1>(
        ORDERS_ITEMS_ADDED_V1,
        {
          orderId: target.id,
          venueId: VENUE,
          lineIds: ['3'],
          items: [added],
          actor: { type: ActorType.STAFF, id: 'waiter-1' },
          at: new Date().toISOString(),
          order: { ...target, items: [...target.items, added] },
        },
        meta,
      ),
    );
    const addition = page.locator('#board .card[data-kind="addition"]', { hasText: 'Laccha Paratha' });
    await addition.waitFor({ timeout: 5000 });
    const additionText = await addition.innerText();
    expect(additionText).toContain('ADDITION');
    expect(additionText).not.toContain('Butter Naan');

    await service.publish(
      createEnvelope<OrderItemsVoidedV1>(
        ORDERS_ITEMS_VOIDED_V1,
        {
          orderId: target.id,
          venueId: VENUE,
          lineIds: ['2'],
          items: [target.items[1]],
          reason: 'out of potatoes',
          actor: { type: ActorType.STAFF, id: 'waiter-1' },
          at: new Date().toISOString(),
          order: { ...target, items: [target.items[0], added] },
        },
        meta,
      ),
    );
    const voidCard = page.locator('#board .card[data-kind="void"]', { hasText: 'Tandoori Aloo' });
    await voidCard.waitFor({ timeout: 5000 });
    expect(await voidCard.innerText()).toContain('VOID ITEMS');
    expect(await voidCard.innerText()).not.toContain('Butter Naan');
    // the order's own card stays, with the voided line struck out and the other line not
    const original = page.locator(`#board .card[data-kind="new"][data-order-id="${target.id}"]`);
    await original.locator('.item.voided', { hasText: 'Tandoori Aloo' }).waitFor({ timeout: 5000 });
    expect(await original.locator('.item.voided', { hasText: 'Butter Naan' }).count()).toBe(0);
  });

  it('takes a card off at once when another screen of the station bumps it, and back on a recall', async () => {
    const target = order('0120', [line('1', 'Chicken Malai', 1, 'tandoor')]);
    await publishStatus(target, OrderStatus.RECEIVED, OrderStatus.ACCEPTED);
    await card('0120').waitFor({ timeout: 5000 });
    const ticket = await ticketWhere(target, 'to be stored', () => true);
    const other = io(`${service.url}/kitchen`, {
      auth: { token: service.environment.token(Role.STATION, [VENUE], STATION, 'second-screen') },
      transports: ['websocket'],
      forceNew: true,
    });
    try {
      other.on('ticket', (_ticket: unknown, ack?: (r: SocketAck) => void) => ack?.({ ok: true }));
      await new Promise((resolve) => other.once('joined', resolve));
      const send = (event: string) =>
        other.timeout(5000).emitWithAck(event, { ticketId: ticket.id }) as Promise<SocketAck>;
      expect(await send('ticket:ack')).toEqual({ ok: true });
      await card('0120').locator('.badge-started:visible').waitFor({ timeout: 5000 });
      expect(await send('ticket:bump')).toEqual({ ok: true });
      await card('0120').waitFor({ state: 'detached', timeout: 5000 });
      await page.locator('#bumped .chip', { hasText: '0120' }).waitFor({ timeout: 5000 });
      expect(await send('ticket:recall')).toEqual({ ok: true });
      await card('0120').waitFor({ timeout: 5000 });
    } finally {
      other.close();
    }
    expect(pageErrors).toEqual([]);
  });
});
