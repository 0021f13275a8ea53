// The public page /p/{slug}/ (mounted at /p): the same artifacts as the export, from the current published
// version only. Anyone may read it; no session is ever read here.
import { Hono } from 'hono';
import type { AppEnv } from '../http/context.js';
import { notFound } from '../http/errors.js';
import { livePublication } from './service.js';
import { artifactsFor, contentTypeOf, PUBLIC_HEADERS, publicPageUrl, ShellMissingError, withPageUrl } from './artifacts.js';
import { photoOfPath, readPublishedPhoto } from './photos.js';

const SLUG_IN_PATH = /^\/p\/([a-z0-9][a-z0-9-]{1,62}[a-z0-9])(\/.*)?$/;
/** The shape of every artifact path: index.html, data/publication.json, assets/<name>. */
const ARTIFACT_PATH = /^(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*\/)?[A-Za-z0-9_-][A-Za-z0-9_.-]*$/;

function publicText(status: 404 | 503, text: string): Response {
  return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...PUBLIC_HEADERS } });
}

export const publicPageRoutes = new Hono<AppEnv>();

publicPageRoutes.on(['GET', 'HEAD'], ['/:slug', '/:slug/*'], async (c) => {
  const m = SLUG_IN_PATH.exec(c.req.path);
  if (!m) return publicText(404, 'Not found');
  const [, slug, rest] = m as unknown as [string, string, string | undefined];
  // Relative asset and data paths need the trailing slash.
  if (rest === undefined) {
    const url = new URL(c.req.url);
    return new Response(null, { status: 301, headers: { location: `/p/${slug}/${url.search}`, ...PUBLIC_HEADERS } });
  }
  // Artifact paths are plain ASCII ([A-Za-z0-9_.-] names under assets/ and data/). Hono has already
  // decoded what it could; anything still percent-encoded (%FF, %2F, %25…) or otherwise unusual is not
  // one of them. Never decode again: a second decode turns "%2541" into "A" and throws on "%FF".
  const path = rest === '/' ? 'index.html' : rest.slice(1);
  if (!ARTIFACT_PATH.test(path)) return publicText(404, 'Not found');
  const live = await c.get('readStore').read((db) => livePublication(db, slug));
  if (!live) return publicText(404, 'This map is not published.\n此版图未发布。');
  // A station photo the published version shows: named by its content, so it never changes.
  const photo = photoOfPath(path, live.json);
  if (photo) {
    const bytes = await c.get('readStore').read((db) => readPublishedPhoto(db, photo));
    if (!bytes) return publicText(404, 'Not found');
    const headers = { ...PUBLIC_HEADERS, 'content-type': 'image/jpeg', 'cache-control': 'public, max-age=31536000, immutable', etag: `"${photo}"` };
    if (c.req.header('if-none-match') === headers.etag) return new Response(null, { status: 304, headers });
    return new Response(c.req.method === 'HEAD' ? null : (bytes as unknown as BodyInit), { status: 200, headers });
  }
  let files: Map<string, Uint8Array>;
  try {
    // The share card names its image by an absolute address: PUBLIC_BASE_URL's, else this request's origin.
    const base = c.get('services').env.PUBLIC_BASE_URL ?? new URL(c.req.url).origin;
    files = withPageUrl(artifactsFor(live.versionId, live.json), live.json, publicPageUrl(base, `/p/${slug}/`));
  } catch (e) {
    if (e instanceof ShellMissingError) return publicText(503, e.message);
    throw e;
  }
  const bytes = files.get(path);
  if (!bytes || path === '_headers') return publicText(404, 'Not found');
  const hashed = path.startsWith('assets/');
  const etag = `"${live.versionId}-${bytes.length}"`;
  const headers: Record<string, string> = {
    ...PUBLIC_HEADERS,
    'content-type': contentTypeOf(path),
    // Asset names carry a content hash; the page and its data change with each publish.
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'public, no-cache',
  };
  if (!hashed) headers.etag = etag;
  if (!hashed && c.req.header('if-none-match') === etag) return new Response(null, { status: 304, headers });
  return new Response(c.req.method === 'HEAD' ? null : (bytes as unknown as BodyInit), { status: 200, headers });
});

// Everything else under /p/ is not a publication.
publicPageRoutes.all('/*', () => {
  throw notFound('No such publication');
});
