// The static artifacts of a published version: the built public page (client/public-map, from the
// Vite build in dist/) with its paths made relative, plus data/publication.json. The export zip and
// the server's own /p/{slug}/ are both made of exactly these files, so a publication can move to any
// static file server or CDN unchanged.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, strToU8, zipSync } from 'fflate';

let shellRoot = resolve('dist');

/** Where the built client lives (dist/ by default; tests point it at their own build). */
export function setPublicShellRoot(dir: string): void {
  shellRoot = resolve(dir);
  shell = null;
  cache.clear();
}

export function publicShellRoot(): string {
  return shellRoot;
}

export class ShellMissingError extends Error {
  constructor() {
    super('The public page is not built: run `npm run build` (npm start does it on first start)');
  }
}

/** Headers a static host should send (Netlify/Cloudflare Pages `_headers` syntax); the server sends the same. */
export const PUBLIC_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; " +
  "font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors *";

export const PUBLIC_HEADERS: Record<string, string> = {
  'content-security-policy': PUBLIC_CSP,
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'permissions-policy': 'geolocation=(self), camera=(), microphone=(), payment=(), usb=()',
  'cross-origin-opener-policy': 'same-origin',
};

const HEADERS_FILE = `/*\n${Object.entries(PUBLIC_HEADERS).map(([k, v]) => `  ${k}: ${v}`).join('\n')}\n`;

