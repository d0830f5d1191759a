import { ORDER_STATUSES, allowedNextStatuses, OrderStatus } from '@hub/order-model';
import {
  backoffDelayMs,
  isPermanentFailure,
  prepTimeSeq,
  STATUS_RANK,
  statusSeq,
  supersededBy,
} from './callback-policy.util';
import { nextOnFailure } from './circuit-breaker';

describe('callback policy', () => {
  it('ranks statuses so that every allowed move goes up', () => {
    for (const from of ORDER_STATUSES) {
      for (const to of allowedNextStatuses(from)) expect(STATUS_RANK[to]).toBeGreaterThan(STATUS_RANK[from]);
    }
  });

  it('supersedes only earlier statuses, never an acceptance by progress', () => {
    for (const status of ORDER_STATUSES) {
      for (const old of supersededBy(status)) expect(STATUS_RANK[old]).toBeLessThan(STATUS_RANK[status]);
    }
    expect(supersededBy(OrderStatus.CANCELLED)).toContain(OrderStatus.ACCEPTED);
    expect(supersededBy(OrderStatus.READY)).not.toContain(OrderStatus.ACCEPTED);
  });

  it('backs off exponentially with full jitter, capped', () => {
    expect(backoffDelayMs(1, 100, 10_000, () => 0.999)).toBe(99);
    expect(backoffDelayMs(4, 100, 10_000, () => 0.5)).toBe(400);
    expect(backoffDelayMs(30, 100, 10_000, () => 0.999)).toBe(9990);
    expect(backoffDelayMs(3, 100, 10_000, () => 0)).toBe(0);
  });

  it('gives up at once only on answers that can never succeed', () => {
    expect(isPermanentFailure(422)).toBe(true);
    expect([401, 404, 409, 429, 500, 503, undefined].map(isPermanentFailure)).toEqual(Array(7).fill(false));
  });
});

describe("nextOnFailure (the shared breaker's transition on a failure)", () => {
  const settings = { threshold: 3, windowMs: 1000 };
  const at = (ms: number) => new Date(ms);
  const closed = {
    state: 'closed' as const,
    failures: 0,
    window_started_at: null,
    opened_at: null,
    probe_owner: null,
  };

  it('opens after N failures within the window, and starts counting again after it', () => {
    let row = { ...closed, now: at(0) };
    for (const ms of [0, 100]) {
      const next = nextOnFailure({ ...row, now: at(ms) }, 'a', settings);
      expect(next).toMatchObject({ state: 'closed', opened: false });
      row = { ...row, failures: next.failures, window_started_at: next.windowStartedAt as never };
    }
    expect(nextOnFailure({ ...row, now: at(900) }, 'b', settings)).toMatchObject({
      state: 'open',
      failures: 3,
      openedAt: at(900),
      opened: true,
    });
    // the same two failures, then a third after the window: the count starts over
    expect(nextOnFailure({ ...row, now: at(1500) }, 'b', settings)).toMatchObject({
      state: 'closed',
      failures: 1,
      windowStartedAt: at(1500),
    });
  });

  it("re-opens on its probe's failure only; an open breaker stays open", () => {
    const halfOpen = {
      ...closed,
      state: 'half_open' as const,
      failures: 3,
      opened_at: at(0),
      probe_owner: 'a',
      now: at(2000),
    };
    expect(nextOnFailure(halfOpen, 'a', settings)).toMatchObject({
      state: 'open',
      openedAt: at(2000),
      opened: true,
    });
    expect(nextOnFailure(halfOpen, 'b', settings)).toMatchObject({ state: 'half_open', opened: false });
    const open = { ...halfOpen, state: 'open' as const, probe_owner: null };
    expect(nextOnFailure(open, 'a', settings)).toMatchObject({
      state: 'open',
      openedAt: at(0),
      opened: false,
    });
  });
});

describe('callback order within an order', () => {
  it('puts a ready-time update after the status it was made in and before the next one', () => {
    const at = '2026-11-22T16:00:00.000Z';
    const prep = prepTimeSeq(OrderStatus.ACCEPTED, at);
    expect(prep).toBeGreaterThan(statusSeq(OrderStatus.ACCEPTED));
    expect(prep).toBeLessThan(statusSeq(OrderStatus.IN_PREPARATION));
    expect(prepTimeSeq(OrderStatus.ACCEPTED, '2026-11-22T16:05:00.000Z')).toBeGreaterThan(prep);
    expect(Number.isSafeInteger(statusSeq(OrderStatus.REFUNDED) + Date.parse(at))).toBe(true);
  });
});
