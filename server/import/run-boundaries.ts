// Boundary imports (streets, grids, business districts, building footprints): file → features → mapped
// attributes → geometry checked (zod, then PostGIS ST_IsValid) → planned against the database → written in one
// transaction with one audit row. Grids go through the grid editor's service, which checks that they still
// tile their street and records the change like an edit.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Geometry, MultiPolygon } from 'geojson';
import { rows, type Db, type Store } from '../db/store.js';
import { audit } from '../db/audit.js';
import { assignGrids } from '../db/assign-grids.js';
import { refreshDerivedGeometry } from '../db/bulk-load.js';
import type { Principal } from '../auth/principal.js';
import { GRID_RULES, commitGridChanges, gridChangeProblems } from '../grids/service.js';
import { partitionProblems } from '../grids/geometry.js';
import { readGrids } from '../grids/state.js';
import type { Change } from '../domain/topology/change-set.js';
import type { Problem } from '../domain/topology/types.js';
import { snapGeometry } from '../domain/topology/lattice.js';
import type { Issue } from './fields.js';
import type { BoundaryKind } from './kinds.js';
import { BOUNDARY_FIELDS, BOUNDARY_GEOMETRY } from './boundary-kinds.js';
import type { ColumnMapping, MappingOverrides } from './mapping.js';
import { checkGeometry } from './geometry.js';
import { fieldList, readFeatureRows } from './feature-rows.js';
import { stillWanted } from '../http/abandoned.js';
import { ImportFileError } from './errors.js';
import { matchKey } from './normalise.js';
import { MAX_ISSUES_LISTED, type Counts } from './run.js';

export interface BoundaryOptions { kind: BoundaryKind; filename: string; mapping?: MappingOverrides }

export interface BoundaryPreview {
  kind: BoundaryKind;
  file: { name: string; sha256: string; format: string; encoding: string | null; headerRow: number };
  fields: { key: string; label: string; labelEn: string; required: boolean }[];
  mapping: ColumnMapping[];
  unknownColumns: string[];
  issues: Issue[];
  issuesTruncated: boolean;
  counts: Counts;
}

interface Item {
  row: number;
  id: number | null;
  key: string;
  values: Record<string, unknown>;
  geom: Geometry;
  /** Nothing differs from the stored record. */
  same: boolean;
  /** The stored record this feature updates (matched by code, or by name in its street). */
  existing?: Record<string, unknown>;
  /** Streets are keyed by code (id stays null): whether the street exists. */
  streetExists?: boolean;
  /** The stored geometry equals the feature's (ST_Equals). */
  geomSame?: boolean;
}

const TABLE: Record<Exclude<BoundaryKind, 'grids'>, string> = { streets: 'streets', 'business-districts': 'business_districts', buildings: 'buildings' };

