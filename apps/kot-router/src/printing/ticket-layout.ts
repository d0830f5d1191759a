import type { KitchenTicketItemV1, KitchenTicketV1 } from '@hub/contracts';
import { PAPER_COLUMNS } from './constants/paper-columns.constant';
import type { PaperWidthMm, PrintLine, PrintTextStyle } from './print-line.type';
import { cleanText, displayLength, wrapText } from './text-wrap.util';

export interface TicketLayoutContext {
  venueName: string;
  widthMm: PaperWidthMm;
  /** a copy asked for again: printed under a REPRINT banner */
  reprint?: boolean;
  /** allergens the kitchen must see on this ticket, printed white on black */
  allergens?: string[];
  /** when the copy is printed; shown on a reprint only (the layout reads no clock itself) */
  now?: Date;
  /** the venue's IANA time zone (`Asia/Kolkata`); without it, or when unknown, times are UTC */
  timeZone?: string;
}

/** Lines fed before the cut, so the last line clears the cutter. */
const FEED_BEFORE_CUT = 4;

const PLAIN: PrintTextStyle = {
  align: 'left',
  bold: false,
  underline: false,
  invert: false,
  width: 1,
  height: 1,
};

/**
 * The one kitchen ticket format for every channel, as printer-independent lines: venue, station
 * (large), the venue's daily number `#17` (very large) over the order's display number (or the
 * display number very large when there is no daily number), channel and order type, KOT number and
 * time, RUSH / VIP white on black, the kind (NEW / ADDITION underlined with "add to the order" / VOID
 * white on black at the top and the bottom, with what it voids), a REPRINT banner, the
 * allergens, then the items (`2 x Paneer Tikka`, modifiers `  + …` and notes `  ! …` indented under
 * them), a feed and the cut. Lines fit the paper: 48 columns at 80 mm, 32 at 58 mm (Font A); long
 * text wraps at word boundaries with a hanging indent. Pure: the same input gives the same lines.
 */
export function layoutTicket(ticket: KitchenTicketV1, context: TicketLayoutContext): PrintLine[] {
  const columns = PAPER_COLUMNS[context.widthMm];
  const lines: PrintLine[] = [];
  const add = (text: string, style: Partial<PrintTextStyle>, prefix = ''): void => {
    const full = { ...PLAIN, ...style };
    for (const line of wrapText(text, { width: Math.floor(columns / full.width), prefix })) {
      lines.push({ type: 'text', text: line, style: full });
    }
  };
  const rule = (char: string): void => add(char.repeat(columns), {});

  // header
  add(cleanText(context.venueName), { align: 'center', bold: true });
  add(cleanText(ticket.station).toUpperCase(), { align: 'center', bold: true, width: 2, height: 2 });
  const displayNumber = cleanText(ticket.displayNumber);
  if (ticket.dailyNumber !== undefined) {
    // the venue's daily number is what the pass calls out: the largest type; the order's own code under it
    const daily = `#${ticket.dailyNumber}`;
    const dailySize = displayNumberSize(daily, columns);
    add(daily, { align: 'center', bold: true, width: dailySize, height: dailySize });
    add(displayNumber, { align: 'center', bold: true, width: 2, height: 2 });
  } else {
    const numberSize = displayNumberSize(displayNumber, columns);
    add(displayNumber, { align: 'center', bold: true, width: numberSize, height: numberSize });
  }
  add(`${cleanText(ticket.channel)} / ${cleanText(ticket.orderType)}`.toUpperCase(), { align: 'center' });
  add(`KOT #${ticket.seq}`, { bold: true });
  add(formatTime(ticket.createdAt, context.timeZone), {});
  if (ticket.orderPriority) {
    add(`*** ${ticket.orderPriority.toUpperCase()} ***`, {
      align: 'center',
      bold: true,
      invert: true,
      width: 2,
      height: 2,
    });
  }

  // what kind of ticket this is
  add(kindBanner(ticket), kindStyle(ticket));
  if (ticket.kind === 'void') {
    // a void of some lines names its lines; a cancellation's void (or one stored before line voids) the order
    const someLines = !ticket.voidsOrder && ticket.items.some((item) => item.lineId !== undefined);
    add(someLines ? 'THESE ITEMS ONLY - DO NOT PREPARE' : 'CANCEL - DO NOT PREPARE', {
      align: 'center',
      bold: true,
    });
  }
  if (ticket.kind === 'addition') add('ADD TO THE ORDER ALREADY FIRED', { align: 'center', bold: true });
  if (context.reprint) {
    add('REPRINT', { align: 'center', bold: true, invert: true, width: 2, height: 2 });
    if (context.now)
      add(`reprinted ${formatTime(context.now.toISOString(), context.timeZone)}`, { align: 'center' });
  }

  const allergens = [...new Set((context.allergens ?? []).map((a) => cleanText(a).toUpperCase()))].filter(
    Boolean,
  );
  if (allergens.length > 0) {
    add(allergens.join(', '), { bold: true, invert: true, underline: true }, 'ALLERGENS: ');
  }

  // items
  rule('=');
  for (const item of ticket.items) addItem(item, add);
  rule('-');
  if (ticket.kind === 'void') add(kindBanner(ticket), kindStyle(ticket));

  lines.push({ type: 'feed', lines: FEED_BEFORE_CUT }, { type: 'cut' });
  return lines;
}

function addItem(
  item: KitchenTicketItemV1,
  add: (text: string, style: Partial<PrintTextStyle>, prefix?: string) => void,
): void {
  add(cleanText(item.name) || '(unnamed item)', { bold: true, height: 2 }, `${item.quantity} x `);
  for (const modifier of item.modifiers) {
    const quantity = modifier.quantity > 1 ? `${modifier.quantity} x ` : '';
    add(`${quantity}${cleanText(modifier.name)}`, {}, '  + ');
  }
  const notes = item.notes ? cleanText(item.notes) : '';
  if (notes) add(notes, { bold: true }, '  ! ');
}

/** The largest of 4×, 3×, 2× at which the display number fits one line (2× and wrapped otherwise). */
function displayNumberSize(displayNumber: string, columns: number): number {
  const length = Math.max(1, displayLength(displayNumber));
  return [4, 3].find((size) => length * size <= columns) ?? 2;
}

function kindBanner(ticket: KitchenTicketV1): string {
  switch (ticket.kind) {
    case 'new':
      return 'NEW';
    case 'addition':
      return 'ADDITION';
    case 'void':
      return '** VOID **';
  }
}

function kindStyle(ticket: KitchenTicketV1): Partial<PrintTextStyle> {
  const banner: Partial<PrintTextStyle> = { align: 'center', bold: true, width: 2, height: 2 };
  switch (ticket.kind) {
    case 'new':
      return banner;
    case 'addition':
      return { ...banner, underline: true };
    case 'void':
      return { ...banner, invert: true };
  }
}

/** `14:05 28 Nov 2025 (Asia/Kolkata)`, or `(UTC)` when no valid time zone is given. */
export function formatTime(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return cleanText(iso);
  let zone = 'UTC';
  let format: Intl.DateTimeFormat | undefined;
  if (timeZone) {
    try {
      format = dateTimeFormat(timeZone);
      zone = timeZone;
    } catch {
      // an unknown zone must not stop a ticket from printing: print UTC, and say so
    }
  }
  const parts = (format ?? dateTimeFormat('UTC')).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('hour')}:${part('minute')} ${part('day')} ${part('month')} ${part('year')} (${zone})`;
}

function dateTimeFormat(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: '2-digit',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
}
