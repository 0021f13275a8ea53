import { describe, it, expect } from 'vitest';
import { FailureLimiter } from './rate-limit.js';

/** A clock the test moves by hand. */
function clock(start = 1_750_000_000_000) {
  let t = start;
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

const MAX = 5;
const WINDOW = 15 * 60_000;

function setup() {
  const c = clock();
  return { c, limiter: new FailureLimiter(MAX, WINDOW, c.now) };
}

describe('FailureLimiter', () => {
  it('lets an unknown key try', () => {
    const { limiter } = setup();
    expect(limiter.retryAfter('alice')).toBe(0);
  });

  it('allows up to max − 1 failures without blocking, and blocks at max', () => {
    const { limiter } = setup();
    for (let k = 1; k < MAX; k++) {
      limiter.fail('alice');
      expect(limiter.retryAfter('alice'), `after ${k} failures`).toBe(0);
    }
    limiter.fail('alice');
    expect(limiter.retryAfter('alice')).toBeGreaterThan(0);
  });

  it('reports the seconds left in the window, rounded up', () => {
    const { c, limiter } = setup();
    for (let k = 0; k < MAX; k++) limiter.fail('alice');
    expect(limiter.retryAfter('alice')).toBe(WINDOW / 1000);
    c.advance(1);
    expect(limiter.retryAfter('alice')).toBe(WINDOW / 1000); // 899.999 s → 900
    c.advance(60_000 - 1);
    expect(limiter.retryAfter('alice')).toBe(WINDOW / 1000 - 60);
    c.advance(WINDOW - 60_000 - 500);
    expect(limiter.retryAfter('alice')).toBe(1);
  });

  it('counts the window from the first failure (fixed window), not the last', () => {
    const { c, limiter } = setup();
    limiter.fail('alice');
    c.advance(WINDOW - 10_000);
    for (let k = 1; k < MAX; k++) limiter.fail('alice');
    expect(limiter.retryAfter('alice')).toBe(10);
  });

  it('resets after the window', () => {
    const { c, limiter } = setup();
    for (let k = 0; k < MAX; k++) limiter.fail('alice');
    c.advance(WINDOW - 1);
    expect(limiter.retryAfter('alice')).toBeGreaterThan(0);
    c.advance(1);
    expect(limiter.retryAfter('alice')).toBe(0);
  });

  it('starts a fresh count after the window: one more failure does not block again', () => {
    const { c, limiter } = setup();
    for (let k = 0; k < MAX; k++) limiter.fail('alice');
    c.advance(WINDOW);
    limiter.fail('alice');
    expect(limiter.retryAfter('alice')).toBe(0);
    for (let k = 1; k < MAX; k++) limiter.fail('alice');
    expect(limiter.retryAfter('alice')).toBe(WINDOW / 1000);
  });

  it('failures in an old window do not add up with a new one', () => {
    const { c, limiter } = setup();
    for (let k = 0; k < MAX - 1; k++) limiter.fail('alice');
    c.advance(WINDOW + 1);
    for (let k = 0; k < MAX - 1; k++) limiter.fail('alice');
    expect(limiter.retryAfter('alice')).toBe(0);
  });

  it('keeps blocking while failures continue, without extending the window', () => {
    const { c, limiter } = setup();
    for (let k = 0; k < MAX + 10; k++) limiter.fail('alice');
    c.advance(WINDOW / 2);
    limiter.fail('alice');
    expect(limiter.retryAfter('alice')).toBe(WINDOW / 2000);
  });

  it('succeed() clears the key', () => {
    const { limiter } = setup();
    for (let k = 0; k < MAX; k++) limiter.fail('alice');
    expect(limiter.retryAfter('alice')).toBeGreaterThan(0);
    limiter.succeed('alice');
    expect(limiter.retryAfter('alice')).toBe(0);
    // and the count starts over
    for (let k = 1; k < MAX; k++) limiter.fail('alice');
    expect(limiter.retryAfter('alice')).toBe(0);
  });

  it('succeed() on an unknown key is harmless', () => {
    const { limiter } = setup();
    expect(() => limiter.succeed('nobody')).not.toThrow();
    expect(limiter.retryAfter('nobody')).toBe(0);
  });

  it('keeps keys apart', () => {
    const { limiter } = setup();
    for (let k = 0; k < MAX; k++) limiter.fail('alice');
    limiter.fail('bob');
    expect(limiter.retryAfter('alice')).toBeGreaterThan(0);
    expect(limiter.retryAfter('bob')).toBe(0);
    limiter.succeed('bob');
    expect(limiter.retryAfter('alice')).toBeGreaterThan(0);
  });

  it('with max 1, the first failure blocks', () => {
    const c = clock();
    const limiter = new FailureLimiter(1, 1_000, c.now);
    limiter.fail('ip:1.2.3.4');
    expect(limiter.retryAfter('ip:1.2.3.4')).toBe(1);
  });

  it('sweeps expired keys when many are tracked, and keeps live ones', () => {
    const { c, limiter } = setup();
    for (let k = 0; k < MAX; k++) limiter.fail('blocked');
    for (let k = 0; k < 10_000; k++) limiter.fail(`old-${k}`);
    c.advance(WINDOW);
    // A fresh failure for 'blocked' would start a new window; keep it blocked by failing again within a new window.
    for (let k = 0; k < MAX; k++) limiter.fail('blocked');
    limiter.fail('trigger-sweep');
    expect(limiter.retryAfter('blocked')).toBe(WINDOW / 1000);
    expect(limiter.retryAfter('old-1')).toBe(0);
    const hits = (limiter as unknown as { hits: Map<string, unknown> }).hits;
    expect(hits.size).toBeLessThan(100);
  });

  it('uses Date.now by default', () => {
    const limiter = new FailureLimiter(1, 60_000);
    limiter.fail('x');
    const s = limiter.retryAfter('x');
    expect(s).toBeGreaterThan(58);
    expect(s).toBeLessThanOrEqual(60);
  });
});
