import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { REST_MS, RestTimer, type Point } from './rest-timer';

describe('pointer rest', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('fires once where the pointer stopped, not while it moves', () => {
    const fired: Point[] = [];
    const r = new RestTimer((p) => fired.push(p));
    for (let x = 0; x < 100; x += 10) {
      expect(r.move({ x, y: 0 })).toBe(true);
      vi.advanceTimersByTime(REST_MS - 1);
    }
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([{ x: 90, y: 0 }]);
    vi.advanceTimersByTime(10 * REST_MS);
    expect(fired).toHaveLength(1);
  });

  it('ignores a tremor after it fired, but a real move waits again', () => {
    const fired: Point[] = [];
    const r = new RestTimer((p) => fired.push(p));
    r.move({ x: 10, y: 10 });
    vi.advanceTimersByTime(REST_MS);
    expect(r.move({ x: 11, y: 11 })).toBe(false);
    vi.advanceTimersByTime(REST_MS);
    expect(fired).toHaveLength(1);
    // What lies under the still pointer changed (the camera glided, a tile arrived): look again.
    expect(r.move({ x: 11, y: 11 }, true)).toBe(true);
    vi.advanceTimersByTime(REST_MS);
    expect(fired).toHaveLength(2);
    fired.pop();
    expect(r.move({ x: 30, y: 10 })).toBe(true);
    vi.advanceTimersByTime(REST_MS);
    expect(fired).toEqual([{ x: 10, y: 10 }, { x: 30, y: 10 }]);
  });

  it('fires nothing once cancelled (a press, a drag, the pointer leaving)', () => {
    const fired: Point[] = [];
    const r = new RestTimer((p) => fired.push(p));
    r.move({ x: 10, y: 10 });
    r.cancel();
    vi.advanceTimersByTime(10 * REST_MS);
    expect(fired).toEqual([]);
    // After a cancel even a small move counts as a new rest.
    expect(r.move({ x: 11, y: 10 })).toBe(true);
  });
});