async function analyse(db: Db, bytes: Uint8Array, opts: BoundaryOptions): Promise<{ preview: BoundaryPreview; items: Item[] }> {
  const { kind } = opts;
  const fields = BOUNDARY_FIELDS[kind];
  const { file, mapping, parsed } = readFeatureRows(bytes, fields, opts.mapping);
  const col = (f: string) => mapping.find((m) => m.field === f)?.column ?? f;
  const geoms = file.features.map((f, i) => {
    const c = checkGeometry(f.geometry, BOUNDARY_GEOMETRY[kind]);
    if (!c.ok) (parsed[i] as (typeof parsed)[number]).issues.push({ row: i + 1, column: 'geometry', field: 'geometry', code: 'bad_geometry', message: c.message });
    // Outlines take the lattice where they enter (ADR 0013); grids are snapped with their street when saved.
    return c.ok ? (kind === 'grids' ? c.geom : snapGeometry(c.geom)) : null;
  });
  // PostGIS: validity of every geometry that passed the checks above, and the street holding it.
  const input = geoms.flatMap((g, i) => (g ? [{ row: i + 1, g: JSON.stringify(g) }] : []));
  const facts = new Map<number, { reason: string; street: string | null }>();
  if (input.length) {
    for (const r of await rows<{ row: number; reason: string; street: string | null }>(
      db,
      sql`SELECT x.row, ST_IsValidReason(x.g) AS reason,
            CASE WHEN ST_IsValid(x.g) THEN (SELECT s.code FROM streets s WHERE ST_Covers(s.geom, ST_PointOnSurface(x.g)) ORDER BY s.code LIMIT 1) END AS street
          FROM (SELECT y.row, ST_SetSRID(ST_GeomFromGeoJSON(y.g), 4326) AS g FROM jsonb_to_recordset(${JSON.stringify(input)}::jsonb) AS y("row" int, g text)) x`,
    )) facts.set(r.row, r);
  }
  const overlaps = kind === 'streets' ? await streetOverlaps(db, file.features.map((f, i) => ({ row: i + 1, code: String(f.properties[col('code')] ?? ''), geom: geoms[i] ?? null }))) : new Map();
  const streets = await rows<{ code: string; name: string }>(db, sql`SELECT code, name FROM streets`);
  const districts = new Set((await rows<{ code: string }>(db, sql`SELECT code FROM districts`)).map((d) => d.code));
  const findStreet = (t: string) => streets.find((s) => s.code === t || matchKey(s.name) === matchKey(t))?.code ?? null;
  const items: Item[] = [];
  for (const [i, p] of parsed.entries()) {
    const row = i + 1;
    const issue = (field: string, code: Issue['code'], message: string, value?: string) =>
      p.issues.push({ row, column: field === 'geometry' ? 'geometry' : col(field), field, code, message, ...(value ? { value } : {}) });
    const g = geoms[i];
    const fact = facts.get(row);
    if (g && fact && fact.reason !== 'Valid Geometry') issue('geometry', 'bad_geometry', `Invalid geometry: ${fact.reason}`);
    const v = p.values as Record<string, string | number | undefined>;
    let streetCode: string | null = null;
    if (kind === 'streets') {
      const code = String(v.code ?? '');
      if (v.code !== undefined && !/^[0-9]{6}[0-9A-Z]{3}$/.test(code)) issue('code', 'bad_value', 'A street code has 9 characters: 6 digits of the district, then 3', code);
      const district = String(v.district ?? code.slice(0, 6));
      if (v.code !== undefined && !districts.has(district)) issue('district', 'unknown_district', 'No such district', district);
      const over = overlaps.get(row);
      if (over && fact?.reason === 'Valid Geometry') {
        issue('geometry', 'street_overlap', `The outline overlaps street ${over.code} ${over.name} by ${Math.round(over.area)} m²: streets may not overlap; fix the outline`, over.code);
      }
    } else {
      streetCode = v.street !== undefined ? findStreet(String(v.street)) : (fact?.street ?? null);
      if (v.street !== undefined && !streetCode) issue('street', 'unknown_street', 'No such street (code or name)', String(v.street));
      else if (!streetCode && g && fact?.reason === 'Valid Geometry') issue('street', 'unknown_street', 'The shape lies in no known street; give the street');
    }
    if (p.issues.length || !g) continue;
    const values: Record<string, unknown> =
      kind === 'streets' ? { code: v.code, district_code: v.district ?? String(v.code).slice(0, 6), name: v.name, ...(v.nameEn !== undefined ? { name_en: v.nameEn } : {}) }
      : kind === 'grids' ? { code: v.code, name: v.name, street_code: streetCode }
      : kind === 'business-districts' ? { name: v.name, street_code: streetCode, ...(v.nameEn !== undefined ? { name_en: v.nameEn } : {}) }
      : { name: v.name, street_code: streetCode, ...(v.address !== undefined ? { address: v.address } : {}), ...(v.kind !== undefined ? { kind: v.kind } : {}), ...(v.floors !== undefined ? { floors: v.floors } : {}) };
    // Grid codes are matched within the street being imported: another street's grid is never this one.
    const key = kind === 'streets' ? String(v.code) : kind === 'grids' ? `${String(v.code)}|${streetCode}` : `${matchKey(String(v.name))}|${streetCode}`;
    items.push({ row, id: null, key, values, geom: g, same: false });
  }
  // Two features for the same record.
  const byKey = new Map<string, Item[]>();
  for (const it of items) byKey.set(it.key, [...(byKey.get(it.key) ?? []), it]);
  const dup = new Set<Item>();
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    for (const it of group) {
      dup.add(it);
      (parsed[it.row - 1] as (typeof parsed)[number]).issues.push({ row: it.row, column: col(kind === 'streets' || kind === 'grids' ? 'code' : 'name'), field: 'name', code: 'duplicate_key', message: `Same record as feature ${group.filter((x) => x !== it).map((x) => x.row).join(', ')}` });
    }
  }
  const valid = items.filter((it) => !dup.has(it));
  await matchExisting(db, kind, valid);
  const issues = parsed.flatMap((p) => p.issues);
  // A street is keyed by its code (its id stays null): what it updates is the record it matched.
  const insert = valid.filter((it) => !it.existing).length;
  const unchanged = valid.filter((it) => it.same).length;
  return {
    items: valid,
    preview: {
      kind,
      file: { name: opts.filename, sha256: createHash('sha256').update(bytes).digest('hex'), format: file.format, encoding: file.encoding ?? null, headerRow: 0 },
      fields: fieldList(fields),
      mapping,
      unknownColumns: mapping.filter((m) => !m.field).map((m) => m.column),
      issues: issues.slice(0, MAX_ISSUES_LISTED),
      issuesTruncated: issues.length > MAX_ISSUES_LISTED,
      counts: { rows: parsed.length, valid: valid.length, invalid: parsed.length - valid.length, insert, update: valid.length - insert - unchanged, unchanged, links: 0 },
    },
  };
}

