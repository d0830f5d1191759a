import type { KitchenTicketV1 } from '@hub/contracts';
import { encodeEscPos } from '../../src/printing/escpos-encoder';
import type { PaperWidthMm } from '../../src/printing/print-line.type';
import { sendPrintJob } from '../../src/printing/printer-client';
import { PrintingException, PrintingExceptionCode } from '../../src/printing/printing.exception';
import { layoutTicket, TicketLayoutContext } from '../../src/printing/ticket-layout';
import { DecodedDocument, DecodedRun, DecodedTextLine, decodeEscPos, imageToAscii } from './escpos-decoder';
import { FakePrinter } from './fake-printer';

/*
 * A ticket goes the whole way: layout → ESC/POS bytes → TCP to a fake printer → decoded from what
 * the printer received. Every assertion reads the decoded document, never the encoder's output.
 */

function ticketOf(overrides: Partial<KitchenTicketV1> = {}): KitchenTicketV1 {
  return {
    ticketId: '0192f1c4-7b7e-7c39-9d3a-4a1b2c3d4e5f',
    seq: 17,
    orderId: '0192f1c4-7b7e-7c39-9d3a-000000000001',
    displayNumber: 'A-123',
    channel: 'swiggy',
    orderType: 'delivery',
    station: 'grill',
    createdAt: '2025-11-28T08:35:00.000Z',
    priority: 0,
    kind: 'new',
    items: [
      {
        name: 'Paneer Tikka',
        quantity: 2,
        modifiers: [
          { name: 'extra cheese', quantity: 1 },
          { name: 'mint chutney', quantity: 2 },
        ],
        notes: 'less spicy',
      },
      { name: 'Butter Naan', quantity: 3, modifiers: [] },
    ],
    ...overrides,
  };
}

const CONTEXT: TicketLayoutContext = {
  venueName: 'Spice Garden',
  widthMm: 80,
  allergens: ['peanuts', 'dairy'],
  timeZone: 'Asia/Kolkata',
};

const COLUMNS: Record<PaperWidthMm, number> = { 80: 48, 58: 32 };
const DOTS: Record<PaperWidthMm, number> = { 80: 576, 58: 384 };

let printer: FakePrinter;

beforeAll(async () => {
  printer = await new FakePrinter().start();
});

afterAll(async () => {
  await printer.stop();
});

afterEach(() => {
  printer.mode = 'print';
});

/** Lays out, encodes and sends the ticket, and decodes what the printer received. */
async function printTicket(
  ticket: KitchenTicketV1,
  context: Partial<TicketLayoutContext> = {},
): Promise<DecodedDocument> {
  const full = { ...CONTEXT, ...context };
  const bytes = encodeEscPos(layoutTicket(ticket, full), { widthMm: full.widthMm });
  const received = printer.nextJob();
  await sendPrintJob(printer.address, bytes, { connectTimeoutMs: 1000, writeTimeoutMs: 2000 });
  return decodeEscPos(await received);
}

const texts = (doc: DecodedDocument): string[] => doc.lines.map((line) => line.text);

/** The printed line whose text, without padding, is `text`; fails listing what was printed. */
function line(doc: DecodedDocument, text: string): DecodedTextLine {
  const found = doc.lines.filter((l) => l.text.trim() === text);
  if (found.length !== 1) {
    throw new Error(`expected one line "${text}", found ${found.length} in:\n${texts(doc).join('\n')}`);
  }
  return found[0];
}

/** The runs that put ink on paper (padding spaces left out). */
const inked = (l: DecodedTextLine): DecodedRun[] => l.runs.filter((run) => run.text.trim() !== '');

/** Lines between the `=` rule and the `-` rule: the items. */
function itemLines(doc: DecodedDocument, columns: number): string[] {
  const all = texts(doc);
  const start = all.indexOf('='.repeat(columns));
  const end = all.indexOf('-'.repeat(columns));
  expect(start).toBeGreaterThanOrEqual(0);
  expect(end).toBeGreaterThan(start);
  return all.slice(start + 1, end);
}

