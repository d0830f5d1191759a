import { isIanaTimeZone, localHourBucket } from './local-time.util';

describe('localHourBucket', () => {
  it('starts a Kolkata hour at :30 UTC (UTC+05:30)', () => {
    const bucket = localHourBucket(new Date('2026-11-18T04:45:12.345Z'), 'Asia/Kolkata');
    expect(bucket).toEqual({ start: new Date('2026-11-18T04:30:00.000Z'), hour: 10, dayOfWeek: 3 });
  });

  it('gives New York the local day, which may be the day before in UTC', () => {
    const bucket = localHourBucket(new Date('2026-11-19T01:30:00Z'), 'America/New_York');
    expect(bucket).toEqual({ start: new Date('2026-11-19T01:00:00Z'), hour: 20, dayOfWeek: 3 });
  });

  it('keeps the two 01:00 hours apart when daylight saving time ends', () => {
    // 2026-11-01: 01:00–02:00 EDT is 05:00Z–06:00Z, then 01:00–02:00 EST is 06:00Z–07:00Z
    const first = localHourBucket(new Date('2026-11-01T05:30:00Z'), 'America/New_York');
    const second = localHourBucket(new Date('2026-11-01T06:30:00Z'), 'America/New_York');
    expect([first.hour, second.hour]).toEqual([1, 1]);
    expect(first.start.toISOString()).toBe('2026-11-01T05:00:00.000Z');
    expect(second.start.toISOString()).toBe('2026-11-01T06:00:00.000Z');
  });

  it('is UTC itself in UTC', () => {
    expect(localHourBucket(new Date('2026-11-22T23:59:59Z'), 'UTC')).toEqual({
      start: new Date('2026-11-22T23:00:00Z'),
      hour: 23,
      dayOfWeek: 0,
    });
  });
});

describe('isIanaTimeZone', () => {
  it.each([
    'UTC',
    'Asia/Kolkata',
    'Asia/Calcutta',
    'America/New_York',
    'America/Argentina/Buenos_Aires',
    'Etc/GMT+5',
  ])('accepts %s', (name) => expect(isIanaTimeZone(name)).toBe(true));

  it.each(['', 'IST', 'EST', '+05:30', 'Mars/Olympus', 'Asia/Kolkata ', '../etc/passwd'])(
    'refuses %p',
    (name) => expect(isIanaTimeZone(name)).toBe(false),
  );
});
