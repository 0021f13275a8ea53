// npm run publish:export -- <slug|id> <dir>: the current published version's static files (exactly the
// bytes of GET /api/publications/{id}/export.zip, without the zip's <slug>/ folder) written into <dir>,
// for a cron job that syncs them to a public file server or CDN. Opens the store as backup does
// (DATA_DIR or DATABASE_URL, through server/env.ts).
//
// Each file is written to a temporary name and renamed into place, assets first, then the data, then
// index.html last, so a sync running at the same time never picks up a half-written file or a page
// whose assets are not there yet. Files already in <dir> that this version does not have are left
// alone (asset names carry content hashes; old ones do no harm): give it a directory of its own.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { rows, type Store } from '../db/store.js';
import { openCliStore, serverAt } from './open-store.js';
import { loadEnv } from '../env.js';
import { artifactsFor, publicPageUrl, ShellMissingError, withPageUrl } from '../publications/artifacts.js';
import { livePublication } from '../publications/service.js';

/** A refusal to show as it is (no stack trace). */
export class PublishExportError extends Error {}

export interface ExportedFile {
  path: string;
  bytes: number;
}

export interface ExportResult {
  id: number;
  slug: string;
  version: number;
  dir: string;
  files: ExportedFile[];
  totalBytes: number;
}

/** Assets first, index.html last: what references a file is written after it. */
function writeOrder(path: string): number {
  if (path.startsWith('assets/')) return 0;
  if (path === 'index.html') return 3;
  if (path.startsWith('data/')) return 2;
  return 1;
}

/**
 * Writes the current published version of publication <target> (slug or numeric id) into <dir>. With `base`
 * (the address the files will be served at) the share card names its image absolutely, as WeChat needs.
 */
export async function publishExport(store: Store, target: string, dir: string, base?: string): Promise<ExportResult> {
  const pageUrl = base === undefined ? undefined : publicPageUrl(base, '');
  if (base !== undefined && !pageUrl) throw new PublishExportError(`"${base}" is not an http(s) address: nothing written`);
  const found = await store.read((db) =>
    rows<{ id: number; slug: string; status: string; version: number | null }>(
      db,
      sql`SELECT p.id, p.slug, p.status, v.number AS version FROM publications p LEFT JOIN publication_versions v ON v.id = p.current_version_id
          WHERE p.slug = ${target}${/^\d{1,10}$/.test(target) && Number(target) <= 2_147_483_647 ? sql` OR p.id = ${Number(target)}` : sql``} ORDER BY p.id`,
    ),
  );
  if (found.length === 0) throw new PublishExportError(`No publication with the slug or id "${target}"`);
  if (found.length > 1) throw new PublishExportError(`"${target}" is both a publication's id and another's slug: give the slug (${found.map((f) => f.slug).join(', ')})`);
  const p = found[0] as { id: number; slug: string; status: string; version: number | null };
  if (p.status !== 'published') {
    const what = p.status === 'draft' ? 'has never been published' : 'is unpublished (/p/' + p.slug + '/ answers 404)';
    throw new PublishExportError(`Publication ${p.id} (${p.slug}) ${what}: nothing written. Publish it first; a public copy of an unpublished map should be taken down, not synced`);
  }
  const live = await store.read((db) => livePublication(db, p.slug));
  if (!live) throw new PublishExportError(`Publication ${p.id} (${p.slug}) is not published: nothing written`);
  let files: Map<string, Uint8Array>;
  try {
    files = withPageUrl(artifactsFor(live.versionId, live.json), live.json, pageUrl);
  } catch (e) {
    if (e instanceof ShellMissingError) throw new PublishExportError(`${e.message}; nothing written`);
    throw e;
  }

  const root = resolve(dir);
  const paths = [...files.keys()].sort((a, b) => writeOrder(a) - writeOrder(b) || (a < b ? -1 : a > b ? 1 : 0));
  // Artifact paths are relative names made by artifacts.ts; still, nothing is written outside <dir>.
  for (const path of paths) {
    const rel = relative(root, resolve(root, path));
    if (rel.startsWith('..') || rel.startsWith(sep) || rel === '') throw new PublishExportError(`Refusing to write ${path} outside ${root}`);
  }
  mkdirSync(root, { recursive: true });
  const out: ExportedFile[] = [];
  for (const path of paths) {
    const bytes = files.get(path) as Uint8Array;
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.tmp-${process.pid}`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, file);
    out.push({ path, bytes: bytes.length });
  }
  return { id: p.id, slug: p.slug, version: p.version ?? 0, dir: root, files: out, totalBytes: out.reduce((s, f) => s + f.bytes, 0) };
}

const size = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KB` : `${n} B`);

/** The report printed after a run: one line per file, then the total. */
export function formatExport(r: ExportResult): string {
  const width = Math.max(...r.files.map((f) => f.path.length));
  const lines = r.files.map((f) => `  ${f.path.padEnd(width)}  ${String(f.bytes).padStart(9)} B`);
  return [`Wrote publication ${r.id} (${r.slug}) version ${r.version} to ${r.dir}:`, ...lines, `${r.files.length} files, ${r.totalBytes} bytes (${size(r.totalBytes)})`].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [target, dir, base, ...extra] = argv;
  if (!target || !dir || extra.length) {
    console.error('usage: npm run publish:export -- <slug|id> <dir> [<https://address/it/is/served/at/>]');
    return 2;
  }
  const env = loadEnv();
  const store = await openCliStore(env, 'publish:export CLI', (h) => `Stop the server first, or download the same files from ${serverAt(h)}: GET /api/publications/{id}/export.zip.`);
  try {
    console.log(formatExport(await publishExport(store, target, dir, base)));
    return 0;
  } catch (e) {
    if (e instanceof PublishExportError) {
      console.error(e.message);
      return 1;
    }
    throw e;
  } finally {
    await store.close();
  }
}

// Run as a script (tsx server/cli/publish-export.ts …); imported by tests, it only exports.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