describe('kitchen ticket printing, 80 mm', () => {
  let doc: DecodedDocument;

  beforeAll(async () => {
    doc = await printTicket(ticketOf());
  });

  it('starts with ESC @, prints text in one code page and no images for Latin text', () => {
    expect(doc.initializations).toBe(1);
    expect(doc.blocks[0]).toMatchObject({ kind: 'text' });
    expect(doc.images).toHaveLength(0);
  });

  it('prints the display number very large and bold, the station large and bold, both centred', () => {
    const number = line(doc, 'A-123');
    for (const run of inked(number)) expect(run).toMatchObject({ bold: true, width: 4, height: 4 });
    const station = line(doc, 'GRILL');
    for (const run of inked(station)) expect(run).toMatchObject({ bold: true, width: 2, height: 2 });
    for (const l of [number, station]) {
      // centred by the printer's alignment or by padding: as much room left as right, give or take a column
      const used = l.columns - (l.text.length - l.text.trimStart().length);
      const left = l.text.length - l.text.trimStart().length;
      expect(l.align === 'center' || Math.abs(left - (48 - left - used)) <= 1).toBe(true);
    }
  });

  it('prints venue, channel and order type, KOT number and the venue-local time, naming the zone', () => {
    expect(inked(line(doc, 'Spice Garden'))[0].bold).toBe(true);
    line(doc, 'SWIGGY / DELIVERY');
    line(doc, 'KOT #17');
    // 08:35 UTC is 14:05 in India
    line(doc, '14:05 28 Nov 2025 (Asia/Kolkata)');
    line(doc, 'NEW');
  });

  it('prints each item with its quantity, modifiers and notes indented under it', () => {
    expect(itemLines(doc, 48)).toEqual([
      '2 x Paneer Tikka',
      '  + extra cheese',
      '  + 2 x mint chutney',
      '  ! less spicy',
      '3 x Butter Naan',
    ]);
    const item = line(doc, '2 x Paneer Tikka');
    for (const run of inked(item)) expect(run).toMatchObject({ bold: true, height: 2 });
    expect(inked(line(doc, '+ extra cheese'))[0]).toMatchObject({ bold: false, width: 1, height: 1 });
  });

  it('highlights the allergens white on black', () => {
    const allergens = line(doc, 'ALLERGENS: PEANUTS, DAIRY');
    for (const run of inked(allergens)) expect(run).toMatchObject({ reverse: true, bold: true });
  });

  it('ends with a feed and a cut, and nothing after the cut', () => {
    expect(doc.cuts).toHaveLength(1);
    expect(doc.blocks.at(-1)).toMatchObject({ kind: 'cut', partial: true });
    expect(doc.blocks.at(-2)).toMatchObject({ kind: 'feed', lines: 4 });
  });

  it('keeps every line within 48 columns', () => {
    for (const l of doc.lines) expect(l.columns).toBeLessThanOrEqual(48);
    expect(Math.max(...doc.lines.map((l) => l.columns))).toBe(48);
  });

  it('shows no banners a plain new ticket does not have', () => {
    expect(texts(doc).some((t) => /VOID|REPRINT/.test(t))).toBe(false);
  });
});

