// When the pointer has come to rest: hover picking reads pixels back from the GPU, synchronously (very slow on
// software WebGL), so the map asks what is under the pointer only once it has stopped, not on every move. Pure
// of the DOM (a timer), tested with fake timers.

export interface Point {
  x: number;
  y: number;
}

/** How long the pointer must stay still before its tooltip is looked up (a pause, not a pass over the map). */
export const REST_MS = 150;
/** Moves smaller than this (pixels, hand tremor) neither hide a tooltip nor restart the wait. */
export const STILL_PX = 3;

export class RestTimer {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private at: Point | null = null;

  constructor(private readonly fire: (p: Point) => void, private readonly ms = REST_MS) {}

  /** The pointer moved to `p`: wait for it to rest there. Returns false for a move too small to count, unless
   *  `again` (what is under a still pointer changed: look again). */
  move(p: Point, again = false): boolean {
    if (!again && this.at && Math.hypot(p.x - this.at.x, p.y - this.at.y) < STILL_PX && this.timer === null) return false;
    this.at = p;
    this.clear();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.fire(p);
    }, this.ms);
    return true;
  }

  /** The pointer left, pressed or the camera moved: nothing to look up. */
  cancel(): void {
    this.clear();
    this.at = null;
  }

  private clear(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
