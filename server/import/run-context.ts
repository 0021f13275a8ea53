// Context imports (roads and water): file → features → mapped attributes → coordinates converted to WGS84 (the
// file's system: WGS84, GCJ-02 or BD-09) → geometry checked (shape here, ST_IsValid in PostGIS) → matched against
// what is stored → written in one transaction with one audit row. Roads and water belong to no street: they are
// context for every map and the network station reach walks on. Re-importing the same file changes nothing.
import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { Geometry } from 'geojson';
import { rows, type Db, type Store } from '../db/store.js';
import { audit } from '../db/audit.js';
import { BATCH_ROWS } from '../db/batch.js';
import type { CoordSystem } from './kinds.js';
import { CONTEXT_FIELDS, type ContextKind } from './context-kinds.js';
import type { MappingOverrides } from './mapping.js';
import { checkContextGeometry } from './context-geometry.js';
import { fieldList, readFeatureRows } from './feature-rows.js';
import { ImportFileError } from './errors.js';
import { matchKey } from './normalise.js';
import { MAX_ISSUES_LISTED } from './run.js';
import type { BoundaryPreview, BoundaryResult } from './run-boundaries.js';

export type ContextPreview = Omit<BoundaryPreview, 'kind'> & { kind: ContextKind };
export type ContextResult = Omit<BoundaryResult, 'kind' | 'preview'> & { kind: ContextKind; preview: ContextPreview };

export interface ContextOptions { kind: ContextKind; filename: string; coords: CoordSystem; mapping?: MappingOverrides }

interface Item {
  rows: number[];
  key: string;
  values: Record<string, string | boolean>;
  geom: Geometry;
  id: number | null;
  same: boolean;
}

const TABLE: Record<ContextKind, string> = { roads: 'roads', water: 'water' };

/** A record's identity: named lines by name and class (a road in several features is one record of several
 *  lines); unnamed ones by their shape. */
function keyOf(kind: ContextKind, v: Record<string, unknown>, geom: Geometry | string): string {
  const name = matchKey(String(v.name ?? ''));
  const what = kind === 'roads' ? `${String(v.class)}|${String(v.barrier)}` : String(v.kind);
  return name ? `${name}|${what}` : `#${typeof geom === 'string' ? geom : JSON.stringify(geom)}|${what}`;
}

async function analyse(db: Db, bytes: Uint8Array, opts: ContextOptions): Promise<{ preview: ContextPreview; items: Item[] }> {
  const { kind } = opts;
  const fields = CONTEXT_FIELDS[kind];
  const { file, mapping, parsed } = readFeatureRows(bytes, fields, opts.mapping);
  const geoms = file.features.map((f, i) => {
    const c = checkContextGeometry(f.geometry, kind === 'roads' ? 'lines' : 'areas', opts.coords);
    if (!c.ok) (parsed[i] as (typeof parsed)[number]).issues.push({ row: i + 1, column: 'geometry', field: 'geometry', code: 'bad_geometry', message: c.message });
    return c.ok ? c.geom : null;
  });
  const input = geoms.flatMap((g, i) => (g ? [{ row: i + 1, g: JSON.stringify(g) }] : []));
  const reasons = new Map<number, string>();
  if (input.length) {
    for (const r of await rows<{ row: number; reason: string }>(
      db,
      sql`SELECT x.row, ST_IsValidReason(ST_SetSRID(ST_GeomFromGeoJSON(x.g), 4326)) AS reason FROM jsonb_to_recordset(${JSON.stringify(input)}::jsonb) AS x("row" int, g text)`,
    )) reasons.set(r.row, r.reason);
  }
  // Features of one record (same name and class) are gathered into one multi-geometry.
  const byKey = new Map<string, Item>();
  for (const [i, p] of parsed.entries()) {
    const row = i + 1;
    const g = geoms[i];
    const reason = reasons.get(row);
    if (g && reason && reason !== 'Valid Geometry') p.issues.push({ row, column: 'geometry', field: 'geometry', code: 'bad_geometry', message: `Invalid geometry: ${reason}` });
    if (p.issues.length || !g) continue;
    const v = p.values as Record<string, string | undefined>;
    const values: Record<string, string | boolean> =
      kind === 'roads'
        ? { name: v.name ?? '', class: v.class ?? 'branch', oneway: v.oneway === 'true', barrier: v.barrier === 'true' }
        : { name: v.name ?? '', kind: v.kind ?? 'river' };
    const key = keyOf(kind, values, g);
    const parts = g.type === 'MultiLineString' || g.type === 'MultiPolygon' ? (g.coordinates as unknown[]) : [];
    const it = byKey.get(key);
    if (it) {
      it.rows.push(row);
      (it.geom as { coordinates: unknown[] }).coordinates.push(...parts);
    } else {
      byKey.set(key, { rows: [row], key, values, geom: g, id: null, same: false });
    }
  }
  const items = [...byKey.values()];
  await matchExisting(db, kind, items);
  const issues = parsed.flatMap((p) => p.issues);
  const valid = parsed.filter((p) => p.issues.length === 0).length;
  const insert = items.filter((it) => it.id === null).length;
  const unchanged = items.filter((it) => it.same).length;
  return {
    items,
    preview: {
      kind,
      file: { name: opts.filename, sha256: createHash('sha256').update(bytes).digest('hex'), format: file.format, encoding: file.encoding ?? null, headerRow: 0 },
      fields: fieldList(fields),
      mapping,
      unknownColumns: mapping.filter((m) => !m.field).map((m) => m.column),
      issues: issues.slice(0, MAX_ISSUES_LISTED),
      issuesTruncated: issues.length > MAX_ISSUES_LISTED,
      counts: { rows: parsed.length, valid, invalid: parsed.length - valid, insert, update: items.length - insert - unchanged, unchanged, links: 0 },
    },
  };
}