describe('paper widths', () => {
  const longName = 'Paneer Tikka Masala with Butter Naan and Extra Gravy on the Side';
  const ticket = ticketOf({
    items: [
      {
        name: longName,
        quantity: 12,
        modifiers: [{ name: 'no onion no garlic jain preparation please', quantity: 1 }],
      },
    ],
  });

  it.each([80, 58] as const)(
    'wraps long names at word boundaries with a hanging indent at %i mm',
    async (widthMm) => {
      const doc = await printTicket(ticket, { widthMm });
      const columns = COLUMNS[widthMm];
      for (const l of doc.lines) expect(l.columns).toBeLessThanOrEqual(columns);

      const items = itemLines(doc, columns);
      const modifierAt = items.findIndex((t) => t.startsWith('  + '));
      const name = items.slice(0, modifierAt);
      expect(name[0].startsWith('12 x ')).toBe(true);
      expect(name.length).toBeGreaterThan(1);
      for (const continuation of name.slice(1)) expect(continuation).toMatch(/^ {5}\S/);
      // no word was broken: the lines put back together are the name
      expect(name.map((t) => t.trim()).join(' ')).toBe(`12 x ${longName}`);
      const modifier = items.slice(modifierAt);
      for (const continuation of modifier.slice(1)) expect(continuation).toMatch(/^ {4}\S/);
      expect(modifier.map((t) => t.trim()).join(' ')).toBe('+ no onion no garlic jain preparation please');
    },
  );

  it('uses the width of the paper: 58 mm lines are shorter and more of them', async () => {
    const wide = await printTicket(ticket, { widthMm: 80 });
    const narrow = await printTicket(ticket, { widthMm: 58 });
    expect(Math.max(...wide.lines.map((l) => l.columns))).toBe(48);
    expect(Math.max(...narrow.lines.map((l) => l.columns))).toBe(32);
    expect(itemLines(narrow, 32).length).toBeGreaterThan(itemLines(wide, 48).length);
    // the display number stays very large on narrow paper: 5 characters at 4× are 20 of 32 columns
    for (const run of inked(line(narrow, 'A-123')))
      expect(run).toMatchObject({ width: 4, height: 4, bold: true });
  });

  it('shrinks a long display number to fit rather than overflow', async () => {
    const doc = await printTicket(ticketOf({ displayNumber: 'SW-4471-0092' }), { widthMm: 58 });
    const number = line(doc, 'SW-4471-0092');
    expect(number.columns).toBeLessThanOrEqual(32);
    for (const run of inked(number)) expect(run.height).toBeGreaterThanOrEqual(2);
  });
});

describe('banners', () => {
  it('makes a VOID ticket obvious: white-on-black VOID at the top and the bottom', async () => {
    const doc = await printTicket(ticketOf({ kind: 'void' }));
    const voids = doc.lines.filter((l) => l.text.trim() === '** VOID **');
    expect(voids).toHaveLength(2);
    for (const v of voids) {
      for (const run of inked(v))
        expect(run).toMatchObject({ reverse: true, bold: true, width: 2, height: 2 });
    }
    const all = texts(doc).map((t) => t.trim());
    expect(all.indexOf('** VOID **')).toBeLessThan(all.indexOf('2 x Paneer Tikka'));
    expect(all.lastIndexOf('** VOID **')).toBeGreaterThan(all.indexOf('3 x Butter Naan'));
    line(doc, 'CANCEL - DO NOT PREPARE');
    expect(all).not.toContain('NEW');
  });

  it('marks an ADDITION', async () => {
    const doc = await printTicket(ticketOf({ kind: 'addition' }));
    for (const run of inked(line(doc, 'ADDITION')))
      expect(run).toMatchObject({ bold: true, underline: 1, width: 2 });
  });

  it('prints REPRINT, white on black, and when it was reprinted', async () => {
    const doc = await printTicket(ticketOf(), { reprint: true, now: new Date('2025-11-28T08:40:00.000Z') });
    for (const run of inked(line(doc, 'REPRINT')))
      expect(run).toMatchObject({ reverse: true, bold: true, width: 2 });
    line(doc, 'reprinted 14:10 28 Nov 2025 (Asia/Kolkata)');
    // the original time stays
    line(doc, '14:05 28 Nov 2025 (Asia/Kolkata)');
  });

  it('prints UTC, and says so, without a time zone', async () => {
    const doc = await printTicket(ticketOf(), { timeZone: undefined });
    line(doc, '08:35 28 Nov 2025 (UTC)');
  });
});

