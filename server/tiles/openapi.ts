// OGC API – Tiles paths of the /ogc OpenAPI document (merged into /api/docs with the rest).
import { BUDGETS } from '../http/budgets.js';
import type { CollectionDef } from '../ogc/collections.js';
import { MAX_ZOOM, TMS_ID } from './tms.js';

const TAG = 'OGC API – Tiles';
const json = { 'application/json': { schema: { type: 'object' } } };
const errorRef = { $ref: '#/components/responses/Error' };

export function tileMatrixSetPaths(): Record<string, object> {
  return {
    '/tileMatrixSets': { get: { tags: [TAG], summary: 'Tile matrix sets (WebMercatorQuad)', operationId: 'getTileMatrixSetsList', security: [], responses: { 200: { description: 'Tiling schemes', content: json } } } },
    [`/tileMatrixSets/${TMS_ID}`]: { get: { tags: [TAG], summary: 'The WebMercatorQuad tile matrix set (OGC 2DTMS JSON)', operationId: 'getTileMatrixSet_WebMercatorQuad', security: [], responses: { 200: { description: 'Tile matrix set', content: json } } } },
  };
}

/** OGC API – Features Part 6's property selection: a layer that reads two fields need not download twenty. */
const PROPERTIES = {
  name: 'properties',
  in: 'query',
  required: false,
  description: 'Comma-separated property names: only these in the tile (unknown names are 400; fields the reader may not read stay out).',
  schema: { type: 'string' },
  style: 'form',
  explode: false,
};

export function collectionTilePaths(def: CollectionDef, filterParameters: object[]): Record<string, object> {
  const op = def.id.replace(/-/g, '_');
  const int = (name: string, description: string, max?: number) => ({ name, in: 'path', required: true, description, schema: { type: 'integer', minimum: 0, ...(max !== undefined ? { maximum: max } : {}) } });
  return {
    [`/collections/${def.id}/tiles`]: {
      get: { tags: [TAG], summary: `Vector tilesets of ${def.title}`, operationId: `getTileSetsList_${op}`, responses: { 200: { description: 'Tilesets', content: json }, 401: errorRef, 403: errorRef, 404: errorRef } },
    },
    [`/collections/${def.id}/tiles/${TMS_ID}`]: {
      get: {
        tags: [TAG],
        summary: `${def.title}: the ${TMS_ID} vector tileset (OGC tileset metadata, also TileJSON 3.0 for MapLibre)`,
        operationId: `getTileSet_${op}`,
        parameters: filterParameters,
        responses: { 200: { description: 'Tileset metadata', content: json }, 400: errorRef, 401: errorRef, 403: errorRef, 404: errorRef },
      },
    },
    [`/collections/${def.id}/tiles/${TMS_ID}/{tileMatrix}/{tileRow}/{tileCol}`]: {
      get: {
        tags: [TAG],
        summary: `${def.title}: one Mapbox Vector Tile`,
        description:
          `Layer \`${def.id}\`: the features and properties the items endpoint returns for the tile's box, for the same reader. ` +
          `Empty tiles are 204. At most ${BUDGETS.tileFeatures.toLocaleString('en')} features per tile (413 past that: zoom in or filter). ` +
          'ETag / If-None-Match (304); gzip with Accept-Encoding.',
        operationId: `getTile_${op}`,
        parameters: [int('tileMatrix', `Zoom level, 0..${MAX_ZOOM}`, MAX_ZOOM), int('tileRow', 'Row (y), from the top'), int('tileCol', 'Column (x), from the left'), ...filterParameters, PROPERTIES],
        responses: {
          200: { description: 'The tile', content: { 'application/vnd.mapbox-vector-tile': { schema: { type: 'string', format: 'binary' } } } },
          204: { description: 'No feature in this tile' },
          304: { description: 'Not modified (If-None-Match)' },
          400: errorRef,
          401: errorRef,
          403: errorRef,
          404: errorRef,
          413: errorRef,
        },
      },
    },
  };
}
