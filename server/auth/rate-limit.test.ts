import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LOGIN_RULE, afterFailure, loginKeys, retryAfterS, userWaitMs, type LimitState } from './rate-limit.js';

const T0 = 1_750_000_000_000;
const R = LOGIN_RULE;

/** The state after n failures, one every `gapMs`, starting at T0. */
function failures(n: number, gapMs = 0, start = T0): LimitState | undefined {
  let s: LimitState | undefined;
  for (let i = 0; i < n; i++) s = afterFailure(s, start + i * gapMs, R);
  return s;
}

describe('afterFailure', () => {
  it('opens a window at the first failure and counts within it, keeping the window', () => {
    expect(afterFailure(undefined, T0, R)).toEqual({ count: 1, resetAt: T0 + R.windowMs, lastAt: T0 });
    expect(afterFailure({ count: 3, resetAt: T0 + 10, lastAt: T0 }, T0 + 5, R)).toEqual({ count: 4, resetAt: T0 + 10, lastAt: T0 + 5 });
  });

  it('starts afresh once the window is over', () => {
    expect(afterFailure({ count: 99, resetAt: T0, lastAt: T0 - 1 }, T0, R)).toEqual({ count: 1, resetAt: T0 + R.windowMs, lastAt: T0 });
  });
});

describe('the pair and the address block for the rest of their window', () => {
  it('lets pairMax − 1 failures of a pair through and blocks at pairMax until the window ends', () => {
    expect(retryAfterS({ pair: failures(R.pairMax - 1) }, T0, R)).toBe(0);
    expect(retryAfterS({ pair: failures(R.pairMax) }, T0, R)).toBe(R.windowMs / 1000);
    expect(retryAfterS({ pair: failures(R.pairMax) }, T0 + R.windowMs - 1, R)).toBe(1);
    expect(retryAfterS({ pair: failures(R.pairMax) }, T0 + R.windowMs, R)).toBe(0);
  });

  it('blocks an address that fails for many users', () => {
    expect(retryAfterS({ address: failures(R.addressMax - 1) }, T0, R)).toBe(0);
    expect(retryAfterS({ address: failures(R.addressMax) }, T0, R)).toBeGreaterThan(0);
  });
});

describe('the user is slowed, never locked', () => {
  it('does not slow a user below the ceiling: five failures from one address leave the user free elsewhere', () => {
    const user = failures(R.pairMax);
    expect(retryAfterS({ user, pair: undefined, address: undefined }, T0, R)).toBe(0);
    expect(userWaitMs(failures(R.userSlowAfter - 1), T0, R)).toBe(0);
  });

  it('past the ceiling, waits a delay after the last failure that doubles and is capped', () => {
    const s = failures(R.userSlowAfter) as LimitState;
    expect(userWaitMs(s, s.lastAt, R)).toBe(R.userDelayMs);
    expect(userWaitMs(s, s.lastAt + R.userDelayMs, R)).toBe(0);
    const more = failures(R.userSlowAfter + 1) as LimitState;
    expect(userWaitMs(more, more.lastAt, R)).toBe(2 * R.userDelayMs);
    const many = failures(R.userSlowAfter + 40) as LimitState;
    expect(userWaitMs(many, many.lastAt, R)).toBe(R.userMaxDelayMs);
  });

  it('property: however many failures, from however many addresses, the user never waits longer than the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 120_000 }), fc.integer({ min: 0, max: R.windowMs * 2 }), (n, gap, later) => {
        const s = failures(n, gap % 1000);
        const at = (s?.lastAt ?? T0) + later;
        // A fresh pair and a fresh address: the real user signing in from their own machine.
        return retryAfterS({ user: s }, at, R) <= R.userMaxDelayMs / 1000;
      }),
    );
  });
});

describe('loginKeys', () => {
  it('keys the pair on user and address, and ignores case and surrounding space in the user', () => {
    expect(loginKeys(' Admin ', '10.0.0.1')).toEqual({ pair: 'p:admin@10.0.0.1', address: 'a:10.0.0.1', user: 'u:admin' });
  });
});