/** Street outlines that overlap another stored street by more than 1 m² (streets tile their district). */
async function streetOverlaps(db: Db, features: { row: number; code: string; geom: Geometry | null }[]): Promise<Map<number, { code: string; name: string; area: number }>> {
  const input = features.flatMap((f) => (f.geom ? [{ row: f.row, code: f.code, g: JSON.stringify(f.geom) }] : []));
  if (!input.length) return new Map();
  // Planar m² at the piece's latitude, like the grid checks; invalid outlines are reported as such elsewhere.
  const found = await rows<{ row: number; code: string; name: string; area: number }>(
    db,
    sql`SELECT DISTINCT ON (x.row) x.row, s.code, s.name, ST_Area(i) * 12392029030.5 * cos(radians(ST_Y(ST_Centroid(ST_Envelope(i))))) AS area
        FROM (SELECT y.row, y.code, ST_SetSRID(ST_GeomFromGeoJSON(y.g), 4326) AS g FROM jsonb_to_recordset(${JSON.stringify(input)}::jsonb) AS y("row" int, code text, g text)) x
        JOIN streets s ON s.code <> x.code AND ST_IsValid(x.g) AND ST_Intersects(s.geom, x.g)
        CROSS JOIN LATERAL (SELECT ST_CollectionExtract(ST_Intersection(s.geom, x.g), 3) AS i) o
        WHERE NOT ST_IsEmpty(i) AND ST_Area(i) * 12392029030.5 * cos(radians(ST_Y(ST_Centroid(ST_Envelope(i))))) > 1
        ORDER BY x.row, ST_Area(i) DESC`,
  );
  return new Map(found.map((r) => [r.row, { code: r.code, name: r.name, area: r.area }]));
}

