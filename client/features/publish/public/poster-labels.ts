// Where the poster's road and area names go, pure: each name tries several spots along its road (or around
// its area), and a spot is taken only if its box stays inside the map frame and clear of every box already
// taken (station markers, the north arrow, the scale bar, other names). Roads steeper than 60° get their
// characters stacked upright, as Chinese maps name north–south roads; the others follow the road's angle.

export type Box = [number, number, number, number];

export interface RoadLabel {
  text: string;
  x: number;
  y: number;
  /** Radians, within ±60°; 0 when vertical. */
  angle: number;
  /** Characters stacked upright, one under the other. */
  vertical: boolean;
  box: Box;
}

export const overlaps = (a: Box, b: Box): boolean => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
const inside = (a: Box, f: Box): boolean => a[0] >= f[0] && a[1] >= f[1] && a[2] <= f[2] && a[3] <= f[3];
const grow = (b: Box, d: number): Box => [b[0] - d, b[1] - d, b[2] + d, b[3] + d];

/** The point at `f` (0..1) of a polyline's length, with the direction of its segment there. */
export function pointAlong(line: [number, number][], f: number): { x: number; y: number; angle: number } | null {
  let total = 0;
  for (let i = 1; i < line.length; i++) total += Math.hypot(line[i]![0] - line[i - 1]![0], line[i]![1] - line[i - 1]![1]);
  if (!(total > 0)) return null;
  let want = total * f;
  for (let i = 1; i < line.length; i++) {
    const [ax, ay] = line[i - 1]!, [bx, by] = line[i]!;
    const d = Math.hypot(bx - ax, by - ay);
    if (want <= d || i === line.length - 1) {
      const t = d ? Math.min(1, want / d) : 0;
      return { x: ax + (bx - ax) * t, y: ay + (by - ay) * t, angle: Math.atan2(by - ay, bx - ax) };
    }
    want -= d;
  }
  return null;
}

const SPOTS = [0.5, 0.38, 0.62, 0.26, 0.74, 0.15, 0.85];

/**
 * One label per road (in the order given: the longest first), at the first spot along it that fits.
 * `width` measures a text at `size` (the canvas's measureText); `taken` is extended with what is placed.
 */
export function placeRoadLabels(roads: { text: string; line: [number, number][] }[], width: (text: string) => number, size: number, frame: Box, taken: Box[], max = 14): RoadLabel[] {
  const out: RoadLabel[] = [];
  const pad = size * 0.25;
  for (const road of roads) {
    if (out.length >= max) break;
    for (const f of SPOTS) {
      const p = pointAlong(road.line, f);
      if (!p) break;
      let a = p.angle;
      if (a > Math.PI / 2) a -= Math.PI;
      if (a < -Math.PI / 2) a += Math.PI;
      const vertical = Math.abs(a) > Math.PI / 3;
      let box: Box;
      if (vertical) {
        const h = [...road.text].length * size * 1.05;
        box = [p.x - size * 0.6, p.y - h / 2, p.x + size * 0.6, p.y + h / 2];
      } else {
        // The rotated text's axis-aligned bounds: a little generous, never too small.
        const w = width(road.text), h = size * 1.2;
        const c = Math.abs(Math.cos(a)), s = Math.abs(Math.sin(a));
        const bw = w * c + h * s, bh = w * s + h * c;
        box = [p.x - bw / 2, p.y - bh / 2, p.x + bw / 2, p.y + bh / 2];
      }
      if (!inside(box, frame) || taken.some((t) => overlaps(t, grow(box, pad)))) continue;
      taken.push(box);
      out.push({ text: road.text, x: p.x, y: p.y, angle: vertical ? 0 : a, vertical, box });
      break;
    }
  }
  return out;
}

/** An area's name: centred at its label point, else just above or below it, else left out. */
export function placeAreaLabel(text: string, x: number, y: number, w: number, h: number, frame: Box, taken: Box[]): { x: number; y: number; box: Box } | null {
  for (const dy of [0, -1.6 * h, 1.6 * h, -3 * h, 3 * h]) {
    const box: Box = [x - w / 2, y + dy - h / 2, x + w / 2, y + dy + h / 2];
    if (!inside(box, frame) || taken.some((t) => overlaps(t, box))) continue;
    taken.push(box);
    return { x, y: y + dy, box };
  }
  return null;
}
