// Sign-in limiting. Failures are counted under three keys: the (user, address) pair, the address alone and the
// user alone. A pair or an address that fails too often is blocked for the rest of its window: that stops one
// machine guessing one password or spraying many users. The user key never blocks: past its ceiling, each further
// attempt for that user must wait a delay after the last one (doubling, capped), so guesses spread over many
// addresses are slowed while the real user, from their own address, is at most a short wait away — never locked
// out of the account from everywhere. The rule is pure (state in, decision out); the counters live in the
// database (login_attempts) so several API processes share them.
import { sql } from 'drizzle-orm';
import { rows, type Store } from '../db/store.js';

export interface LimitState {
  count: number;
  resetAt: number;
  lastAt: number;
}

export interface LoginRule {
  windowMs: number;
  /** Failures of one user from one address before that pair is blocked until its window ends. */
  pairMax: number;
  /** Failures from one address (any user) before the address is blocked until its window ends. */
  addressMax: number;
  /** Failures of one user (any address) after which each attempt waits for a delay after the last one. */
  userSlowAfter: number;
  userDelayMs: number;
  userMaxDelayMs: number;
}

export const LOGIN_RULE: LoginRule = {
  windowMs: 15 * 60_000,
  pairMax: 5,
  addressMax: 30,
  userSlowAfter: 10,
  userDelayMs: 1_000,
  userMaxDelayMs: 30_000,
};

export interface LoginKeys {
  pair: string;
  address: string;
  user: string;
}

export function loginKeys(username: string, address: string): LoginKeys {
  const user = username.trim().toLowerCase();
  return { pair: `p:${user}@${address}`, address: `a:${address}`, user: `u:${user}` };
}

/** The state after one more failure at `now`: a new window when the old one is over. */
export function afterFailure(s: LimitState | undefined, now: number, rule: LoginRule): LimitState {
  if (!s || s.resetAt <= now) return { count: 1, resetAt: now + rule.windowMs, lastAt: now };
  return { count: s.count + 1, resetAt: s.resetAt, lastAt: now };
}

/** Milliseconds the user key makes the next attempt wait (0: go ahead). Bounded by userMaxDelayMs. */
export function userWaitMs(s: LimitState | undefined, now: number, rule: LoginRule): number {
  if (!s || s.resetAt <= now || s.count < rule.userSlowAfter) return 0;
  const delay = Math.min(rule.userMaxDelayMs, rule.userDelayMs * 2 ** (s.count - rule.userSlowAfter));
  return Math.max(0, s.lastAt + delay - now);
}

function blockedMs(s: LimitState | undefined, now: number, max: number): number {
  if (!s || s.resetAt <= now || s.count < max) return 0;
  return s.resetAt - now;
}

/** Seconds until an attempt with these states may go ahead (0: now), rounded up. */
export function retryAfterS(states: Partial<Record<keyof LoginKeys, LimitState>>, now: number, rule: LoginRule): number {
  const ms = Math.max(
    blockedMs(states.pair, now, rule.pairMax),
    blockedMs(states.address, now, rule.addressMax),
    userWaitMs(states.user, now, rule),
  );
  return Math.ceil(ms / 1000);
}

/** The limiter over the database: every process on the same database shares the counts. */
export class LoginLimiter {
  constructor(
    private readonly store: Store,
    private readonly rule: LoginRule = LOGIN_RULE,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Checks the keys and, when the attempt may go ahead, counts it as a failure in the same transaction (before the
   * slow password check, so parallel guesses cannot all slip past). Returns the seconds to wait, 0 when counted.
   */
  async attempt(keys: LoginKeys): Promise<number> {
    const now = this.now();
    const list = [keys.pair, keys.address, keys.user];
    return this.store.write(async (tx) => {
      // Rows exist before they are locked, so two processes' first failures cannot both insert.
      for (const k of list) await tx.execute(sql`INSERT INTO login_attempts (key, count, reset_at, last_at) VALUES (${k}, 0, 0, 0) ON CONFLICT (key) DO NOTHING`);
      const found = await rows<{ key: string; count: number; resetAt: number; lastAt: number }>(
        tx,
        sql`SELECT key, count, reset_at::float8 AS "resetAt", last_at::float8 AS "lastAt" FROM login_attempts
            WHERE key IN (${keys.pair}, ${keys.address}, ${keys.user}) ORDER BY key FOR UPDATE`,
      );
      const by = new Map(found.map((r) => [r.key, { count: Number(r.count), resetAt: Number(r.resetAt), lastAt: Number(r.lastAt) }]));
      const wait = retryAfterS({ pair: by.get(keys.pair), address: by.get(keys.address), user: by.get(keys.user) }, now, this.rule);
      if (wait > 0) return wait;
      for (const k of list) {
        const next = afterFailure(by.get(k), now, this.rule);
        await tx.execute(sql`UPDATE login_attempts SET count = ${next.count}, reset_at = ${next.resetAt}, last_at = ${next.lastAt} WHERE key = ${k}`);
      }
      // Expired counters are dropped now and then (old windows say nothing).
      await tx.execute(sql`DELETE FROM login_attempts WHERE reset_at <= ${now - this.rule.windowMs}`);
      return 0;
    });
  }

  /** The right password: the pair and the user start afresh (the address keeps what it did to other users). */
  async succeed(keys: LoginKeys): Promise<void> {
    await this.store.write((tx) => tx.execute(sql`DELETE FROM login_attempts WHERE key IN (${keys.pair}, ${keys.user})`));
  }
}
