// Publications in the store: drafts, previews, publishing immutable versions, rollback, unpublish.
// Every write is one transaction with one audit row.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rows, type Db, type Store } from '../db/store.js';
import { audit } from '../db/audit.js';
import { readSetting } from '../db/settings.js';
import { ApiError, notFound } from '../http/errors.js';
import type { CoverageEngine } from '../coverage/engine.js';
import { resolveScope } from '../scope.js';
import { canonicalJson, DEFAULT_CONFIG, mergeConfig, REDACTION_SETTING, RedactionSchema, storedConfig } from './config.js';
import { gatherFacts, readPrivateStrings } from './gather.js';
import { scanSnapshot } from './leak-guard.js';
import { redact } from './redact.js';
import { freezePhotos } from './photos.js';
import type { InternalFacts, PublicationConfig, PublicSnapshot, RedactedField, RedactionResult } from './types.js';

export interface PublicationRow {
  id: number;
  slug: string;
  title: string;
  scope: string;
  config: PublicationConfig;
  status: 'draft' | 'published' | 'unpublished';
  currentVersion: number | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface VersionRow {
  id: number;
  number: number;
  sha256: string;
  copiedFrom: number | null;
  publishedBy: string;
  publishedAt: string;
  redacted: RedactedField[];
}

const ts = (col: string) => sql.raw(`to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`);

const SELECT_PUBLICATION = sql`SELECT p.id, p.slug, p.title, p.scope, p.config, p.status, v.number AS "currentVersion", p.created_by AS "createdBy",
  ${ts('p.created_at')} AS "createdAt", ${ts('p.updated_at')} AS "updatedAt", p.version
  FROM publications p LEFT JOIN publication_versions v ON v.id = p.current_version_id`;

function fromDb(r: PublicationRow): PublicationRow {
  return { ...r, config: storedConfig(r.config) };
}

export async function listPublications(db: Db): Promise<PublicationRow[]> {
  return (await rows<PublicationRow>(db, sql`${SELECT_PUBLICATION} ORDER BY p.id`)).map(fromDb);
}

export async function getPublication(db: Db, id: number, lock = false): Promise<PublicationRow> {
  const [r] = await rows<PublicationRow>(db, sql`${SELECT_PUBLICATION} WHERE p.id = ${id}${lock ? sql` FOR UPDATE OF p` : sql``}`);
  if (!r) throw notFound(`No publication ${id}`);
  return fromDb(r);
}

export async function listVersions(db: Db, id: number): Promise<VersionRow[]> {
  return rows<VersionRow>(
    db,
    sql`SELECT id, number, sha256, copied_from AS "copiedFrom", published_by AS "publishedBy", ${ts('published_at')} AS "publishedAt", redacted
        FROM publication_versions WHERE publication_id = ${id} ORDER BY number DESC`,
  );
}

function slugBase(scope: string): string {
  return scope.replace(':', '-').toLowerCase();
}

async function freeSlug(tx: Db, base: string): Promise<string> {
  const taken = new Set((await rows<{ slug: string }>(tx, sql`SELECT slug FROM publications WHERE slug LIKE ${`${base}%`}`)).map((r) => r.slug));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

export interface CreateInput {
  title: string;
  scope: string;
  slug?: string;
  layers?: Partial<PublicationConfig['layers']>;
  texts?: Partial<PublicationConfig['texts']>;
  redaction?: Partial<PublicationConfig['redaction']>;
}

export async function createPublication(store: Store, actor: string, input: CreateInput): Promise<PublicationRow> {
  await resolveScope(store, input.scope);
  return store.write(async (tx) => {
    const defaults = RedactionSchema.safeParse((await readSetting(tx, REDACTION_SETTING))?.value);
    const base = defaults.success ? { ...DEFAULT_CONFIG, redaction: defaults.data } : DEFAULT_CONFIG;
    const config = mergeConfig(base, input);
    if (input.slug) {
      const [dup] = await rows(tx, sql`SELECT 1 FROM publications WHERE slug = ${input.slug}`);
      if (dup) throw new ApiError(409, 'conflict', `The address /p/${input.slug}/ is taken`);
    }
    const slug = input.slug ?? (await freeSlug(tx, slugBase(input.scope)));
    const [r] = await rows<{ id: number }>(
      tx,
      sql`INSERT INTO publications (slug, title, scope, config, created_by) VALUES (${slug}, ${input.title}, ${input.scope}, ${JSON.stringify(config)}::jsonb, ${actor}) RETURNING id`,
    );
    const id = (r as { id: number }).id;
    await audit(tx, { actor, action: 'create', entity: 'publication', entityId: id, after: { slug, title: input.title, scope: input.scope, config } });
    return getPublication(tx, id);
  });
}

export type PatchInput = Partial<CreateInput>;

export async function patchPublication(store: Store, actor: string, id: number, expected: number, input: PatchInput): Promise<PublicationRow> {
  if (input.scope) await resolveScope(store, input.scope);
  return store.write(async (tx) => {
    const before = await getPublication(tx, id, true);
    if (before.version !== expected) throw new ApiError(412, 'precondition_failed', 'The publication changed since you read it; reload and try again');
    if (input.slug && input.slug !== before.slug) {
      const [published] = await rows(tx, sql`SELECT 1 FROM publication_versions WHERE publication_id = ${id} LIMIT 1`);
      // A published address is in other people's links and embeds: it does not move.
      if (published) throw new ApiError(409, 'conflict', 'The address of a publication that was published cannot change');
      const [dup] = await rows(tx, sql`SELECT 1 FROM publications WHERE slug = ${input.slug}`);
      if (dup) throw new ApiError(409, 'conflict', `The address /p/${input.slug}/ is taken`);
    }
    const config = mergeConfig(before.config, input);
    await tx.execute(
      sql`UPDATE publications SET title = ${input.title ?? before.title}, scope = ${input.scope ?? before.scope}, slug = ${input.slug ?? before.slug},
          config = ${JSON.stringify(config)}::jsonb, updated_at = now(), version = version + 1 WHERE id = ${id}`,
    );
    const after = await getPublication(tx, id);
    await audit(tx, {
      actor, action: 'update', entity: 'publication', entityId: id,
      before: { title: before.title, scope: before.scope, slug: before.slug, config: before.config },
      after: { title: after.title, scope: after.scope, slug: after.slug, config: after.config },
    });
    return after;
  });
}

/** The internal facts and their redaction for a draft, as it would be published now. */
export async function previewOf(store: Store, coverage: CoverageEngine, p: PublicationRow): Promise<RedactionResult & { facts: InternalFacts }> {
  const scope = await resolveScope(store, p.scope);
  const figures = await coverage.ask({ q: 'scopeCounts', streetCodes: scope.streetCodes });
  const model = { asOf: figures.asOf, counts: new Map(figures.counts) };
  const facts = await gatherFacts(store, model, scope, { slug: p.slug, title: p.title });
  return { ...redact(facts, p.config), facts };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

async function insertVersion(tx: Db, p: PublicationRow, actor: string, snapshot: PublicSnapshot, redacted: RedactedField[], copiedFrom: number | null): Promise<{ id: number; number: number; sha256: string }> {
  const [n] = await rows<{ n: number }>(tx, sql`SELECT coalesce(max(number), 0)::int + 1 AS n FROM publication_versions WHERE publication_id = ${p.id}`);
  const number = n?.n ?? 1;
  const [now] = await rows<{ at: string }>(tx, sql`SELECT ${ts('now()')} AS at`);
  const frozen: PublicSnapshot = { ...snapshot, version: number, publishedAt: now?.at ?? new Date().toISOString() };
  const text = canonicalJson(frozen);
  // The last, independent check: the exact JSON about to be stored, against every private string the
  // store holds now. A hit throws, so the transaction stores nothing and audits nothing.
  const leaks = scanSnapshot(JSON.parse(text) as unknown, await readPrivateStrings(tx));
  if (leaks.length) {
    throw new ApiError(
      422,
      'unprocessable',
      `Not published: ${leaks.length} field(s) of the public data still hold private data (names, phones, ID numbers). Correct them (see details for where and what kind) and publish again`,
      leaks,
    );
  }
  await freezePhotos(tx, frozen);
  const hash = sha256(text);
  const [v] = await rows<{ id: number }>(
    tx,
    sql`INSERT INTO publication_versions (publication_id, number, snapshot, redacted, sha256, copied_from, published_by)
        VALUES (${p.id}, ${number}, ${text}::jsonb, ${JSON.stringify(redacted)}::jsonb, ${hash}, ${copiedFrom}, ${actor}) RETURNING id`,
  );
  const id = (v as { id: number }).id;
  await tx.execute(sql`UPDATE publications SET status = 'published', current_version_id = ${id}, updated_at = now(), version = version + 1 WHERE id = ${p.id}`);
  return { id, number, sha256: hash };
}

function checkExpected(p: PublicationRow, expected: number | undefined): void {
  if (expected !== undefined && p.version !== expected) throw new ApiError(412, 'precondition_failed', 'The publication changed since you read it; reload and try again');
}

export async function publish(store: Store, coverage: CoverageEngine, actor: string, id: number, expected?: number): Promise<PublicationRow> {
  const draft = await store.read((db) => getPublication(db, id));
  checkExpected(draft, expected);
  const { public: snapshot, redacted } = await previewOf(store, coverage, draft);
  return store.write(async (tx) => {
    const p = await getPublication(tx, id, true);
    // The draft changed while its facts were gathered: what was reviewed is not what would be published.
    if (p.version !== draft.version) throw new ApiError(412, 'precondition_failed', 'The publication changed while publishing; try again');
    const v = await insertVersion(tx, p, actor, snapshot, redacted, null);
    await audit(tx, { actor, action: 'publish', entity: 'publication', entityId: id, before: { status: p.status, version: p.currentVersion }, after: { status: 'published', version: v.number, sha256: v.sha256 } });
    return getPublication(tx, id);
  });
}

export async function rollback(store: Store, actor: string, id: number, number: number, expected?: number): Promise<PublicationRow> {
  return store.write(async (tx) => {
    const p = await getPublication(tx, id, true);
    checkExpected(p, expected);
    const [src] = await rows<{ id: number; snapshot: PublicSnapshot; redacted: RedactedField[] }>(
      tx,
      sql`SELECT id, snapshot, redacted FROM publication_versions WHERE publication_id = ${id} AND number = ${number}`,
    );
    if (!src) throw notFound(`Publication ${id} has no version ${number}`);
    if (p.status === 'published' && p.currentVersion === number) throw new ApiError(409, 'conflict', `Version ${number} is already the published one`);
    const v = await insertVersion(tx, p, actor, src.snapshot, src.redacted, src.id);
    await audit(tx, { actor, action: 'rollback', entity: 'publication', entityId: id, before: { status: p.status, version: p.currentVersion }, after: { status: 'published', version: v.number, copiedFrom: number, sha256: v.sha256 } });
    return getPublication(tx, id);
  });
}

export async function unpublish(store: Store, actor: string, id: number, expected?: number): Promise<PublicationRow> {
  return store.write(async (tx) => {
    const p = await getPublication(tx, id, true);
    checkExpected(p, expected);
    if (p.status !== 'published') throw new ApiError(409, 'conflict', 'The publication is not published');
    await tx.execute(sql`UPDATE publications SET status = 'unpublished', updated_at = now(), version = version + 1 WHERE id = ${id}`);
    await audit(tx, { actor, action: 'unpublish', entity: 'publication', entityId: id, before: { status: 'published', version: p.currentVersion }, after: { status: 'unpublished' } });
    return getPublication(tx, id);
  });
}

/** The version the public sees at /p/{slug}/, as the exact JSON text that was hashed; null when none. */
export async function livePublication(db: Db, slug: string): Promise<{ versionId: number; slug: string; json: string } | null> {
  const [r] = await rows<{ versionId: number; snapshot: unknown }>(
    db,
    sql`SELECT v.id AS "versionId", v.snapshot FROM publications p JOIN publication_versions v ON v.id = p.current_version_id
        WHERE p.slug = ${slug} AND p.status = 'published'`,
  );
  return r ? { versionId: r.versionId, slug, json: canonicalJson(r.snapshot) } : null;
}

/** The current version's snapshot for the export (also allowed for unpublished ones: the admin archives them). */
export async function currentSnapshot(db: Db, id: number): Promise<{ versionId: number; slug: string; json: string; number: number } | null> {
  const [r] = await rows<{ versionId: number; slug: string; snapshot: unknown; number: number }>(
    db,
    sql`SELECT v.id AS "versionId", p.slug, v.snapshot, v.number FROM publications p JOIN publication_versions v ON v.id = p.current_version_id WHERE p.id = ${id}`,
  );
  return r ? { versionId: r.versionId, slug: r.slug, json: canonicalJson(r.snapshot), number: r.number } : null;
}
