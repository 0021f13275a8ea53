// Parsed rows to database records: coordinates converted to WGS84, buildings, streets, stations, organisations and
// enterprises found by name, address, code or coordinates. Pure: the database's facts arrive as a Lookup.
import type { Point } from 'geojson';
import { errorsOf, type Issue } from './fields.js';
import type { CoordSystem, RosterKind } from './kinds.js';
import type { ColumnMapping } from './mapping.js';
import { matchKey } from './normalise.js';
import { inChina, toWgs84 } from './coords.js';
import type { ParsedRow } from './rows.js';

export interface BuildingRef { id: number; name: string; address: string; streetCode: string; gridId: number | null; point: [number, number] }
export interface NamedRef { id: number; name: string; streetCode: string; point?: [number, number] }

export interface Lookup {
  streets: { code: string; name: string }[];
  buildings: BuildingRef[];
  /** Building holding (or within a few metres of) each row's WGS84 point, by row number; found by PostGIS. */
  buildingAt: Map<number, number>;
  organisations: NamedRef[];
  stations: NamedRef[];
  enterprises: Map<string, number>;
}

/** A record ready to write: columns (drizzle property names) to set, the natural key, and link rows. */
export interface ResolvedRow {
  row: number;
  record: Record<string, unknown>;
  /** Columns that must be set on insert but left alone on update when the file said nothing (defaults). */
  insertOnly: Record<string, unknown>;
  links?: { enterpriseIds: number[]; since: string | null };
}

export interface RowOutcome {
  row: number;
  issues: Issue[];
  resolved: ResolvedRow | null;
}

/** Points first: converts every row's coordinates to WGS84. The system is the row's 坐标系, else the one the
 *  longitude column's header names (经度（高德）), else the file-wide option. A row carrying source coordinates
 *  (原始经度/纬度, as the product's exports do) is placed by them, in its 坐标系; its 经度/纬度 are then the stored
 *  WGS84 point, derived, not input: in such a file a row without source coordinates was placed by its building. */
export function convertCoordinates(rows: ParsedRow[], fileSystem: CoordSystem, mapping: ColumnMapping[]): void {
  const col = (f: string) => mapping.find((m) => m.field === f)?.column ?? f;
  const hint = mapping.find((m) => m.field === 'lon')?.coordSystem ?? mapping.find((m) => m.field === 'lat')?.coordSystem;
  const exported = mapping.some((m) => m.field === 'sourceLon');
  for (const r of rows) {
    const v = r.values;
    const rowSystem = v.coordSystem as CoordSystem | undefined;
    const fromSource = typeof v.sourceLon === 'number' && typeof v.sourceLat === 'number';
    const [lon, lat, field, system] = fromSource
      ? [v.sourceLon, v.sourceLat, 'sourceLon', rowSystem ?? fileSystem]
      : [v.lon, v.lat, 'lon', exported ? 'wgs84' : (rowSystem ?? hint ?? fileSystem)];
    if (typeof lon !== 'number' || typeof lat !== 'number') continue;
    if (!inChina(lon, lat)) {
      r.issues.push({ row: r.row, column: col(field), field, code: 'bad_coordinates', message: 'Coordinates are outside China (swapped longitude and latitude?)', value: `${lon}, ${lat}` });
      continue;
    }
    v.point = toWgs84(lon, lat, system as CoordSystem);
    if (exported && !fromSource) {
      // An exported row whose point was not imported: 经度/纬度 are the stored WGS84 point, kept as it is, with the
      // system the record names (if any) and no source numbers.
      v.coordSource = rowSystem ?? null;
      v.sourceLon = null;
      v.sourceLat = null;
    } else {
      v.coordSource = system;
      v.sourceLon = lon;
      v.sourceLat = lat;
    }
  }
}

/** Beyond this distance between a row's coordinates and the building it names, the row is flagged (a warning:
 *  one of the two is wrong, and the user must say which). Footprints of large complexes span a few hundred metres. */
export const PLACEMENT_CONFLICT_M = 500;

