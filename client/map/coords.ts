// Overlay coordinates for the chosen basemap: our data is WGS84; a GCJ-02 basemap needs the data shifted.
import gcoord from 'gcoord';

export type MapCrs = 'wgs84' | 'gcj02';
export type ToMap = (p: [number, number]) => [number, number];

export const identity: ToMap = (p) => p;

export function toMapCoords(crs: MapCrs): ToMap {
  if (crs === 'wgs84') return identity;
  return (p) => gcoord.transform(p, gcoord.WGS84, gcoord.GCJ02) as [number, number];
}

/** Applies a coordinate transform to every position of a GeoJSON geometry (returns a new geometry). */
export function mapGeometry<G extends GeoJSON.Geometry>(g: G, f: ToMap): G {
  if (f === identity) return g;
  const walk = (c: unknown): unknown =>
    typeof (c as number[])[0] === 'number' ? f(c as [number, number]) : (c as unknown[]).map(walk);
  if (g.type === 'GeometryCollection') return { ...g, geometries: g.geometries.map((x) => mapGeometry(x, f)) };
  return { ...g, coordinates: walk((g as Exclude<GeoJSON.Geometry, GeoJSON.GeometryCollection>).coordinates) } as G;
}
