import { describeSlot, nextSlot, slotStart } from './slot.util';

describe('15-minute slots', () => {
  it.each([
    ['2026-11-22T10:00:00.000Z', '2026-11-22T10:00:00.000Z'],
    ['2026-11-22T10:14:59.999Z', '2026-11-22T10:00:00.000Z'],
    ['2026-11-22T10:15:00.000Z', '2026-11-22T10:15:00.000Z'],
    ['2026-11-22T23:59:00.000Z', '2026-11-22T23:45:00.000Z'],
  ])('%s falls in the slot starting %s', (at, start) => {
    expect(slotStart(new Date(at)).toISOString()).toBe(start);
  });

  it('steps to later slots and names a slot by its bounds', () => {
    const slot = new Date('2026-11-22T23:45:00.000Z');
    expect(nextSlot(slot).toISOString()).toBe('2026-11-23T00:00:00.000Z');
    expect(nextSlot(slot, 3).toISOString()).toBe('2026-11-23T00:30:00.000Z');
    expect(describeSlot(new Date('2026-11-22T10:15:00.000Z'))).toBe('10:15–10:30 UTC');
  });
});
