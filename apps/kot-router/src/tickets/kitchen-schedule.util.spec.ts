import { businessDate } from './business-date.util';
import { DEFAULT_PREP_MINUTES, dueAt, linePrepMinutes, rerank, ticketRank } from './kitchen-schedule.util';

const now = new Date('2026-11-22T10:00:00.000Z');
const minute = (iso: string) => Math.floor(Date.parse(iso) / 60_000);

describe('kitchen schedule', () => {
  it("takes a line's prep time from its item (menu id or code), else the station, else the default", () => {
    const times = { prepMinutes: 12, items: { NAAN: 3, 'menu-7': 25 } };
    expect(linePrepMinutes({ externalCode: 'NAAN' }, times)).toBe(3);
    expect(linePrepMinutes({ externalCode: 'X', menuItemId: 'menu-7' }, times)).toBe(25);
    expect(linePrepMinutes({ externalCode: 'DAL' }, times)).toBe(12);
    expect(linePrepMinutes({ externalCode: 'DAL' }, undefined)).toBe(DEFAULT_PREP_MINUTES);
  });

  it('is due at the scheduled time, else now plus the slowest line', () => {
    expect(dueAt(now, 20, '2026-11-22T12:00:00.000Z').toISOString()).toBe('2026-11-22T12:00:00.000Z');
    expect(dueAt(now, 20).toISOString()).toBe('2026-11-22T10:20:00.000Z');
  });

  it('starts a slow ticket before a quick one due at the same time, and rush and VIP before any normal one', () => {
    const due = new Date('2026-11-22T10:30:00.000Z');
    const slow = ticketRank(due, 25, 'normal');
    const quick = ticketRank(due, 5, 'normal');
    expect(slow.startBy.toISOString()).toBe('2026-11-22T10:05:00.000Z');
    expect(slow.priority).toBe(minute('2026-11-22T10:05:00.000Z'));
    expect(slow.priority).toBeLessThan(quick.priority);
    // a rush order due tomorrow morning still goes before a normal one due now
    const rushLater = ticketRank(new Date('2026-11-23T08:00:00.000Z'), 5, 'rush');
    expect(rushLater.priority).toBeLessThan(ticketRank(now, 5, 'normal').priority);
    expect(ticketRank(due, 5, 'vip').priority).toBeLessThan(ticketRank(due, 5, 'rush').priority);
    expect(rerank(quick.startBy, 'rush')).toBe(ticketRank(due, 5, 'rush').priority);
  });
});

describe('business date', () => {
  it("is the calendar date in the venue's time zone, UTC when the zone is unknown", () => {
    expect(businessDate(new Date('2026-11-22T18:29:00Z'), 'Asia/Kolkata')).toBe('2026-11-22');
    expect(businessDate(new Date('2026-11-22T18:30:00Z'), 'Asia/Kolkata')).toBe('2026-11-23');
    expect(businessDate(new Date('2026-11-23T04:00:00Z'), 'America/New_York')).toBe('2026-11-22');
    expect(businessDate(new Date('2026-11-22T23:59:00Z'), 'Not/AZone')).toBe('2026-11-22');
    expect(businessDate(new Date('2026-11-22T23:59:00Z'), undefined)).toBe('2026-11-22');
  });
});
