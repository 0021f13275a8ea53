// Stations (mounted at /api/stations): their public details and photo for the internal profile, and the photo's
// upload. Reading follows the access table (a station is a place: aggregate; its internal phone is personal);
// changing a photo is for admins and the editors of the station's street.
import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { Context } from 'hono';
import type { AppEnv } from '../http/context.js';
import { errorResponses, newRouter } from '../http/router.js';
import { ApiError, forbidden, notFound, unauthorized } from '../http/errors.js';
import { BUDGETS } from '../http/budgets.js';
import { guard, redactFor } from '../auth/access.js';
import { actorOf, canEditStreet, type Principal } from '../auth/principal.js';
import { processPhotoOffThread } from './image/off-thread.js';
import { ImageError } from './image/process.js';
import { deletePhoto, readPhoto, savePhoto, stationCards, stationStreet } from './service.js';

export const stationRoutes = newRouter();
const TAGS = ['Stations'];
const MB = BUDGETS.photoUploadBytes / 1024 / 1024;

stationRoutes.use('/*', async (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? guard(/\/photo$/.test(c.req.path) ? 'stations.photo' : 'stations')(c, next) : next()));
stationRoutes.use(
  '/:id/photo',
  bodyLimit({
    maxSize: BUDGETS.photoUploadBytes,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', `A station photo may be at most ${MB} MB as uploaded; save it smaller (it is stored at 1600 px anyway) and upload it again`);
    },
  }),
);

const IdParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647).openapi({ param: { name: 'id', in: 'path' } }) });
const PhotoSchema = z.object({ width: z.number().int(), height: z.number().int(), sha256: z.string(), uploadedAt: z.string() }).openapi('StationPhoto');
const CardSchema = z
  .object({
    id: z.number().int(), name: z.string(), type: z.string(), streetCode: z.string(), buildingId: z.number().int().nullable(),
    address: z.string().nullable(), publicPhone: z.string().nullable(), phone: z.string().nullable().optional(), hours: z.string().nullable(), hoursWeek: z.unknown(),
    services: z.array(z.string()), accessibility: z.string().nullable(), photo: PhotoSchema.nullable(), editable: z.boolean(),
  })
  .openapi('StationCard');

/** The caller, who must be allowed to change things in the station's street. */
async function editor(c: Context<AppEnv>, id: number): Promise<Principal> {
  const p = c.get('principal');
  if (!p) throw unauthorized();
  const street = await c.get('store').read((db) => stationStreet(db, id));
  if (!canEditStreet(p, street)) throw forbidden(`You may not change the stations of street ${street}`);
  return p;
}

stationRoutes.openapi(
  createRoute({
    method: 'get', path: '/', tags: TAGS,
    summary: 'Stations of a building or a street with their public details (address, public line, hours, services, accessibility) and photo',
    request: { query: z.object({ buildingId: z.coerce.number().int().positive().max(2_147_483_647).optional(), streetCode: z.string().regex(/^[0-9]{6}[0-9A-Z]{3}$/).optional() }) },
    responses: { 200: { description: 'Stations', content: { 'application/json': { schema: z.object({ stations: z.array(CardSchema) }) } } }, ...errorResponses(400, 401, 403) },
  }),
  async (c) => {
    const q = c.req.valid('query');
    if (q.buildingId === undefined && !q.streetCode) throw new ApiError(400, 'bad_request', 'Give buildingId or streetCode');
    const p = c.get('principal');
    const list = await c.get('readStore').read((db) => stationCards(db, q));
    return c.json(redactFor(c, 'stations', { stations: list.map((s) => ({ ...s, editable: !!p && canEditStreet(p, s.streetCode) })) }), 200);
  },
);

stationRoutes.openapi(
  createRoute({
    method: 'get', path: '/{id}/photo', tags: TAGS,
    summary: "A station's photo as stored (JPEG, long side ≤ 1600 px, no EXIF), or its thumbnail (≤ 400 px); ETag is its sha256",
    request: { params: IdParam, query: z.object({ size: z.enum(['photo', 'thumb']).default('photo') }) },
    responses: { 200: { description: 'JPEG', content: { 'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) } } }, 304: { description: 'Not modified' }, ...errorResponses(400, 401, 403, 404) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const { size } = c.req.valid('query');
    const photo = await c.get('readStore').read((db) => readPhoto(db, id, size));
    if (!photo) throw notFound(`Station ${id} has no photo`);
    const etag = `"${photo.sha256}"`;
    const headers = { etag, 'cache-control': 'private, no-cache', 'content-type': 'image/jpeg', 'x-content-type-options': 'nosniff' };
    const match = c.req.header('if-none-match');
    if (match && match.split(',').map((s) => s.trim()).includes(etag)) return new Response(null, { status: 304, headers }) as never;
    return new Response(photo.bytes as unknown as BodyInit, { status: 200, headers }) as never;
  },
);

stationRoutes.openapi(
  createRoute({
    method: 'put', path: '/{id}/photo', tags: TAGS,
    summary:
      `Upload a station's photo as the request body (JPEG or PNG, at most ${MB} MB; the type is read from the bytes). It is turned upright, shrunk to 1600 px ` +
      'and a 400 px thumbnail and encoded again, so its EXIF (GPS position, camera, time) is not kept. Admins and editors of the street',
    request: { params: IdParam, body: { required: true, content: { 'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) }, 'image/png': { schema: z.string().openapi({ format: 'binary' }) } } } },
    responses: { 200: { description: 'Stored', content: { 'application/json': { schema: PhotoSchema } } }, ...errorResponses(400, 401, 403, 404, 413, 415, 422) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const p = await editor(c, id);
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.length === 0) throw new ApiError(422, 'unprocessable', 'The request body is empty: send the picture file as the body');
    let processed;
    try {
      processed = await processPhotoOffThread(bytes);
    } catch (e) {
      if (e instanceof ImageError) throw new ApiError(e.status, ({ 413: 'payload_too_large', 415: 'unsupported_media_type', 422: 'unprocessable' } as const)[e.status], e.message);
      throw e;
    }
    return c.json(await savePhoto(c.get('store'), actorOf(p), id, processed), 200);
  },
);

stationRoutes.openapi(
  createRoute({
    method: 'delete', path: '/{id}/photo', tags: TAGS, summary: "Remove a station's photo (admins and editors of the street)",
    request: { params: IdParam },
    responses: { 204: { description: 'Removed' }, ...errorResponses(400, 401, 403, 404) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const p = await editor(c, id);
    await deletePhoto(c.get('store'), actorOf(p), id);
    return c.body(null, 204) as never;
  },
);