/** Finds each item's existing row and whether anything about it differs (geometry compared by PostGIS). */
async function matchExisting(db: Db, kind: BoundaryKind, items: Item[]): Promise<void> {
  if (!items.length) return;
  const table = kind === 'grids' ? 'grids' : TABLE[kind];
  const existing = await rows<Record<string, unknown> & { id: number | string }>(db, sql.raw(
    kind === 'streets' ? `SELECT code AS id, code, name, name_en, district_code FROM streets`
    : kind === 'grids' ? `SELECT id, code, name, street_code, version FROM grids`
    : kind === 'business-districts' ? `SELECT id, name, name_en, street_code FROM business_districts`
    : `SELECT id, name, address, street_code, kind, floors FROM buildings`,
  ));
  const keyOf = (e: Record<string, unknown>) =>
    kind === 'streets' ? String(e.code) : kind === 'grids' ? `${String(e.code)}|${String(e.street_code)}` : `${matchKey(String(e.name))}|${String(e.street_code)}`;
  const byKey = new Map(existing.map((e) => [keyOf(e), e]));
  const matched = items.flatMap((it) => {
    const e = byKey.get(it.key);
    if (!e) return [];
    it.id = kind === 'streets' ? null : Number(e.id);
    it.existing = e;
    return [{ row: it.row, id: String(e.id), g: JSON.stringify(it.geom), e }];
  });
  if (!matched.length) return;
  const idCol = kind === 'streets' ? 'code' : 'id';
  const same = new Map(
    (await rows<{ row: number; same: boolean }>(
      db,
      sql`SELECT x.row, ST_Equals(t.geom, ST_SetSRID(ST_GeomFromGeoJSON(x.g), 4326)) AS same
          FROM jsonb_to_recordset(${JSON.stringify(matched.map(({ row, id, g }) => ({ row, id, g })))}::jsonb) AS x("row" int, id text, g text)
          JOIN ${sql.raw(table)} t ON t.${sql.raw(idCol)}::text = x.id`,
    )).map((r) => [r.row, r.same]),
  );
  for (const m of matched) {
    const it = items.find((x) => x.row === m.row) as Item;
    if (kind === 'streets') it.streetExists = true;
    const attrsSame = Object.entries(it.values).every(([k, v]) => String(m.e[k] ?? '') === String(v ?? ''));
    it.geomSame = same.get(m.row) === true;
    it.same = attrsSame && it.geomSame;
  }
}

/** Existing streets whose outline the import changes. */
const reshapedStreets = (items: Item[]) => items.filter((it) => it.streetExists && !it.geomSame);

/** Whether each reshaped street's grids still tile it, once its new outline is written (in the caller's
 *  transaction); streets without grids have nothing to tile. */
async function tilingProblems(tx: Db, items: Item[]): Promise<{ issues: Issue[]; problems: (Problem & { street: string })[] }> {
  const issues: Issue[] = [];
  const problems: (Problem & { street: string })[] = [];
  for (const it of reshapedStreets(items)) {
    const street = String(it.values.code);
    const grids = await readGrids(tx, street);
    if (!grids.length) continue;
    const [outline] = await rows<{ geometry: MultiPolygon }>(tx, sql`SELECT ST_AsGeoJSON(geom, 15)::json AS geometry FROM streets WHERE code = ${street}`);
    for (const p of await partitionProblems(tx, (outline as { geometry: MultiPolygon }).geometry, grids.map((g) => ({ key: g.id, geometry: g.geometry })), GRID_RULES)) {
      problems.push({ ...p, street });
      issues.push({ row: it.row, column: 'geometry', field: 'geometry', code: 'bad_geometry', message: `The grids of ${street} would no longer tile it (${p.kind}): ${p.message}` });
    }
  }
  return { issues, problems };
}

