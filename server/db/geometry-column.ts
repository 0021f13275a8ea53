// The one custom column type for every geometry kind: drizzle's built-in geometry is point-only.
// Values go in as GeoJSON through ST_GeomFromGeoJSON and come out decoded from EWKB.
import { customType } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type { Geometry } from 'geojson';
import { decodeEwkbHex } from './ewkb.js';

export type GeometryKind =
  | 'Geometry'
  | 'Point'
  | 'LineString'
  | 'Polygon'
  | 'MultiPoint'
  | 'MultiLineString'
  | 'MultiPolygon';

export const geometry = <G extends Geometry = Geometry>(name: string, kind: GeometryKind = 'Geometry') =>
  customType<{ data: G; driverData: string; config: { kind: GeometryKind } }>({
    dataType: (config) => `geometry(${config?.kind ?? 'Geometry'}, 4326)`,
    toDriver: (value) => sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(value)}), 4326)`,
    fromDriver: (value) => decodeEwkbHex(value) as G,
  })(name, { kind });