async function matchExisting(db: Db, kind: ContextKind, items: Item[]): Promise<void> {
  if (!items.length) return;
  const existing = await rows<Record<string, unknown> & { id: number; gj: string }>(
    db,
    kind === 'roads'
      ? sql`SELECT id, name, class, oneway, barrier, ST_AsGeoJSON(geom, 7) AS gj FROM roads`
      : sql`SELECT id, name, kind, ST_AsGeoJSON(geom, 7) AS gj FROM water`,
  );
  const byKey = new Map(existing.map((e) => [keyOf(kind, e, (JSON.parse(e.gj) as Geometry)), e]));
  const matched: { it: Item; e: (typeof existing)[number] }[] = [];
  for (const it of items) {
    const e = byKey.get(it.key);
    if (!e) continue;
    it.id = e.id;
    matched.push({ it, e });
  }
  if (!matched.length) return;
  const same = new Map(
    (await rows<{ id: number; same: boolean }>(
      db,
      sql`SELECT t.id, ST_Equals(t.geom, ST_SetSRID(ST_GeomFromGeoJSON(x.g), 4326)) AS same
          FROM jsonb_to_recordset(${JSON.stringify(matched.map(({ it }) => ({ id: it.id, g: JSON.stringify(it.geom) })))}::jsonb) AS x(id int, g text)
          JOIN ${sql.raw(TABLE[kind])} t ON t.id = x.id`,
    )).map((r) => [r.id, r.same]),
  );
  for (const { it, e } of matched) {
    const attrsSame = Object.entries(it.values).every(([k, v]) => String(e[k] ?? '') === String(v));
    it.same = attrsSame && same.get(it.id as number) === true;
  }
}

export async function previewContext(store: Store, bytes: Uint8Array, opts: ContextOptions): Promise<ContextPreview> {
  return (await store.read((db) => analyse(db, bytes, opts))).preview;
}

export async function acceptContext(store: Store, actor: string, bytes: Uint8Array, opts: ContextOptions & { skipInvalid: boolean }): Promise<ContextResult> {
  const { kind } = opts;
  return store.write(async (tx) => {
    const { preview, items } = await analyse(tx, bytes, opts);
    if (preview.counts.invalid > 0 && !opts.skipInvalid) throw new ImportFileError(422, `${preview.counts.invalid} of ${preview.counts.rows} features are invalid; fix them or choose to skip them`, preview);
    if (preview.counts.valid === 0) throw new ImportFileError(422, 'The file has no valid features', preview);
    const source = `导入: ${opts.filename}`;
    const coordSource = opts.coords;
    let inserted = 0;
    let updated = 0;
    // New features go in many rows per statement (a city's road network is 10⁵ lines), grouped by the columns
    // they set; updates of known ids stay one statement each.
    const inserts = new Map<string, { names: string[]; rows: SQL[] }>();
    for (const it of items) {
      if (it.same) continue;
      const geom = sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(it.geom)}), 4326)`;
      const v = it.values;
      if (it.id !== null) {
        const sets = Object.entries(v).map(([k, x]) => sql`${sql.raw(k)} = ${x}`);
        await tx.execute(sql`UPDATE ${sql.raw(TABLE[kind])} SET ${sql.join([...sets, sql`geom = ${geom}`, sql`coord_source = ${coordSource}`, sql`illustrative = false`, sql`source = ${source}`, sql`version = version + 1`], sql`, `)} WHERE id = ${it.id}`);
        updated++;
      } else {
        const names = Object.keys(v).sort();
        const key = names.join(',');
        const group = inserts.get(key) ?? { names, rows: [] };
        group.rows.push(sql`(${sql.join(names.map((n) => sql`${v[n]}`), sql`, `)}, ${geom}, ${coordSource}, false, ${source})`);
        inserts.set(key, group);
        inserted++;
      }
    }
    for (const { names, rows } of inserts.values()) {
      for (let i = 0; i < rows.length; i += BATCH_ROWS) {
        await tx.execute(sql`INSERT INTO ${sql.raw(TABLE[kind])} (${sql.raw(names.join(', '))}, geom, coord_source, illustrative, source)
          VALUES ${sql.join(rows.slice(i, i + BATCH_ROWS), sql`, `)}`);
      }
    }
    const counts = { inserted, updated, unchanged: items.length - inserted - updated };
    if (inserted + updated > 0) {
      await audit(tx, { actor, action: 'import', entity: kind, note: `${opts.filename}: ${inserted} inserted, ${updated} updated, ${counts.unchanged} unchanged, ${preview.counts.invalid} skipped`, after: { file: preview.file, coords: coordSource, counts } });
    }
    return { kind, ...counts, skipped: preview.counts.invalid, preview };
  });
}