const geomSql = (g: Geometry) => sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(g)}), 4326)`;

class Rollback<T> extends Error {
  constructor(readonly value: T) {
    super('rolled back on purpose');
  }
}

/** Runs fn in a write transaction that is always rolled back: a preview of what a write would lead to. */
async function rolledBack<T>(store: Store, fn: (tx: Db) => Promise<T>): Promise<T> {
  try {
    await store.write(async (tx) => {
      throw new Rollback(await fn(tx));
    });
  } catch (err) {
    if (err instanceof Rollback) return err.value as T;
    throw err;
  }
  throw new Error('unreachable: the transaction was not rolled back');
}

/** A street preview: the new outlines are written in a transaction that is rolled back, and the street's grids
 *  checked against them; a street they would no longer tile is an invalid row. */
async function previewStreets(store: Store, preview: BoundaryPreview, items: Item[]): Promise<BoundaryPreview> {
  const reshaped = reshapedStreets(items);
  if (!reshaped.length) return preview;
  const { issues } = await rolledBack(store, async (tx) => {
    for (const it of reshaped) await tx.execute(sql`UPDATE streets SET geom = ${geomSql(it.geom)} WHERE code = ${String(it.values.code)}`);
    return tilingProblems(tx, items);
  });
  if (!issues.length) return preview;
  const bad = new Set(issues.map((i) => i.row)).size;
  const all = [...preview.issues, ...issues].sort((a, b) => a.row - b.row);
  return {
    ...preview,
    issues: all.slice(0, MAX_ISSUES_LISTED),
    issuesTruncated: preview.issuesTruncated || all.length > MAX_ISSUES_LISTED,
    counts: { ...preview.counts, valid: preview.counts.valid - bad, invalid: preview.counts.invalid + bad, update: preview.counts.update - bad },
  };
}

export async function previewBoundaries(store: Store, bytes: Uint8Array, opts: BoundaryOptions, signal?: AbortSignal): Promise<BoundaryPreview> {
  const { preview, items } = await store.read((db) => {
    stillWanted(signal);
    return analyse(db, bytes, opts);
  });
  if (opts.kind === 'streets') return previewStreets(store, preview, items);
  if (opts.kind !== 'grids' || preview.counts.invalid > 0) return preview;
  // The grid editor's own preview says whether the new grids would still tile their street.
  const { street, set, items: inFile } = await gridChangeSet(store, bytes, opts);
  preview.issues.push(...(await missingGrids(store, street, inFile)).issues);
  if (!set.changes.length) return preview;
  for (const p of await gridChangeProblems(store, street, set)) preview.issues.push({ row: 0, column: 'geometry', field: 'geometry', code: 'bad_geometry', message: `${p.kind}: ${p.message}` });
  return preview;
}

async function gridChangeSet(store: Store, bytes: Uint8Array, opts: BoundaryOptions): Promise<{ street: string; set: { note: string; changes: Change[] }; items: Item[] }> {
  const { items } = await store.read((db) => analyse(db, bytes, opts));
  const streets = [...new Set(items.map((it) => String(it.values.street_code)))];
  if (streets.length !== 1) throw new ImportFileError(422, `A grid file must hold the grids of exactly one street (this one has ${streets.length}); split it per street`);
  // New grids keep the file's codes, so the same file again finds them.
  const changes: Change[] = items.filter((it) => !it.same).map((it) => {
    const e = it.existing;
    return e
      ? { id: it.id as number, version: Number(e.version), geometry: it.geom as never, name: String(it.values.name) }
      : { geometry: it.geom as never, name: String(it.values.name), code: String(it.values.code) };
  });
  return { street: streets[0] as string, set: { note: `导入: ${opts.filename}`, changes }, items };
}

/**
 * The street's grids the file does not hold. A grid file replaces the street's whole grid set, and deleting a grid
 * needs a neighbour to take its area (the grid editor asks for one), so such a file is refused, saying which grids.
 */
async function missingGrids(store: Store, street: string, items: Item[]): Promise<{ issues: Issue[]; message: string | null }> {
  const inFile = new Set(items.map((it) => it.id));
  const missing = (await store.read((db) => readGrids(db, street))).filter((g) => !inFile.has(g.id));
  const issues: Issue[] = missing.map((g) => ({
    row: 0, column: 'code', field: 'code', code: 'missing_grid', value: g.code,
    message: `Grid ${g.code} ${g.name} of street ${street} is not in the file: the import will be refused. Add it to the file, or delete it in the grid editor first (giving its area to a neighbour)`,
  }));
  const message = missing.length ? `The file lacks ${missing.length} of street ${street}'s grids (${missing.map((g) => `${g.code} ${g.name}`).join(', ')}): a grid file must hold all of them; delete grids in the grid editor` : null;
  return { issues, message };
}

export interface BoundaryResult { kind: BoundaryKind; inserted: number; updated: number; unchanged: number; skipped: number; preview: BoundaryPreview }

