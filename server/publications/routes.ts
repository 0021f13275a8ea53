// Publications: admins compose, preview, publish, roll back and unpublish (mounted at /api/publications).
// The public pages at /p/{slug}/ are public-routes.ts.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { newRouter, errorResponses } from '../http/router.js';
import { ApiError } from '../http/errors.js';
import { guard } from '../auth/access.js';
import { actorOf } from '../auth/principal.js';
import type { AppEnv } from '../http/context.js';
import {
  createPublication, currentSnapshot, getPublication, listPublications, listVersions, patchPublication, previewOf, publish, rollback, unpublish,
} from './service.js';
import { artifactsFor, publicPageUrl, ShellMissingError, withPageUrl, zipArtifacts } from './artifacts.js';
import { photoFiles } from './photos.js';
import {
  CreateSchema, IdParamSchema, IfMatchOptionalSchema, IfMatchRequiredSchema, PatchSchema, PreviewSchema, PublicationDetailSchema, PublicationSchema, RollbackSchema,
} from './contract.js';

export const publicationRoutes = newRouter();
publicationRoutes.use('/', guard('publications'));
publicationRoutes.use('/*', guard('publications'));

const actor = (c: Context<AppEnv>) => {
  const p = c.get('principal');
  return p ? actorOf(p) : 'system';
};

const expectedOf = (h: { 'if-match'?: string }) => (h['if-match'] ? Number(h['if-match'].replaceAll('"', '')) : undefined);

const json = (schema: z.ZodTypeAny, description: string) => ({ description, content: { 'application/json': { schema } } });

function withEtag(c: Context<AppEnv>, p: { version: number }) {
  c.header('ETag', `"${p.version}"`);
}

publicationRoutes.openapi(
  createRoute({ method: 'get', path: '/', tags: ['Publications'], summary: 'Every publication (admins)', responses: { 200: json(z.object({ publications: z.array(PublicationSchema) }), 'Publications'), ...errorResponses(401, 403) } }),
  async (c) => c.json({ publications: await c.get('store').read(listPublications) }, 200),
);

publicationRoutes.openapi(
  createRoute({
    method: 'post', path: '/', tags: ['Publications'], summary: 'Create a draft publication: { title, scope } at least; a slug is chosen from the scope unless given',
    request: { body: { required: true, content: { 'application/json': { schema: CreateSchema } } } },
    responses: { 201: json(PublicationSchema, 'Draft'), ...errorResponses(400, 401, 403, 404, 409) },
  }),
  async (c) => {
    const p = await createPublication(c.get('store'), actor(c), c.req.valid('json'));
    withEtag(c, p);
    return c.json(p, 201);
  },
);