describe('text no code page holds', () => {
  it('prints a Devanagari item name as a raster image with black pixels, and Latin text as text', async () => {
    const ticket = ticketOf({
      items: [{ name: 'पनीर टिक्का', quantity: 2, modifiers: [{ name: 'Crème brûlée', quantity: 1 }] }],
    });
    const doc = await printTicket(ticket);
    expect(doc.images).toHaveLength(1);
    const [image] = doc.images;
    expect(image.width).toBe(DOTS[80]);
    // the item line is double height: 24 × 2 dots of type plus room for the marks above and below
    expect(image.height).toBeGreaterThanOrEqual(48);
    expect(image.blackPixels).toBeGreaterThan(1000);
    // where it prints: right after the rule, before its modifier, which CP858 holds and prints as text
    const ruleAt = doc.blocks.findIndex((b) => b.kind === 'text' && b.text === '='.repeat(48));
    expect(doc.blocks[ruleAt + 1]).toBe(image);
    expect(doc.blocks[ruleAt + 2]).toMatchObject({ kind: 'text', text: '  + Crème brûlée' });
    // nothing printed as `?`
    expect(texts(doc).join('\n')).not.toContain('?');
  });

  it('prints Tamil, Chinese and the ₹ sign as images too, each line its own bitmap', async () => {
    const ticket = ticketOf({
      items: [
        { name: 'பனீர் டிக்கா', quantity: 1, modifiers: [] },
        { name: '宫保鸡丁', quantity: 1, modifiers: [{ name: 'extra ₹40 paneer', quantity: 1 }] },
      ],
    });
    const doc = await printTicket(ticket, { widthMm: 58 });
    expect(doc.images).toHaveLength(3);
    for (const image of doc.images) {
      expect(image.width).toBe(DOTS[58]);
      expect(image.blackPixels).toBeGreaterThan(200);
    }
    const [tamil, chinese] = doc.images;
    expect(Buffer.from(tamil.bitmap).equals(Buffer.from(chinese.bitmap))).toBe(false);
    // the modifier keeps its indent: no ink in its first two columns (24 dots)
    const modifier = doc.images[2];
    const ascii = imageToAscii(modifier).split('\n');
    expect(ascii.every((row) => !row.slice(0, 24).includes('#'))).toBe(true);
    expect(texts(doc).join('\n')).not.toContain('?');
  });

  it('prints control characters in names as spaces, never as commands', async () => {
    const doc = await printTicket(
      ticketOf({ items: [{ name: 'Tikka\u001b@\u001dV\u0001 Roll', quantity: 1, modifiers: [] }] }),
    );
    expect(doc.initializations).toBe(1);
    expect(doc.cuts).toHaveLength(1);
    expect(itemLines(doc, 48)).toEqual(['1 x Tikka @ V Roll']);
  });
});

describe('printer client', () => {
  const job = (): Buffer => encodeEscPos(layoutTicket(ticketOf(), CONTEXT), { widthMm: 80 });

  it('rejects quickly with a clear error when the printer is down, and the next job prints once it is back', async () => {
    await printer.stop();
    const started = Date.now();
    const error = await sendPrintJob(printer.address, job(), { connectTimeoutMs: 2000 }).catch(
      (e: unknown) => e,
    );
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error).toBeInstanceOf(PrintingException);
    expect(error).toMatchObject({
      code: PrintingExceptionCode.REFUSED,
      message: `printer 127.0.0.1:${printer.port} refused the connection`,
    });

    await printer.start();
    const doc = await printTicket(ticketOf({ seq: 18 }));
    line(doc, 'KOT #18');
    expect(doc.cuts).toHaveLength(1);
  });

  it('rejects within the write timeout when the printer stops taking bytes', async () => {
    printer.mode = 'stall';
    // far more than the socket buffers of both ends hold
    const big = Buffer.alloc(64 * 1024 * 1024, 0x20);
    const started = Date.now();
    const error = await sendPrintJob(printer.address, big, { writeTimeoutMs: 300 }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error).toMatchObject({ code: PrintingExceptionCode.WRITE_TIMEOUT });
    expect((error as Error).message).toMatch(
      new RegExp(
        `^printer 127\\.0\\.0\\.1:${printer.port} did not take the job within 300 ms \\(\\d+ of 67108864 bytes sent\\)$`,
      ),
    );
  });

  it('resolves once the job is flushed even when the printer keeps the connection open', async () => {
    printer.mode = 'hold-open';
    const received = printer.nextJob();
    const started = Date.now();
    await sendPrintJob(printer.address, job(), { closeTimeoutMs: 200 });
    expect(Date.now() - started).toBeLessThan(1500);
    line(decodeEscPos(await received), 'A-123');
  });
});
