import { createEnvelope } from '../../envelope';
import { EVENT_PAYLOADS, InvalidEventError, parseEnvelope } from '../../event-registry';
import { MENU_AVAILABILITY_CHANGED_V1, MenuAvailabilityChangedV1 } from './availability-changed.event';

const meta = {
  venueId: 'blr-koramangala',
  aggregateType: 'menu-item',
  aggregateId: '01a2036e-2559-7703-ab26-b1eced71891f',
  correlationId: 'req-1',
};

const sample = {
  kind: 'item',
  id: '01a2036e-2559-7703-ab26-b1eced71891f',
  code: 'KULFI',
  name: 'Kulfi',
  available: false,
  until: '2026-11-22T18:00:00.000Z',
  reason: 'freezer down',
  changedBy: 'manager-1',
  changedAt: '2026-11-22T12:00:00.000Z',
  platformCodes: [{ platform: 'swiggy', code: '88123' }],
};

describe(MENU_AVAILABILITY_CHANGED_V1, () => {
  it('is registered and accepts a valid sample', () => {
    expect(EVENT_PAYLOADS[MENU_AVAILABILITY_CHANGED_V1]).toBe(MenuAvailabilityChangedV1);
    const envelope = createEnvelope(MENU_AVAILABILITY_CHANGED_V1, sample, meta);
    const parsed = parseEnvelope(JSON.parse(JSON.stringify(envelope)), MENU_AVAILABILITY_CHANGED_V1);
    expect(parsed.payload).toBeInstanceOf(MenuAvailabilityChangedV1);
  });

  it('accepts an item back in stock (no until, no platform codes)', () => {
    const { until: _until, reason: _reason, platformCodes: _codes, ...back } = sample;
    const envelope = createEnvelope(MENU_AVAILABILITY_CHANGED_V1, { ...back, available: true }, meta);
    expect(() => parseEnvelope(envelope, MENU_AVAILABILITY_CHANGED_V1)).not.toThrow();
  });

  it('names every problem of a bad payload', () => {
    const envelope = createEnvelope(
      MENU_AVAILABILITY_CHANGED_V1,
      { ...sample, kind: 'table', until: 'tonight', platformCodes: [{ platform: 'Bad Name', code: '' }] },
      meta,
    );
    try {
      parseEnvelope(envelope, MENU_AVAILABILITY_CHANGED_V1);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidEventError);
      expect((error as InvalidEventError).problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^payload\.kind: /),
          expect.stringMatching(/^payload\.until: /),
          expect.stringMatching(/^payload\.platformCodes\.0\.platform: /),
          expect.stringMatching(/^payload\.platformCodes\.0\.code: /),
        ]),
      );
    }
  });
});
