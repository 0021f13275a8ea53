// Fixed-window failure counter for login attempts, keyed by username and by client address.
export class FailureLimiter {
  private readonly hits = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until the key may try again, or 0 if it may try now. */
  retryAfter(key: string): number {
    const h = this.hits.get(key);
    if (!h || h.resetAt <= this.now()) return 0;
    return h.count >= this.maxFailures ? Math.ceil((h.resetAt - this.now()) / 1000) : 0;
  }

  fail(key: string): void {
    const t = this.now();
    const h = this.hits.get(key);
    if (!h || h.resetAt <= t) this.hits.set(key, { count: 1, resetAt: t + this.windowMs });
    else h.count++;
    if (this.hits.size > 10_000) this.sweep(t);
  }

  succeed(key: string): void {
    this.hits.delete(key);
  }

  private sweep(t: number): void {
    for (const [k, h] of this.hits) if (h.resetAt <= t) this.hits.delete(k);
  }
}