/** Great-circle distance in metres (spherical Earth: plenty for a warning threshold). */
export function distanceM(a: [number, number], b: [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}

const pointGeom = (p: [number, number]): Point => ({ type: 'Point', coordinates: p });
/** A point the file gave: stored as WGS84, with the system and the numbers it came in. */
const imported = (v: { point?: [number, number]; coordSource?: unknown; sourceLon?: unknown; sourceLat?: unknown }) =>
  ({ geom: pointGeom(v.point as [number, number]), coordSource: v.coordSource, sourceLon: v.sourceLon, sourceLat: v.sourceLat });
/** A point the product chose (its building's): no source system, no source numbers. */
export const placedAt = (p: [number, number]) => ({ geom: pointGeom(p), coordSource: null, sourceLon: null, sourceLat: null });

class Finder {
  private readonly byName = new Map<string, BuildingRef[]>();
  constructor(private readonly lookup: Lookup) {
    for (const b of lookup.buildings) {
      const k = matchKey(b.name);
      this.byName.set(k, [...(this.byName.get(k) ?? []), b]);
    }
  }
  street(text: string | undefined): string | null | undefined {
    if (text === undefined) return undefined;
    const k = matchKey(text);
    const s = this.lookup.streets.find((x) => x.code === text || matchKey(x.name) === k || matchKey(x.name.replace(/(街道|镇|乡)$/u, '')) === k);
    return s ? s.code : null;
  }
  buildingByName(name: string, street?: string | null): BuildingRef | null {
    const found = (this.byName.get(matchKey(name)) ?? []).filter((b) => !street || b.streetCode === street);
    return found.length === 1 ? (found[0] as BuildingRef) : null;
  }
  /** An address names a building when it equals or contains the building's address (or its name), longest first. */
  buildingByAddress(address: string, street?: string | null): BuildingRef | null {
    const k = matchKey(address);
    let best: BuildingRef | null = null;
    let bestLen = 3;
    for (const b of this.lookup.buildings) {
      if (street && b.streetCode !== street) continue;
      for (const part of [matchKey(b.address), matchKey(b.name)]) {
        if (part.length > bestLen && k.includes(part)) {
          best = b;
          bestLen = part.length;
        }
      }
    }
    return best;
  }
  buildingById(id: number | undefined): BuildingRef | null {
    return id === undefined ? null : (this.lookup.buildings.find((b) => b.id === id) ?? null);
  }
  named(list: NamedRef[], name: string, street?: string | null): NamedRef | null {
    const k = matchKey(name);
    const found = list.filter((x) => matchKey(x.name) === k);
    const inStreet = street ? found.filter((x) => x.streetCode === street) : found;
    return inStreet.length === 1 ? (inStreet[0] as NamedRef) : found.length === 1 ? (found[0] as NamedRef) : null;
  }
}

export function resolveRows(kind: RosterKind, rows: ParsedRow[], mapping: ColumnMapping[], lookup: Lookup): RowOutcome[] {
  const find = new Finder(lookup);
  // A file with a building-id column (an export) says where each row is: a blank id means no building, not
  // "find one under the point".
  const byReference = mapping.some((m) => m.field === 'buildingId');
  const col = (f: string) => mapping.find((m) => m.field === f)?.column ?? f;
  return rows.map((r) => {
    const issues = [...r.issues];
    const v = r.values as Record<string, unknown> & { point?: [number, number]; coordSource?: string };
    const issue = (field: string, code: Issue['code'], message: string, value?: unknown) =>
      issues.push({ row: r.row, column: col(field), field, code, message, ...(value === undefined ? {} : { value: String(value) }) });
    const str = (k: string) => v[k] as string | undefined;

    let streetCode = find.street(str('street'));
    if (streetCode === null) issue('street', 'unknown_street', 'No such street (code or name)', str('street'));

    // Placement of anything that sits in a building: the product's id (exports carry it), name, then address,
    // then the point's footprint. Named by id, name or address but far from the row's point: a warning.
    const placeBuilding = (nameField: string): BuildingRef | null => {
      const name = str(nameField);
      const ref = v.buildingId as number | undefined;
      if (ref !== undefined && !find.buildingById(ref)) issue('buildingId', 'unknown_building', 'No building with this id', ref);
      const named =
        find.buildingById(ref) ??
        (name ? find.buildingByName(name, streetCode) : null) ??
        (str('address') ? find.buildingByAddress(str('address') as string, streetCode) : null);
      const b = named ?? (byReference ? null : find.buildingById(lookup.buildingAt.get(r.row)));
      if (!b && name) issue(nameField, 'unknown_building', 'No building of this name (or at the address/coordinates)', name);
      if (named && v.point) {
        const d = distanceM(named.point, v.point);
        if (d > PLACEMENT_CONFLICT_M) {
          issues.push({
            row: r.row, column: col(ref !== undefined ? 'buildingId' : name ? nameField : 'address'), field: nameField, code: 'far_from_building', severity: 'warning',
            message: `The coordinates are ${Math.round(d)} m from ${named.name} (more than ${PLACEMENT_CONFLICT_M} m): check which one is right`, value: named.name,
          });
        }
      }
      return b;
    };

    const enterpriseIds = (field: string): number[] => {
      const codes = (v[field] as string[] | undefined) ?? [];
      const unknown = codes.filter((c) => !lookup.enterprises.has(c));
      if (unknown.length) issue(field, 'unknown_enterprise', `Unknown enterprises: ${unknown.join(', ')}`, unknown.join('、'));
      return codes.filter((c) => lookup.enterprises.has(c)).map((c) => lookup.enterprises.get(c) as number);
    };

    let record: Record<string, unknown> = {};
    let insertOnly: Record<string, unknown> = {};
    let links: ResolvedRow['links'];
    switch (kind) {
      case 'enterprises': {
        const b = placeBuilding('building');
        if (!b && !str('building')) issue(v.point ? 'lon' : 'building', 'no_placement', 'Give a known building, an address of one, or coordinates inside a footprint');
        record = pick(v, ['uscc', 'name', 'floor', 'industry', 'ownership', 'employees', 'partyMembers', 'unionMembers', 'registeredOn', 'deregisteredOn', 'noOrgReason', 'address', 'contactPerson', 'contactPhone']);
        if (b) Object.assign(record, { buildingId: b.id, streetCode: b.streetCode, gridId: b.gridId });
        if (v.point) Object.assign(record, imported(v));
        else if (b) insertOnly = placedAt(b.point);
        insertOnly = { ...insertOnly, partyMembers: 0, unionMembers: 0 };
        break;
      }
      case 'stations': {
        const b = str('building') || str('address') || v.buildingId !== undefined || lookup.buildingAt.has(r.row) ? placeBuilding('building') : null;
        streetCode = streetCode ?? b?.streetCode;
        const point = v.point ?? b?.point;
        if (!streetCode && streetCode !== null) issue('street', 'required', 'Give the street or a building');
        if (!point) issue('lon', 'no_placement', 'Give coordinates or a known building');
        record = pick(v, ['id', 'name', 'type', 'alsoTypes', 'floor', 'areaM2', 'hours', 'services', 'openTo', 'reachM', 'phone', 'openedOn', 'publicPhone', 'hoursWeek', 'accessibility']);
        if (v.siteAddress !== undefined) record.address = v.siteAddress;
        Object.assign(record, { streetCode, ...(b ? { buildingId: b.id } : {}) });
        if (v.point) Object.assign(record, imported(v));
        else if (point) insertOnly = placedAt(point);
        break;
      }
      case 'organisations': {
        const b = str('seatBuilding') ? placeBuilding('seatBuilding') : null;
        streetCode = streetCode ?? b?.streetCode;
        if (!streetCode && streetCode !== null) issue('street', 'required', 'Give the street or a seat building');
        const parent = str('parent') ? find.named(lookup.organisations, str('parent') as string, streetCode) : null;
        if (str('parent') && !parent) issue('parent', 'unknown_organisation', 'No such organisation', str('parent'));
        const ids = enterpriseIds('covers');
        record = pick(v, ['id', 'name', 'kind', 'formation', 'members', 'contactPhone', 'foundedOn', 'dissolvedOn']);
        if (v.secretary !== undefined) record.secretaryName = v.secretary;
        Object.assign(record, { streetCode, ...(b ? { seatBuildingId: b.id } : {}), ...(parent ? { parentId: parent.id } : {}) });
        insertOnly = { formation: ids.length > 1 ? 'joint' : 'own', members: 0 };
        links = { enterpriseIds: ids, since: str('foundedOn') ?? null };
        break;
      }
      case 'instructors': {
        const ids = enterpriseIds('enterprises');
        record = { ...pick(v, ['id', 'name', 'role', 'phone']), streetCode };
        links = { enterpriseIds: ids, since: str('since') ?? null };
        break;
      }
      case 'activities': {
        const st = str('station') ? find.named(lookup.stations, str('station') as string, streetCode) : null;
        if (str('station') && !st) issue('station', 'unknown_station', 'No such station', str('station'));
        const org = str('organiser') ? find.named(lookup.organisations, str('organiser') as string, streetCode) : null;
        if (str('organiser') && !org) issue('organiser', 'unknown_organisation', 'No such organisation', str('organiser'));
        const b = str('building') || v.buildingId !== undefined || lookup.buildingAt.has(r.row) ? placeBuilding('building') : null;
        streetCode = streetCode ?? st?.streetCode ?? b?.streetCode;
        if (!streetCode && streetCode !== null) issue('street', 'required', 'Give the street, a station or a building');
        const point = v.point ?? st?.point ?? b?.point;
        if (!point) issue('lon', 'no_placement', 'Give coordinates, a known station or a known building');
        record = { ...pick(v, ['id', 'title', 'type', 'heldAt', 'participants']), streetCode };
        if (st) record.stationId = st.id;
        if (org) record.organiserId = org.id;
        if (b) record.buildingId = b.id;
        if (v.point) Object.assign(record, imported(v));
        else if (point) insertOnly = placedAt(point);
        break;
      }
    }
    return { row: r.row, issues, resolved: errorsOf(issues).length ? null : { row: r.row, record, insertOnly, ...(links ? { links } : {}) } };
  });
}

function pick(v: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (v[k] !== undefined) out[k] = v[k];
  return out;
}

/** The key a row is matched on: USCC for enterprises, else the id if given, else name (title and time) in the street. */
export function naturalKey(kind: RosterKind, rec: Record<string, unknown>): string {
  if (kind === 'enterprises') return String(rec.uscc);
  if (kind === 'activities') return [rec.title, instant(rec.heldAt), rec.streetCode].join('|');
  return [rec.name, rec.streetCode].join('|');
}

/** Two rows that would write the same record: both are reported, neither written. */
export function markDuplicateKeys(kind: RosterKind, outcomes: RowOutcome[], mapping: ColumnMapping[]): void {
  if (kind === 'enterprises') return; // USCC duplicates are found while parsing.
  const groups = new Map<string, RowOutcome[]>();
  for (const o of outcomes) {
    if (!o.resolved || o.resolved.record.id !== undefined) continue;
    const k = naturalKey(kind, o.resolved.record);
    groups.set(k, [...(groups.get(k) ?? []), o]);
  }
  const field = kind === 'activities' ? 'title' : 'name';
  const column = mapping.find((m) => m.field === field)?.column ?? field;
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    for (const o of group) {
      const others = group.filter((x) => x !== o).map((x) => x.row).join(', ');
      o.issues.push({ row: o.row, column, field, code: 'duplicate_key', message: `Same record as row ${others}`, value: String(o.resolved?.record[field] ?? '') });
      o.resolved = null;
    }
  }
}

/** A timestamp as epoch milliseconds, whether ISO 8601 or as PostgreSQL prints timestamptz ("2025-03-21 04:00:00+00"). */
export function instant(v: unknown): string {
  const iso = String(v).replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00');
  const n = Date.parse(iso);
  return Number.isNaN(n) ? String(v) : String(n);
}
