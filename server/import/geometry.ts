// Boundary geometry checks before PostGIS sees it: ST_GeomFromGeoJSON accepts 2-point rings, 1e308 and NaN,
// so ranges, finiteness, closed rings and ring sizes are checked here; ST_IsValid runs in the database after.
import { z } from 'zod';
import type { MultiPolygon, Point, Polygon } from 'geojson';

const position = z.tuple([z.number().finite().min(-180).max(180), z.number().finite().min(-90).max(90)]).rest(z.number().finite());
const ring = z
  .array(position)
  .min(4, 'a ring needs at least 4 positions')
  .refine((r) => {
    const a = r[0] as number[];
    const b = r[r.length - 1] as number[];
    return a[0] === b[0] && a[1] === b[1];
  }, 'a ring must be closed (first position = last)');
const polygon = z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) });
const multiPolygon = z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1)).min(1) });
const point = z.object({ type: z.literal('Point'), coordinates: position });
const geometry = z.discriminatedUnion('type', [polygon, multiPolygon, point]);

export type Want = 'multipolygon' | 'polygon' | 'polygon-or-point';

const strip = (p: number[][][]): number[][][] => p.map((r) => r.map((x) => [x[0] as number, x[1] as number]));

/** The geometry in the shape the table stores, 2D, or why it cannot be. */
export function checkGeometry(g: unknown, want: Want): { ok: true; geom: Polygon | MultiPolygon | Point } | { ok: false; message: string } {
  if (g === null || g === undefined) return { ok: false, message: 'no geometry' };
  const p = geometry.safeParse(g);
  if (!p.success) {
    const i = p.error.issues[0];
    const type = (g as { type?: unknown }).type;
    const msg = i?.code === 'invalid_union' || i?.path.length === 0 ? `unsupported geometry type ${String(type)}` : `${i?.path.join('.')}: ${i?.message}`;
    return { ok: false, message: msg };
  }
  const v = p.data;
  if (v.type === 'Point') {
    return want === 'polygon-or-point' ? { ok: true, geom: { type: 'Point', coordinates: [v.coordinates[0], v.coordinates[1]] } } : { ok: false, message: 'a point where an area is needed' };
  }
  const parts = v.type === 'Polygon' ? [v.coordinates] : v.coordinates;
  if (want === 'multipolygon') return { ok: true, geom: { type: 'MultiPolygon', coordinates: parts.map(strip) } };
  if (parts.length !== 1) return { ok: false, message: `${parts.length} separate parts where one polygon is needed` };
  return { ok: true, geom: { type: 'Polygon', coordinates: strip(parts[0] as number[][][]) } };
}
