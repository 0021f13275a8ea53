// Map labels and clusters for the public SVG map, pure: station labels placed greedily (most important
// first, four candidate spots each) so none overlaps another or a station symbol, and stations grouped
// into clusters when they would draw on top of each other at the current zoom.

export interface Placed {
  id: string;
  x: number;
  y: number;
  anchor: 'start' | 'end';
  /** The label's box in map units, for tests and hit checks. */
  box: [number, number, number, number];
}

export interface Point {
  id: string;
  x: number;
  y: number;
  /** Higher is placed first. */
  rank: number;
  text: string;
}

const overlaps = (a: number[], b: number[]) => a[0]! < b[2]! && b[0]! < a[2]! && a[1]! < b[3]! && b[1]! < a[3]!;

/** CJK text is about one em per character; Latin about 0.6 em. */
export function textWidth(text: string, size: number): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? size : size * 0.6;
  return w;
}

/**
 * Labels that do not collide: each point tries right, left, above-right and below-right of its symbol
 * (radius r), in rank order; a label that fits nowhere is left out (the symbol and its tooltip remain).
 */
export function placeLabels(points: Point[], size: number, r: number, keepOut: [number, number, number, number][] = []): Placed[] {
  const symbols = points.map((p) => [p.x - r, p.y - r, p.x + r, p.y + r]);
  const taken: number[][] = [...keepOut];
  const out: Placed[] = [];
  for (const p of [...points].sort((a, b) => b.rank - a.rank || a.id.localeCompare(b.id))) {
    const w = textWidth(p.text, size);
    const h = size * 1.2;
    const gap = r + size * 0.3;
    const spots: [number, number, 'start' | 'end', number[]][] = [
      [p.x + gap, p.y + size * 0.35, 'start', [p.x + gap, p.y - h / 2, p.x + gap + w, p.y + h / 2]],
      [p.x - gap, p.y + size * 0.35, 'end', [p.x - gap - w, p.y - h / 2, p.x - gap, p.y + h / 2]],
      [p.x + gap * 0.6, p.y - gap, 'start', [p.x + gap * 0.6, p.y - gap - h * 0.8, p.x + gap * 0.6 + w, p.y - gap + h * 0.2]],
      [p.x + gap * 0.6, p.y + gap + size * 0.8, 'start', [p.x + gap * 0.6, p.y + gap - h * 0.1, p.x + gap * 0.6 + w, p.y + gap + h * 0.9]],
    ];
    for (const [x, y, anchor, box] of spots) {
      if (taken.some((t) => overlaps(t, box)) || symbols.some((s, i) => points[i]!.id !== p.id && overlaps(s, box))) continue;
      taken.push(box);
      out.push({ id: p.id, x, y, anchor, box: box as [number, number, number, number] });
      break;
    }
  }
  return out;
}

export interface Cluster {
  ids: string[];
  x: number;
  y: number;
}

/**
 * Stations closer than `radius` (map units) to a cluster's first member join it: greedy, in rank order, so
 * the same view always clusters the same way. A cluster of one is a station drawn as itself.
 */
export function clusterPoints(points: Point[], radius: number): Cluster[] {
  const clusters: (Cluster & { sx: number; sy: number; cx: number; cy: number })[] = [];
  for (const p of [...points].sort((a, b) => b.rank - a.rank || a.id.localeCompare(b.id))) {
    const c = clusters.find((k) => Math.hypot(k.cx - p.x, k.cy - p.y) < radius);
    if (c) {
      c.ids.push(p.id);
      c.sx += p.x;
      c.sy += p.y;
      c.x = c.sx / c.ids.length;
      c.y = c.sy / c.ids.length;
    } else clusters.push({ ids: [p.id], x: p.x, y: p.y, sx: p.x, sy: p.y, cx: p.x, cy: p.y });
  }
  return clusters.map(({ ids, x, y }) => ({ ids, x, y }));
}

/** Where to write a road's name: the middle of its longest segment, at the segment's angle kept upright. */
export function roadLabelAt(line: [number, number][]): { x: number; y: number; angle: number; length: number } | null {
  let best: { x: number; y: number; angle: number; length: number } | null = null;
  for (let i = 1; i < line.length; i++) {
    const [ax, ay] = line[i - 1]!;
    const [bx, by] = line[i]!;
    const length = Math.hypot(bx - ax, by - ay);
    if (best && length <= best.length) continue;
    let angle = (Math.atan2(by - ay, bx - ax) * 180) / Math.PI;
    if (angle > 90) angle -= 180;
    if (angle < -90) angle += 180;
    best = { x: (ax + bx) / 2, y: (ay + by) / 2, angle, length };
  }
  return best;
}
