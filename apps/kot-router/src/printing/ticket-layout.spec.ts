import type { KitchenTicketV1 } from '@hub/contracts';
import type { PrintTextLine } from './print-line.type';
import { cleanText, displayLength, wrapText } from './text-wrap.util';
import { formatTime, layoutTicket } from './ticket-layout';

const ticket: KitchenTicketV1 = {
  ticketId: '0192f1c4-7b7e-7c39-9d3a-4a1b2c3d4e5f',
  seq: 3,
  orderId: '0192f1c4-7b7e-7c39-9d3a-000000000001',
  displayNumber: '1042',
  channel: 'zomato',
  orderType: 'pickup',
  station: 'tandoor',
  createdAt: '2025-06-01T18:29:00.000Z',
  priority: 0,
  kind: 'new',
  items: [{ name: 'Garlic Naan', quantity: 4, modifiers: [] }],
};

describe('wrapText', () => {
  it('breaks at spaces with a hanging indent under the prefix', () => {
    expect(wrapText('aaa bbb ccc ddd', { width: 10, prefix: '2 x ' })).toEqual([
      '2 x aaa',
      '    bbb',
      '    ccc',
      '    ddd',
    ]);
    expect(wrapText('aaa bbb ccc', { width: 11, prefix: '2 x ' })).toEqual(['2 x aaa bbb', '    ccc']);
  });

  it('breaks a word longer than the line between characters', () => {
    expect(wrapText('abcdefghij', { width: 4 })).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('counts a Devanagari cluster as one character and never splits it', () => {
    // टि and क्का (a conjunct with its vowel sign): two clusters, six code points
    expect(displayLength('टिक्का')).toBe(2);
    expect(wrapText('टिक्का', { width: 1 })).toEqual(['टि', 'क्का']);
  });

  it('returns the prefix alone for empty text', () => {
    expect(wrapText('', { width: 10, prefix: '1 x ' })).toEqual(['1 x ']);
  });
});

describe('cleanText', () => {
  it('turns control characters and runs of whitespace into single spaces', () => {
    expect(cleanText(' a\u001b@b\n\tc\u0085 ')).toBe('a @b c');
  });
});

describe('formatTime', () => {
  it('gives venue-local time naming the zone, or UTC', () => {
    expect(formatTime('2025-06-01T18:29:00.000Z', 'Asia/Kolkata')).toBe('23:59 01 Jun 2025 (Asia/Kolkata)');
    expect(formatTime('2025-06-01T18:29:00.000Z')).toBe('18:29 01 Jun 2025 (UTC)');
  });

  it('falls back to UTC, and says so, for a zone it does not know', () => {
    expect(formatTime('2025-06-01T18:29:00.000Z', 'Mars/Olympus_Mons')).toBe('18:29 01 Jun 2025 (UTC)');
  });
});

describe('layoutTicket', () => {
  it('is pure: the same ticket and context give the same lines', () => {
    const context = { venueName: 'Spice Garden', widthMm: 80 as const, timeZone: 'Asia/Kolkata' };
    expect(layoutTicket(ticket, context)).toEqual(layoutTicket(ticket, context));
  });

  it('fits every line to the paper at both widths', () => {
    for (const [widthMm, columns] of [
      [80, 48],
      [58, 32],
    ] as const) {
      const lines = layoutTicket(
        {
          ...ticket,
          displayNumber: 'ZOMATO-77812-XL',
          items: [{ name: 'x '.repeat(40), quantity: 100, modifiers: [] }],
        },
        {
          venueName: 'A Very Long Venue Name That Goes On And On Past The Edge',
          widthMm,
          allergens: ['sesame'],
        },
      );
      const text = lines.filter((line): line is PrintTextLine => line.type === 'text');
      for (const line of text)
        expect(displayLength(line.text) * line.style.width).toBeLessThanOrEqual(columns);
    }
  });

  it('ends with a feed and a cut', () => {
    expect(layoutTicket(ticket, { venueName: 'V', widthMm: 58 }).slice(-2)).toEqual([
      { type: 'feed', lines: 4 },
      { type: 'cut' },
    ]);
  });

  it('prints RUSH or VIP white on black, and the daily number largest over the display number', () => {
    const lines = layoutTicket(
      { ...ticket, orderPriority: 'rush', dailyNumber: 17 },
      { venueName: 'V', widthMm: 80 },
    );
    expect(lines).toContainEqual(
      expect.objectContaining({ text: '*** RUSH ***', style: expect.objectContaining({ invert: true }) }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({ text: '#17', style: expect.objectContaining({ width: 4, height: 4 }) }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({ text: '1042', style: expect.objectContaining({ width: 2, height: 2 }) }),
    );
    expect(layoutTicket(ticket, { venueName: 'V', widthMm: 80 })).not.toContainEqual(
      expect.objectContaining({ text: expect.stringMatching(/RUSH|VIP/) }),
    );
  });
});
