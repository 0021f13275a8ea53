// Which labels to draw at a zoom level: the most important first, each only where it overlaps no label already
// placed (greedy, as map renderers place symbols). Placed at the whole zoom level, so zooming in within the level
// only spreads them further apart. Pure.
import { CellIndex, worldPixel } from './screen';

export interface Placeable {
  text: string;
  at: [number, number];
  /** Text size in pixels. */
  size: number;
  /** Pixel offset of the text's centre from `at`. */
  offset?: [number, number];
  /** Higher first. */
  priority: number;
  /** Not drawn below this zoom. */
  minZoom?: number;
}

/** Room kept around each label, in pixels. */
const GAP = 4;

/** Width of a text in pixels: a CJK character is about one em, Latin about half. */
export function textWidth(text: string, size: number): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\uffff]/.test(ch) ? size : size * 0.6;
  return w;
}

export function labelBox(l: Placeable, zoom: number): [number, number, number, number] {
  const [x, y] = worldPixel(l.at, zoom);
  const [dx, dy] = l.offset ?? [0, 0];
  const hw = textWidth(l.text, l.size) / 2 + GAP;
  const hh = (l.size * 1.2) / 2 + GAP;
  return [x + dx - hw, y + dy - hh, x + dx + hw, y + dy + hh];
}

const overlaps = (a: number[], b: number[]) => (a[0] as number) < (b[2] as number) && (b[0] as number) < (a[2] as number) && (a[1] as number) < (b[3] as number) && (b[1] as number) < (a[3] as number);

export type Box = [number, number, number, number];

/** `marks`: boxes (world pixels at the zoom level) already taken by icons, which labels keep clear of. */
export function placeLabels<T extends Placeable>(labels: readonly T[], zoom: number, marks: readonly Box[] = []): T[] {
  const level = Math.floor(zoom);
  const order = labels.map((l, i) => ({ l, i })).filter(({ l }) => l.text && (l.minZoom ?? 0) <= zoom);
  order.sort((a, b) => b.l.priority - a.l.priority || a.i - b.i);
  const index = new CellIndex<Box>(128);
  for (const m of marks) index.add(m, m);
  const out: T[] = [];
  for (const { l } of order) {
    const box = labelBox(l, level);
    if ([...index.near(box)].some((b) => overlaps(b, box))) continue;
    index.add(box, box);
    out.push(l);
  }
  return out;
}