publicationRoutes.openapi(
  createRoute({
    method: 'get', path: '/{id}', tags: ['Publications'], summary: 'A publication (draft) with its versions; ETag carries its version',
    request: { params: IdParamSchema },
    responses: { 200: json(PublicationDetailSchema, 'Publication'), ...errorResponses(400, 401, 403, 404) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const [p, versions] = await c.get('store').read(async (db) => [await getPublication(db, id), await listVersions(db, id)] as const);
    withEtag(c, p);
    return c.json({ ...p, versions }, 200);
  },
);

publicationRoutes.openapi(
  createRoute({
    method: 'patch', path: '/{id}', tags: ['Publications'], summary: 'Change the draft (title, scope, layers, texts, redaction); needs If-Match. Nothing public changes until the next publish',
    request: { params: IdParamSchema, headers: IfMatchRequiredSchema, body: { required: true, content: { 'application/json': { schema: PatchSchema } } } },
    responses: { 200: json(PublicationSchema, 'Saved'), ...errorResponses(400, 401, 403, 404, 409, 412) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const p = await patchPublication(c.get('store'), actor(c), id, expectedOf(c.req.valid('header')) as number, c.req.valid('json'));
    withEtag(c, p);
    return c.json(p, 200);
  },
);

publicationRoutes.openapi(
  createRoute({
    method: 'get', path: '/{id}/preview', tags: ['Publications'], summary: 'What the public would see if published now, every withheld field listed, and the internal view beside it',
    request: { params: IdParamSchema },
    responses: { 200: json(PreviewSchema, 'Preview'), ...errorResponses(400, 401, 403, 404) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const p = await c.get('store').read((db) => getPublication(db, id));
    const r = await previewOf(c.get('store'), c.get('services').coverage, p);
    // The list of private terms is a lookup table, not something to show or ship to a browser.
    const { privateTerms: _omit, ...internal } = r.facts;
    return c.json({ public: r.public, redacted: r.redacted, internal }, 200);
  },
);

publicationRoutes.openapi(
  createRoute({
    method: 'post', path: '/{id}/publish', tags: ['Publications'],
    summary: 'Freeze the redacted public data as a new immutable version and make it current (If-Match optional). 422 when the last leak check still finds private data: details list each field path and kind, never the value; nothing is stored',
    request: { params: IdParamSchema, headers: IfMatchOptionalSchema },
    responses: { 200: json(PublicationSchema, 'Published'), ...errorResponses(400, 401, 403, 404, 412, 422) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const p = await publish(c.get('store'), c.get('services').coverage, actor(c), id, expectedOf(c.req.valid('header')));
    withEtag(c, p);
    return c.json(p, 200);
  },
);

publicationRoutes.openapi(
  createRoute({
    method: 'post', path: '/{id}/rollback', tags: ['Publications'], summary: "Publish an earlier version's snapshot again, as a new version (422 when it now holds private data, as for publish)",
    request: { params: IdParamSchema, headers: IfMatchOptionalSchema, body: { required: true, content: { 'application/json': { schema: RollbackSchema } } } },
    responses: { 200: json(PublicationSchema, 'Rolled back'), ...errorResponses(400, 401, 403, 404, 409, 412, 422) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const p = await rollback(c.get('store'), actor(c), id, c.req.valid('json').version, expectedOf(c.req.valid('header')));
    withEtag(c, p);
    return c.json(p, 200);
  },
);

publicationRoutes.openapi(
  createRoute({
    method: 'post', path: '/{id}/unpublish', tags: ['Publications'], summary: 'Take the public page down (/p/{slug}/ answers 404); versions are kept',
    request: { params: IdParamSchema, headers: IfMatchOptionalSchema },
    responses: { 200: json(PublicationSchema, 'Unpublished'), ...errorResponses(400, 401, 403, 404, 409, 412) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const p = await unpublish(c.get('store'), actor(c), id, expectedOf(c.req.valid('header')));
    withEtag(c, p);
    return c.json(p, 200);
  },
);

publicationRoutes.openapi(
  createRoute({
    method: 'get', path: '/{id}/export.zip', tags: ['Publications'],
    summary: 'The current version as static files (index.html, assets, data/publication.json, photos/) for any static file server or CDN',
    request: {
      params: IdParamSchema,
      query: z.object({ base: z.string().url().max(500).optional().openapi({ description: 'The address the files will be served at (https://host/path/): the share card then names its image absolutely, as WeChat and other card readers need' }) }),
    },
    responses: { 200: { description: 'Zip', content: { 'application/zip': { schema: z.string().openapi({ format: 'binary' }) } } }, ...errorResponses(400, 401, 403, 404, 409, 503) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const snap = await c.get('store').read(async (db) => {
      await getPublication(db, id);
      const current = await currentSnapshot(db, id);
      return current && { ...current, photos: await photoFiles(db, current.json) };
    });
    if (!snap) throw new ApiError(409, 'conflict', 'Nothing published yet: publish first, then export');
    const { base } = c.req.valid('query');
    const pageUrl = base ? publicPageUrl(base, '') : undefined;
    if (base && !pageUrl) throw new ApiError(400, 'bad_request', 'base must be an http(s) address');
    const zip = zipArtifacts(snap.slug, new Map([...withPageUrl(shellFiles(snap.versionId, snap.json), snap.json, pageUrl), ...snap.photos]));
    c.header('Content-Type', 'application/zip');
    c.header('Content-Disposition', `attachment; filename="${snap.slug}-v${snap.number}.zip"`);
    return c.body(zip as unknown as ArrayBuffer, 200) as never;
  },
);

function shellFiles(versionId: number, json: string): Map<string, Uint8Array> {
  try {
    return artifactsFor(versionId, json);
  } catch (e) {
    if (e instanceof ShellMissingError) throw new ApiError(503, 'internal', e.message);
    throw e;
  }
}
