import { fireTime } from './fire-time.util';

describe('fireTime', () => {
  const scheduledFor = new Date('2026-05-01T12:05:00.000Z');

  it('is the scheduled time minus the venue’s preparation time when nothing moved it', () => {
    expect(fireTime({ scheduledFor, promisedAt: null, prepTimeMinutes: null }, 20)).toEqual(
      new Date('2026-05-01T11:45:00.000Z'),
    );
  });

  it('follows a promised time moved to a later slot, with the order’s own preparation time', () => {
    const promisedAt = new Date('2026-05-01T12:15:00.000Z');
    expect(fireTime({ scheduledFor, promisedAt, prepTimeMinutes: 25 }, 20)).toEqual(
      new Date('2026-05-01T11:50:00.000Z'),
    );
  });

  it('follows the promised time of an as-soon-as-possible order that capacity moved', () => {
    const promisedAt = new Date('2026-05-01T12:30:00.000Z');
    expect(fireTime({ scheduledFor: null, promisedAt, prepTimeMinutes: 20 }, 20)).toEqual(
      new Date('2026-05-01T12:10:00.000Z'),
    );
  });

  it('is null for an order with neither a scheduled nor a promised time', () => {
    expect(fireTime({ scheduledFor: null, promisedAt: null, prepTimeMinutes: null }, 20)).toBeNull();
  });
});
