import { ORDER_STATUSES, allowedNextStatuses, OrderStatus } from '@hub/order-model';
import { backoffDelayMs, isPermanentFailure, STATUS_RANK, supersededBy } from './callback-policy.util';
import { CircuitBreakers } from './circuit-breaker';
import { PlatformRateLimiter } from './rate-limiter';

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

describe('CircuitBreakers', () => {
  it('opens after N consecutive failures, lets one probe through after the cool-down, closes on success', () => {
    let now = 0;
    const breakers = new CircuitBreakers(3, 1000, () => now);
    breakers.failure('i1');
    breakers.failure('i1');
    expect(breakers.tryAcquire('i1')).toBe(true);
    breakers.failure('i1');
    expect(breakers.state('i1')).toBe('open');
    expect(breakers.tryAcquire('i1')).toBe(false);
    expect(breakers.blocked()).toEqual(['i1']);
    expect(breakers.tryAcquire('i2')).toBe(true);
    now = 1000;
    expect(breakers.state('i1')).toBe('half_open');
    expect(breakers.blocked()).toEqual([]);
    expect(breakers.tryAcquire('i1')).toBe(true);
    expect(breakers.tryAcquire('i1')).toBe(false);
    breakers.failure('i1');
    expect(breakers.state('i1')).toBe('open');
    expect(breakers.retryAt('i1')).toBe(2000);
    now = 2000;
    expect(breakers.tryAcquire('i1')).toBe(true);
    breakers.success('i1');
    expect(breakers.state('i1')).toBe('closed');
  });
});

describe('PlatformRateLimiter', () => {
  it('lets a burst through, then spaces requests', () => {
    let now = 0;
    const limiter = new PlatformRateLimiter(2, () => now);
    expect([limiter.take('square'), limiter.take('square')]).toEqual([0, 0]);
    expect(limiter.take('square')).toBe(500);
    expect(limiter.take('ubereats')).toBe(0);
    now = 500;
    expect(limiter.take('square')).toBe(0);
  });
});
