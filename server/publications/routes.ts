// Publications: admins compose, preview, publish, roll back and unpublish (mounted at /api/publications).
// The public pages at /p/{slug}/ are public-routes.ts.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { newRouter, errorResponses } from '../http/router.js';
import { ApiError } from '../http/errors.js';
import { requireRole } from '../auth/middleware.js';
import { actorOf } from '../auth/principal.js';
import type { AppEnv } from '../http/context.js';
import { LayersSchema, RedactionSchema, SCOPE_PATTERN, SLUG_PATTERN, TextsSchema, ConfigSchema } from './config.js';
import {
  createPublication, currentSnapshot, getPublication, listPublications, listVersions, patchPublication, previewOf, publish, rollback, unpublish,
} from './service.js';
import { artifactsFor, ShellMissingError, zipArtifacts } from './artifacts.js';

export const publicationRoutes = newRouter();
publicationRoutes.use('/', requireRole('admin'));
publicationRoutes.use('/*', requireRole('admin'));

const actor = (c: Context<AppEnv>) => {
  const p = c.get('principal');
  return p ? actorOf(p) : 'system';
};

const Id = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647).openapi({ param: { name: 'id', in: 'path' } }) });
const IfMatchRequired = z.object({ 'if-match': z.string().regex(/^"\d+"$/, 'If-Match: "<version>" from the ETag') });
const IfMatchOptional = z.object({ 'if-match': z.string().regex(/^"\d+"$/, 'If-Match: "<version>" from the ETag').optional() });
const expectedOf = (h: { 'if-match'?: string }) => (h['if-match'] ? Number(h['if-match'].replaceAll('"', '')) : undefined);

const PublicationSchema = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    title: z.string(),
    scope: z.string(),
    config: ConfigSchema,
    status: z.enum(['draft', 'published', 'unpublished']),
    currentVersion: z.number().int().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int().openapi({ description: 'Also sent as the ETag; send it back as If-Match' }),
  })
  .openapi('Publication');

const RedactedSchema = z.object({ field: z.string(), reason: z.string(), count: z.number().int() }).openapi('RedactedField');
const VersionSchema = z
  .object({ id: z.number().int(), number: z.number().int(), sha256: z.string(), copiedFrom: z.number().int().nullable(), publishedBy: z.string(), publishedAt: z.string(), redacted: z.array(RedactedSchema) })
  .openapi('PublicationVersion');

const Title = z.string().trim().min(1).max(100);
const Scope = z.string().regex(SCOPE_PATTERN, 'scope is street:<9-character code> or district:<6-digit code>').openapi({ example: 'street:310106012' });
const Slug = z.string().regex(SLUG_PATTERN, 'slug: 3–64 of a-z, 0-9 and -, not starting or ending with -').openapi({ example: 'njxl-2026' });

const CreateSchema = z
  .object({ title: Title, scope: Scope, slug: Slug.optional(), layers: LayersSchema.partial().optional(), texts: TextsSchema.partial().optional(), redaction: RedactionSchema.partial().optional() })
  .strict()
  .openapi('PublicationCreate');
const PatchSchema = CreateSchema.partial().strict().openapi('PublicationPatch');

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
    request: { params: Id },
    responses: { 200: json(PublicationSchema.extend({ versions: z.array(VersionSchema) }), 'Publication'), ...errorResponses(400, 401, 403, 404) },
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
    request: { params: Id, headers: IfMatchRequired, body: { required: true, content: { 'application/json': { schema: PatchSchema } } } },
    responses: { 200: json(PublicationSchema, 'Saved'), ...errorResponses(400, 401, 403, 404, 409, 412) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const p = await patchPublication(c.get('store'), actor(c), id, expectedOf(c.req.valid('header')) as number, c.req.valid('json'));
    withEtag(c, p);
    return c.json(p, 200);
  },
);

const PreviewSchema = z.object({
  public: z.record(z.string(), z.unknown()).openapi({ description: 'Exactly what data/publication.json would hold if published now' }),
  redacted: z.array(RedactedSchema),
  internal: z.record(z.string(), z.unknown()).openapi({ description: 'The internal facts behind it (admins only): stations with every field, raw area counts' }),
});

publicationRoutes.openapi(
  createRoute({
    method: 'get', path: '/{id}/preview', tags: ['Publications'], summary: 'What the public would see if published now, every withheld field listed, and the internal view beside it',
    request: { params: Id },
    responses: { 200: json(PreviewSchema, 'Preview'), ...errorResponses(400, 401, 403, 404) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const p = await c.get('store').read((db) => getPublication(db, id));
    const r = await previewOf(c.get('store'), c.get('services').coverage, p);
    // The list of private terms is a lookup table, not something to show or ship to a browser.
    const { privateTerms: _omit, ...internal } = r.facts;
    return c.json({ public: r.public as unknown as Record<string, unknown>, redacted: r.redacted, internal: internal as unknown as Record<string, unknown> }, 200);
  },
);

publicationRoutes.openapi(
  createRoute({
    method: 'post', path: '/{id}/publish', tags: ['Publications'],
    summary: 'Freeze the redacted public data as a new immutable version and make it current (If-Match optional). 422 when the last leak check still finds private data: details list each field path and kind, never the value; nothing is stored',
    request: { params: Id, headers: IfMatchOptional },
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
    request: { params: Id, headers: IfMatchOptional, body: { required: true, content: { 'application/json': { schema: z.object({ version: z.number().int().min(1).max(2_147_483_647) }).strict() } } } },
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
    request: { params: Id, headers: IfMatchOptional },
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
    summary: 'The current version as static files (index.html, assets, data/publication.json) for any static file server or CDN',
    request: { params: Id },
    responses: { 200: { description: 'Zip', content: { 'application/zip': { schema: z.string().openapi({ format: 'binary' }) } } }, ...errorResponses(400, 401, 403, 404, 409, 503) },
  }),
  async (c) => {
    const { id } = c.req.valid('param');
    const snap = await c.get('store').read(async (db) => {
      await getPublication(db, id);
      return currentSnapshot(db, id);
    });
    if (!snap) throw new ApiError(409, 'conflict', 'Nothing published yet: publish first, then export');
    const zip = zipArtifacts(snap.slug, shellFiles(snap.versionId, snap.json));
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
