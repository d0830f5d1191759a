/**
 * A token bucket per platform, in this process: `perSecond` requests a second, bursts up to
 * `perSecond`. `take` answers 0 when a request may go now, else how many ms until one may.
 */
export class PlatformRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(platform: string): number {
    const now = this.now();
    const bucket = this.buckets.get(platform) ?? { tokens: this.perSecond, at: now };
    bucket.tokens = Math.min(this.perSecond, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    this.buckets.set(platform, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) / this.perSecond) * 1000);
  }
}
