// The tour's timing rules, pure: which step comes next, whether it is night, how big the wall is drawn.
import type { Tour, TourStep } from '../../../server/wall/contract';

export type { Tour, TourStep };

/** The next enabled step after index i (wrapping), or -1 when none is enabled. */
export function nextStep(steps: TourStep[], i: number): number {
  for (let k = 1; k <= steps.length; k++) {
    const j = (i + k + steps.length) % steps.length;
    if (steps[j]?.enabled) return j;
  }
  return -1;
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether a wall-clock time (minutes since midnight, local) is inside the night window, which may span midnight. */
export function isNight(minuteOfDay: number, s: Tour['schedule']): boolean {
  const a = minutes(s.nightStart);
  const b = minutes(s.nightEnd);
  if (a === b) return false;
  return a < b ? minuteOfDay >= a && minuteOfDay < b : minuteOfDay >= a || minuteOfDay < b;
}

export const DESIGN_W = 1920;
export const DESIGN_H = 1080;

/** A fixed 1920×1080 design scaled to the screen: wider walls (32:9) widen the design, narrower ones letterbox. */
export function wallFrame(screenW: number, screenH: number): { width: number; height: number; scale: number } {
  if (screenW / screenH >= DESIGN_W / DESIGN_H) {
    const scale = screenH / DESIGN_H;
    return { width: Math.floor(screenW / scale), height: DESIGN_H, scale };
  }
  return { width: DESIGN_W, height: DESIGN_H, scale: screenW / DESIGN_W };
}
