export type BreakerState = 'closed' | 'open' | 'half_open';

interface Breaker {
  failures: number;
  openedAt?: number;
  probing: boolean;
}

/**
 * One breaker per integration (or webhook endpoint, or Jira), in this process: after `threshold`
 * consecutive failures it opens, and calls to that target wait. After `cooldownMs` it lets one probe
 * through (half-open): a success closes it, a failure opens it for another cool-down. Each replica
 * keeps its own, so R replicas send at most R probes per cool-down to a platform that is down.
 */
export class CircuitBreakers {
  private readonly breakers = new Map<string, Breaker>();

  constructor(
    private readonly threshold: number,
    private readonly cooldownMs: number,
    private readonly now: () => number = Date.now,
    private readonly onChange: (key: string, state: BreakerState) => void = () => undefined,
  ) {}

  state(key: string): BreakerState {
    const breaker = this.breakers.get(key);
    if (!breaker || breaker.openedAt === undefined) return 'closed';
    return this.now() - breaker.openedAt >= this.cooldownMs ? 'half_open' : 'open';
  }

  /** May a call to `key` go now? A half-open breaker admits one probe at a time. */
  tryAcquire(key: string): boolean {
    const state = this.state(key);
    if (state === 'closed') return true;
    if (state === 'open') return false;
    const breaker = this.breakers.get(key)!;
    if (breaker.probing) return false;
    breaker.probing = true;
    return true;
  }

  /** When a call to `key` may next be tried (now for a closed breaker). */
  retryAt(key: string): number {
    const breaker = this.breakers.get(key);
    if (!breaker || breaker.openedAt === undefined) return this.now();
    return breaker.openedAt + this.cooldownMs;
  }

  /** Targets nothing should be claimed for: open, or half-open with its probe in flight. */
  blocked(): string[] {
    return [...this.breakers.entries()]
      .filter(([key, breaker]) => {
        const state = this.state(key);
        return state === 'open' || (state === 'half_open' && breaker.probing);
      })
      .map(([key]) => key);
  }

  success(key: string): void {
    const was = this.state(key);
    this.breakers.delete(key);
    if (was !== 'closed') this.onChange(key, 'closed');
  }

  failure(key: string): void {
    const breaker = this.breakers.get(key) ?? { failures: 0, probing: false };
    const wasProbe = breaker.probing;
    breaker.failures += 1;
    breaker.probing = false;
    if (wasProbe || (breaker.openedAt === undefined && breaker.failures >= this.threshold)) {
      breaker.openedAt = this.now();
      this.onChange(key, 'open');
    }
    this.breakers.set(key, breaker);
  }

  /** A probe that never ran (released before sending) frees the half-open slot. */
  release(key: string): void {
    const breaker = this.breakers.get(key);
    if (breaker) breaker.probing = false;
  }
}
