import { businessDate } from './business-date.util';

describe('businessDate', () => {
  it('is the calendar date in the venue’s time zone', () => {
    // 00:01 on the 23rd in Kolkata is still the 22nd in UTC
    expect(businessDate(new Date('2026-11-22T18:31:00Z'), 'Asia/Kolkata')).toBe('2026-11-23');
    expect(businessDate(new Date('2026-11-22T18:31:00Z'), 'UTC')).toBe('2026-11-22');
    expect(businessDate(new Date('2026-11-23T04:00:00Z'), 'America/New_York')).toBe('2026-11-22');
  });

  it('counts an unknown or missing zone as UTC, every time', () => {
    const at = new Date('2026-11-22T23:30:00Z');
    expect(businessDate(at, 'Mars/Olympus_Mons')).toBe('2026-11-22');
    expect(businessDate(at, 'Mars/Olympus_Mons')).toBe('2026-11-22');
    expect(businessDate(at, undefined)).toBe('2026-11-22');
    expect(businessDate(at, 'Asia/Kolkata')).toBe('2026-11-23');
  });
});
