// A synthetic street grid over a bounding box (for the reach benchmark and the pgRouting parity test): streets
// every `spacingM` metres both ways, every fifth an arterial, one in seven blocks' sides missing (dead ends and
// detours, seeded), and an elevated barrier road along the middle. Synthetic only, never loaded by `npm start`.
import type { RoadLine } from '../../server/domain/network/graph.js';
import { createRng } from '../generate/random.js';

export function syntheticRoadGrid(bbox: [number, number, number, number], spacingM: number, seed = 11): RoadLine[] {
  const rng = createRng(seed);
  const [w, s, e, n] = bbox;
  const dLat = spacingM / 110_574;
  const dLon = spacingM / (111_320 * Math.cos((((s + n) / 2) * Math.PI) / 180));
  const cols = Math.max(1, Math.round((e - w) / dLon));
  const rows = Math.max(1, Math.round((n - s) / dLat));
  const r7 = (x: number) => Math.round(x * 1e7) / 1e7;
  const out: RoadLine[] = [];
  let id = 0;
  // Each street is one road of many segments; a missing block side splits it.
  const street = (pts: [number, number][]) => {
    let run: [number, number][] = [pts[0] as [number, number]];
    for (let i = 1; i < pts.length; i++) {
      if (rng.next() < 1 / 7) {
        if (run.length > 1) out.push({ id: ++id, barrier: false, lines: [run] });
        run = [pts[i] as [number, number]];
      } else run.push(pts[i] as [number, number]);
    }
    if (run.length > 1) out.push({ id: ++id, barrier: false, lines: [run] });
  };
  for (let c = 0; c <= cols; c++) street([...Array(rows + 1).keys()].map((r) => [r7(w + c * dLon), r7(s + r * dLat)]));
  for (let r = 0; r <= rows; r++) street([...Array(cols + 1).keys()].map((c) => [r7(w + c * dLon), r7(s + r * dLat)]));
  const mid = r7(s + (rows / 2 + 0.5) * dLat);
  out.push({ id: ++id, barrier: true, lines: [[[w, mid], [e, mid]]] });
  return out;
}
