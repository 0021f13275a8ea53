// Shape checks of road lines and water areas before PostGIS sees them (ranges, finiteness, line and ring sizes,
// closed rings), with the file's coordinates converted to WGS84 on the way: the stored geometry is what the
// conversion gave, at seven decimals like every other coordinate.
import { z } from 'zod';
import type { MultiLineString, MultiPolygon, Position } from 'geojson';
import type { CoordSystem } from './kinds.js';
import { inChina, toWgs84 } from './coords.js';

const position = z.tuple([z.number().finite().min(-180).max(180), z.number().finite().min(-90).max(90)]).rest(z.number().finite());
const line = z.array(position).min(2, 'a line needs at least 2 positions');
const ring = z.array(position).min(4, 'a ring needs at least 4 positions').refine((r) => {
  const a = r[0] as number[];
  const b = r[r.length - 1] as number[];
  return a[0] === b[0] && a[1] === b[1];
}, 'a ring must be closed (first position = last)');
const lines = z.discriminatedUnion('type', [
  z.object({ type: z.literal('LineString'), coordinates: line }),
  z.object({ type: z.literal('MultiLineString'), coordinates: z.array(line).min(1) }),
]);
const areas = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1)).min(1) }),
]);

type Checked = { ok: true; geom: MultiLineString | MultiPolygon } | { ok: false; message: string };

export function checkContextGeometry(g: unknown, want: 'lines' | 'areas', coords: CoordSystem): Checked {
  if (g === null || g === undefined) return { ok: false, message: 'no geometry' };
  const p = (want === 'lines' ? lines : areas).safeParse(g);
  if (!p.success) {
    const i = p.error.issues[0];
    const type = (g as { type?: unknown }).type;
    return { ok: false, message: i?.code === 'invalid_union' || i?.path.length === 0 ? `unsupported geometry type ${String(type)} (${want === 'lines' ? 'lines' : 'areas'} wanted)` : `${i?.path.join('.')}: ${i?.message}` };
  }
  let outside = false;
  const pos = (x: Position): Position => {
    const [lon, lat] = [x[0] as number, x[1] as number];
    // The GCJ-02 and BD-09 offsets are defined for China only; elsewhere a converted point would be wrong.
    if (coords !== 'wgs84' && !inChina(lon, lat)) outside = true;
    return toWgs84(lon, lat, coords);
  };
  const d = p.data;
  const geom: MultiLineString | MultiPolygon =
    d.type === 'LineString' ? { type: 'MultiLineString', coordinates: [d.coordinates.map(pos)] }
    : d.type === 'MultiLineString' ? { type: 'MultiLineString', coordinates: d.coordinates.map((l) => l.map(pos)) }
    : d.type === 'Polygon' ? { type: 'MultiPolygon', coordinates: [d.coordinates.map((r) => r.map(pos))] }
    : { type: 'MultiPolygon', coordinates: d.coordinates.map((pg) => pg.map((r) => r.map(pos))) };
  if (outside) return { ok: false, message: `${coords.toUpperCase()} coordinates outside China: was the file in WGS84?` };
  return { ok: true, geom };
}
