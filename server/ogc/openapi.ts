// The OpenAPI 3.0 document of /ogc, built from the collection declarations so every filter a
// collection accepts is declared (GDAL only sends attribute filters the document declares).
import { unavailableResponse } from '../http/router.js';
import { COLLECTIONS, type CollectionDef, type PropType } from './collections.js';
import { MAX_LIMIT, DEFAULT_LIMIT } from './limits.js';
import { DERIVED } from './derived.js';
import { collectionTilePaths, tileMatrixSetPaths } from '../tiles/openapi.js';

const json = (schema: object) => ({ 'application/json': { schema } });
const geojson = (schema: object) => ({ 'application/geo+json': { schema } });
const errorRef = { $ref: '#/components/responses/Error' };

function propSchema(t: PropType): object {
  switch (t) {
    case 'date':
      return { type: 'string', format: 'date', nullable: true };
    case 'date-time':
      return { type: 'string', format: 'date-time', nullable: true };
    case 'string[]':
      return { type: 'array', items: { type: 'string' } };
    case 'object[]':
      return { type: 'array', items: { type: 'object' } };
    default:
      return { type: t, nullable: true };
  }
}

/** The collection's attribute filters (and datetime): items and tiles take the same. */
function filterParameters(def: CollectionDef): object[] {
  return [
    ...(def.temporal ? [{ $ref: '#/components/parameters/datetime' }] : []),
    ...def.filters.map((f) => ({
      name: f.name,
      in: 'query',
      required: false,
      style: 'form',
      explode: false,
      description: f.description,
      schema: { type: f.type, ...(f.enum ? { enum: f.enum } : {}) },
    })),
  ];
}

function itemsPath(def: CollectionDef): object {
  const parameters: object[] = [
    { $ref: '#/components/parameters/limit' },
    { $ref: '#/components/parameters/offset' },
    { $ref: '#/components/parameters/bbox' },
    ...filterParameters(def),
  ];
  return {
    get: {
      tags: ['OGC API – Features'],
      summary: `Features of ${def.title}`,
      operationId: `getItems_${def.id.replace(/-/g, '_')}`,
      parameters,
      responses: {
        200: {
          description: 'A page of features, with next/prev links',
          content: geojson({
            type: 'object',
            properties: {
              type: { type: 'string', enum: ['FeatureCollection'] },
              features: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    type: { type: 'string', enum: ['Feature'] },
                    id: { type: def.idType },
                    geometry: { type: 'object' },
                    properties: {
                      type: 'object',
                      properties: Object.fromEntries([...def.properties, ...(DERIVED[def.id]?.properties ?? [])].map((p) => [p.name, { ...propSchema(p.type), ...(p.description ? { description: p.description } : {}) }])),
                    },
                  },
                },
              },
              numberMatched: { type: 'integer' },
              numberReturned: { type: 'integer' },
              timeStamp: { type: 'string', format: 'date-time' },
              links: { type: 'array', items: { $ref: '#/components/schemas/Link' } },
            },
          }),
        },
        400: errorRef,
        401: errorRef,
        404: errorRef,
      },
    },
  };
}

export function ogcOpenApi(serverUrl: string): object {
  const paths: Record<string, object> = {
    '/': { get: { tags: ['OGC API – Features'], summary: 'Landing page', operationId: 'getLandingPage', responses: { 200: { description: 'Links', content: json({ type: 'object' }) } } } },
    '/conformance': { get: { tags: ['OGC API – Features'], summary: 'Conformance classes', operationId: 'getConformance', responses: { 200: { description: 'Classes', content: json({ type: 'object' }) } } } },
    '/collections': { get: { tags: ['OGC API – Features'], summary: 'Feature collections', operationId: 'getCollections', responses: { 200: { description: 'Collections', content: json({ type: 'object' }) }, 401: errorRef } } },
  };
  Object.assign(paths, tileMatrixSetPaths());
  for (const def of COLLECTIONS) {
    const op = def.id.replace(/-/g, '_');
    paths[`/collections/${def.id}`] = {
      get: { tags: ['OGC API – Features'], summary: def.title, operationId: `describeCollection_${op}`, responses: { 200: { description: 'Collection', content: json({ type: 'object' }) }, 401: errorRef, 404: errorRef } },
    };
    paths[`/collections/${def.id}/items`] = itemsPath(def);
    Object.assign(paths, collectionTilePaths(def, filterParameters(def)));
    paths[`/collections/${def.id}/items/{featureId}`] = {
      get: {
        tags: ['OGC API – Features'],
        summary: `One feature of ${def.title}`,
        operationId: `getItem_${op}`,
        parameters: [{ name: 'featureId', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { 200: { description: 'Feature', content: geojson({ type: 'object' }) }, 401: errorRef, 404: errorRef },
      },
    };
  }
  // Every operation that reads the database may meet a fault: answered 503 with Retry-After, never a hang.
  for (const item of Object.values(paths) as Record<string, { responses?: Record<string, unknown> }>[]) {
    for (const op of Object.values(item)) if (op.responses && Object.keys(op.responses).some((s) => s.startsWith('4'))) op.responses['503'] = { $ref: '#/components/responses/Unavailable' };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: '党建版图 OGC API – Features and – Tiles',
      version: '1.0.0',
      description: 'Party-building territory features. Internal collections need a session or `Authorization: Bearer <token>`.',
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }, { session: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        session: { type: 'apiKey', in: 'cookie', name: 'pb_session' },
      },
      parameters: {
        limit: { name: 'limit', in: 'query', required: false, style: 'form', explode: false, description: `Page size (values above ${MAX_LIMIT} are clamped)`, schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT } },
        offset: { name: 'offset', in: 'query', required: false, style: 'form', explode: false, description: 'Features to skip', schema: { type: 'integer', minimum: 0, default: 0 } },
        bbox: { name: 'bbox', in: 'query', required: false, style: 'form', explode: false, description: 'minLon,minLat,maxLon,maxLat in WGS84 (CRS84)', schema: { type: 'array', minItems: 4, maxItems: 6, items: { type: 'number' } } },
        datetime: { name: 'datetime', in: 'query', required: false, style: 'form', explode: false, description: 'RFC 3339 instant or interval (a/b, ../b, a/..)', schema: { type: 'string' } },
      },
      schemas: {
        Link: { type: 'object', required: ['href', 'rel'], properties: { href: { type: 'string' }, rel: { type: 'string' }, type: { type: 'string' }, title: { type: 'string' } } },
      },
      responses: {
        Unavailable: { ...unavailableResponse(), content: json({ type: 'object' }) },
        Error: { description: 'Error', content: json({ type: 'object', properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} } } } }) },
      },
    },
  };
}