export async function acceptBoundaries(store: Store, principal: Principal, actor: string, bytes: Uint8Array, opts: BoundaryOptions & { skipInvalid: boolean }): Promise<BoundaryResult> {
  if (opts.kind === 'grids') {
    const preview = await store.read(async (db) => (await analyse(db, bytes, opts)).preview);
    // A partial grid set cannot tile a street: grid files are all or nothing.
    if (preview.counts.invalid > 0) throw new ImportFileError(422, `${preview.counts.invalid} grids are invalid`, preview);
    const { street, set, items } = await gridChangeSet(store, bytes, opts);
    const missing = await missingGrids(store, street, items);
    if (missing.message) throw new ImportFileError(422, missing.message, { ...preview, issues: [...missing.issues, ...preview.issues].slice(0, MAX_ISSUES_LISTED) });
    const written = set.changes.length ? (await commitGridChanges(store, principal, street, set)).grids.map((g) => g.id) : [];
    const inserted = items.filter((it) => it.id === null).length;
    // A grid differing from the stored one only below the lattice is unchanged once snapped (ADR 0013): count what was written.
    const existing = new Set(items.flatMap((it) => (it.id === null ? [] : [it.id as number])));
    const updated = written.filter((id) => existing.has(id)).length;
    return { kind: 'grids', inserted, updated, unchanged: items.length - inserted - updated, skipped: 0, preview };
  }
  const kind = opts.kind;
  return store.write(async (tx) => {
    const { preview, items } = await analyse(tx, bytes, opts);
    if (preview.counts.invalid > 0 && !opts.skipInvalid) throw new ImportFileError(422, `${preview.counts.invalid} of ${preview.counts.rows} features are invalid; fix them or choose to skip them`, preview);
    if (preview.counts.valid === 0) throw new ImportFileError(422, 'The file has no valid features', preview);
    const source = `导入: ${opts.filename}`;
    let inserted = 0;
    let updated = 0;
    for (const it of items) {
      if (it.same) continue;
      const geom = geomSql(it.geom);
      const v = it.values;
      const exists = it.id !== null || it.streetExists;
      if (exists) {
        const sets = Object.entries(v).filter(([k]) => k !== 'code').map(([k, x]) => sql`${sql.raw(k)} = ${x}`);
        const where = kind === 'streets' ? sql`code = ${v.code}` : sql`id = ${it.id}`;
        await tx.execute(sql`UPDATE ${sql.raw(TABLE[kind])} SET ${sql.join([...sets, sql`geom = ${geom}`, sql`source = ${source}`, sql`version = version + 1`], sql`, `)} WHERE ${where}`);
        updated++;
      } else {
        const cols: Record<string, unknown> = kind === 'streets' ? { name_en: v.name, ...v }
            : kind === 'business-districts' ? { name_en: v.name, ...v }
          : { address: '', kind: 'office', floors: 1, ...v };
        const names = Object.keys(cols);
        await tx.execute(sql`INSERT INTO ${sql.raw(TABLE[kind])} (${sql.raw(names.join(', '))}, geom, illustrative, source)
          VALUES (${sql.join(names.map((n) => sql`${cols[n]}`), sql`, `)}, ${geom}, false, ${source})`);
        inserted++;
      }
    }
    if (kind === 'streets') {
      // A street's new outline must still be tiled by its grids (the grid editor's rule), or nothing is written.
      const { issues, problems } = await tilingProblems(tx, items);
      if (problems.length) {
        const streets = [...new Set(problems.map((p) => p.street))].join(', ');
        throw new ImportFileError(422, `The grids of ${streets} would no longer tile the new outline: ${problems.map((p) => p.message).join('; ')}`, {
          ...preview,
          issues: [...preview.issues, ...issues].sort((a, b) => a.row - b.row).slice(0, MAX_ISSUES_LISTED),
          problems,
        });
      }
    }
    if (inserted + updated > 0) {
      if (kind === 'streets') await refreshDerivedGeometry(tx);
      // Buildings and business districts moved: grid and business-district membership follow (no-ops elsewhere).
      await assignGrids(tx);
    }
    const counts = { inserted, updated, unchanged: items.length - inserted - updated };
    if (inserted + updated === 0) return { kind, ...counts, skipped: preview.counts.invalid, preview };
    await audit(tx, { actor, action: 'import', entity: kind, note: `${opts.filename}: ${inserted} inserted, ${updated} updated, ${counts.unchanged} unchanged, ${preview.counts.invalid} skipped`, after: { file: preview.file, counts } });
    return { kind, ...counts, skipped: preview.counts.invalid, preview };
  });
}
