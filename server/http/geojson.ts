// GeoJSON geometries in API contracts, shaped like the `geojson` types the services return (RFC 7946
// positions: [lon, lat] or [lon, lat, z]), so a response schema and its model agree.
import { z } from '@hono/zod-openapi';
import type { MultiPolygon, Point, Polygon } from 'geojson';
import type { Agree, Expect } from './agree.js';

const Position = z.array(z.number());

export const PointSchema = z.object({ type: z.literal('Point'), coordinates: Position }).openapi('GeoJsonPoint');
export const PolygonSchema = z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(Position)) }).openapi('GeoJsonPolygon');
export const MultiPolygonSchema = z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(Position))) }).openapi('GeoJsonMultiPolygon');

type _PointAgrees = Expect<Agree<Point, z.infer<typeof PointSchema>>>;
type _PolygonAgrees = Expect<Agree<Polygon, z.infer<typeof PolygonSchema>>>;
type _MultiPolygonAgrees = Expect<Agree<MultiPolygon, z.infer<typeof MultiPolygonSchema>>>;