/** Files of the shell: index.html with relative paths, and every asset it reaches (scripts follow their imports). */
function readShell(): Map<string, Uint8Array> {
  const htmlPath = join(shellRoot, 'public-map', 'index.html');
  if (!existsSync(htmlPath)) throw new ShellMissingError();
  const files = new Map<string, Uint8Array>();
  const html = readFileSync(htmlPath, 'utf8').replace(/(src|href)="\/assets\//g, '$1="./assets/');
  files.set('index.html', strToU8(html));
  const queue = [...html.matchAll(/"\.\/assets\/([A-Za-z0-9_.-]+)"/g)].map((m) => m[1] as string);
  while (queue.length) {
    const name = queue.shift() as string;
    if (files.has(`assets/${name}`)) continue;
    const p = join(shellRoot, 'assets', name);
    if (!existsSync(p)) continue;
    const bytes = readFileSync(p);
    files.set(`assets/${name}`, bytes);
    if (/\.(js|css)$/.test(name)) {
      // Chunks import each other as "./x.js"; CSS may reference "./x.woff2" etc.
      const text = bytes.toString('utf8');
      for (const m of text.matchAll(/["'(]\.\/([A-Za-z0-9_.-]+\.[a-z0-9]+)["')]/g)) queue.push(m[1] as string);
      for (const m of text.matchAll(/["'(]\/?assets\/([A-Za-z0-9_.-]+\.[a-z0-9]+)["')]/g)) queue.push(m[1] as string);
    }
  }
  return files;
}

/**
 * The shell in memory. /p/* is public and unauthenticated: a request must not make the server read
 * the build from disk. index.html's mtime (and size) is looked at no more than once a second; the
 * files are read again only when it changed (a rebuild writes a new index.html: asset names carry
 * content hashes).
 */
interface Shell {
  files: Map<string, Uint8Array>;
  /** Tells shells apart in the per-version cache. */
  generation: number;
  mtimeMs: number;
  size: number;
  checkedAt: number;
}

const SHELL_CHECK_MS = 1000;
let shell: Shell | null = null;
let generation = 0;

function currentShell(): Shell {
  const now = Date.now();
  if (shell && now - shell.checkedAt < SHELL_CHECK_MS && now >= shell.checkedAt) return shell;
  const st = statSync(join(shellRoot, 'public-map', 'index.html'), { throwIfNoEntry: false });
  if (!st) {
    shell = null;
    cache.clear();
    throw new ShellMissingError();
  }
  if (shell && shell.mtimeMs === st.mtimeMs && shell.size === st.size) {
    shell.checkedAt = now;
    return shell;
  }
  // Stat before reading: if index.html changes while it is read, the next check sees a new mtime.
  const files = readShell();
  generation += 1;
  cache.clear();
  shell = { files, generation, mtimeMs: st.mtimeMs, size: st.size, checkedAt: now };
  return shell;
}

const cache = new Map<string, Map<string, Uint8Array>>();

/** The share card every export ships (a generic 600×600 picture: nothing from the draft is drawn in it). */
const SHARE_CARD = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'share-card.png'));

const escapeHtml = (t: string) => t.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * index.html with the publication's share card: Open Graph title, summary and image (WeChat, chat apps
 * and search engines read these without running the page's script). The texts are the snapshot's own
 * title and intro (or a summary made of its scope and station count), which the leak guard has already
 * checked. Share cards need an absolute image URL: with the page's own address (`pageUrl`, ending in
 * "/") the image is `share.png` beside it and `og:url` names the page; without one (an export for a host
 * not yet known) the image stays relative, which browsers follow but most card scrapers do not.
 */
export function withShareCard(html: string, snapshotJson: string, pageUrl?: string): string {
  const snap = JSON.parse(snapshotJson) as { title?: string; scope?: { name?: string }; texts?: { intro?: string }; stations?: unknown[] };
  const title = snap.title ?? '';
  const n = Array.isArray(snap.stations) ? snap.stations.length : 0;
  const summary = (snap.texts?.intro || `${snap.scope?.name ?? ''} ${n} 个党群服务站点：地址、开放时间、导航与近期活动。`).slice(0, 120);
  const meta = [
    ['og:type', 'website'],
    ['og:title', title],
    ['og:description', summary],
    ...(pageUrl ? [['og:url', pageUrl]] : []),
    ['og:image', pageUrl ? new URL('share.png', pageUrl).href : 'share.png'],
    ['og:image:width', '600'],
    ['og:image:height', '600'],
  ]
    .map(([k, v]) => `<meta property="${k}" content="${escapeHtml(v as string)}" />`)
    .join('\n    ');
  const head = `<title>${escapeHtml(title)}</title>\n    <meta name="description" content="${escapeHtml(summary)}" />\n    ${meta}`;
  if (/<title>[^<]*<\/title>/.test(html)) return html.replace(/<title>[^<]*<\/title>/, head);
  // A shell without a title (not the Vite build's): the tags go right after the doctype.
  return html.replace(/^(<!doctype html>)?/i, (d) => `${d}${head}`);
}

/**
 * The page's public address for its share card: `base` (PUBLIC_BASE_URL, or what an export is told it will
 * be served at) joined with the page's path. Only http(s) bases; anything else gives no address.
 */
export function publicPageUrl(base: string, path: string): string | undefined {
  try {
    const u = new URL(base);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
    u.search = '';
    u.hash = '';
    u.pathname = `${u.pathname.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
    return u.href;
  } catch {
    return undefined;
  }
}

/** The same files with index.html's share card made absolute for the page at `pageUrl` (not cached: one string replacement). */
export function withPageUrl(files: Map<string, Uint8Array>, snapshotJson: string, pageUrl: string | undefined): Map<string, Uint8Array> {
  if (!pageUrl) return files;
  const shellHtml = strFromU8(currentShell().files.get('index.html') as Uint8Array);
  return new Map(files).set('index.html', strToU8(withShareCard(shellHtml, snapshotJson, pageUrl)));
}

/**
 * Every file of a published version, keyed by relative path. Cached per version (versions never
 * change) and per shell build; normally answered from memory without touching the disk.
 */
export function artifactsFor(versionId: number, snapshotJson: string): Map<string, Uint8Array> {
  const sh = currentShell();
  const key = `${versionId}:${sh.generation}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const files = new Map(sh.files);
  files.set('index.html', strToU8(withShareCard(strFromU8(sh.files.get('index.html') as Uint8Array), snapshotJson)));
  files.set('share.png', SHARE_CARD);
  files.set('data/publication.json', strToU8(snapshotJson));
  files.set('_headers', strToU8(HEADERS_FILE));
  if (cache.size > 32) cache.delete(cache.keys().next().value as string);
  cache.set(key, files);
  return files;
}

/** The export: the same files under one folder named after the slug. */
export function zipArtifacts(slug: string, files: Map<string, Uint8Array>): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [path, bytes] of files) entries[`${slug}/${path}`] = bytes;
  // A fixed timestamp: the same version zips to the same bytes.
  return zipSync(entries, { level: 6, mtime: new Date('2020-01-01T00:00:00Z') });
}

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  woff2: 'font/woff2',
  txt: 'text/plain; charset=utf-8',
};

export function contentTypeOf(path: string): string {
  return TYPES[path.split('.').pop() ?? ''] ?? 'application/octet-stream';
}
