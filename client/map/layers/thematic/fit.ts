// Which label an area gets at a zoom: its name over its value where both fit inside it on screen, the value alone
// where only that fits, nothing where the area is too small (its value is in the tooltip and the area tree).
// At zoom 10 a city's 200 streets are a few pixels each: labelling them all would be a smear of text.
import { bboxOf } from '../geometry';
import type { Geometry } from 'geojson';

/** Screen pixels per degree of longitude at a zoom (256-pixel tiles). */
const pxPerDegree = (zoom: number) => (256 * 2 ** zoom) / 360;
const mercY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) * (180 / Math.PI);

/** The area's bounding box on screen, in pixels, at a zoom. */
export function screenSize(g: Geometry, zoom: number): [number, number] {
  const [w, s, e, n] = bboxOf(g);
  return [(e - w) * pxPerDegree(zoom), (mercY(n) - mercY(s)) * pxPerDegree(zoom)];
}

/** Rough text width: CJK characters are about square, Latin letters and digits about half as wide. */
export function textWidth(text: string, size: number): number {
  let w = 0;
  for (const ch of text) w += /[\u2E80-\u9FFF\uFF00-\uFFEF]/.test(ch) ? size : size * 0.6;
  return w;
}

export function fittedLabel(g: Geometry, zoom: number, name: string, value: string, size: number, withName: boolean): string | null {
  const [w, h] = screenSize(g, zoom);
  if (withName && w >= textWidth(name, size) + 8 && h >= size * 2.6) return `${name}\n${value}`;
  if (w >= textWidth(value, size) + 6 && h >= size * 1.3) return value;
  return null;
}
