// Who may read what: one table of readers × kinds of data, and the kind of every resource and field the API
// returns. Routes gate and redact with it (guard, redact); nothing else decides read access. Writes stay with
// their own rules (requireRole, canEditStreet), because who may change a thing is a different question.
import type { Context, MiddlewareHandler } from 'hono';
import type { Principal } from './principal.js';
import type { AppEnv } from '../http/context.js';
import { forbidden, unauthorized } from '../http/errors.js';

/** Readers as the table knows them. Editors read like officials: their street scope limits what they change. */
export type Reader = 'anonymous' | 'display' | 'official' | 'editor' | 'admin';

/**
 * Kinds of data, from the most to the least shareable.
 * - public: the service itself (health, documentation, the OGC landing page, published pages).
 * - aggregate: counts, rates and places (areas, buildings, stations, activities) — what a wall display shows.
 * - enterprise: anything about one enterprise: its name, code, employees, members, coverage, reasons, address, and
 *   what names it (its party organisation, an alliance's member list).
 * - personal: people: contact persons and phones, instructors' names.
 * - account: users, tokens, imports and publication drafts.
 */
export type Kind = 'public' | 'aggregate' | 'enterprise' | 'personal' | 'account';

export const MAY_READ: Readonly<Record<Kind, readonly Reader[]>> = {
  public: ['anonymous', 'display', 'official', 'editor', 'admin'],
  aggregate: ['display', 'official', 'editor', 'admin'],
  enterprise: ['official', 'editor', 'admin'],
  personal: ['official', 'editor', 'admin'],
  account: ['admin'],
};

export interface ResourceAccess {
  /** The kind of the resource as a whole: who may ask for it at all. */
  kind: Kind;
  /**
   * Fields of a finer kind than the whole, as paths: `a.b` is field b of object a, `a[].b` field b of each item of
   * array a. A reader who may not read one gets an array emptied, any other value removed.
   */
  fields?: Readonly<Record<string, Kind>>;
}

/** Per-enterprise fields of the enterprises collection (OGC items and exports). */
const ENTERPRISE_RECORD: Record<string, Kind> = {
  'features[].properties.address': 'personal',
  'features[].properties.contactPerson': 'personal',
  'features[].properties.contactPhone': 'personal',
};

/** Every resource the API reads out, by name. Routes name theirs; the walk test checks the result for each reader. */
export const RESOURCES = {
  // The service and the caller's own session.
  health: { kind: 'public' },
  docs: { kind: 'public' },
  config: { kind: 'public' },
  session: { kind: 'public' },
  'published-pages': { kind: 'public' },
  'ogc.landing': { kind: 'public' },
  // The tiling scheme (WebMercatorQuad): a public standard, no data. A collection's tiles are read as its items (ogc.<id>).
  'ogc.tileMatrixSets': { kind: 'public' },
  // Coverage figures and places.
  'coverage.summary': { kind: 'aggregate' },
  'coverage.trend': { kind: 'aggregate' },
  'coverage.warnings': { kind: 'aggregate' },
  'coverage.settings': { kind: 'aggregate' },
  // Buildings and workers by walking band, an area's or a station's: counts only.
  'coverage.bands': { kind: 'aggregate' },
  // Enterprises counted per hexagon (at least ~75 m across): figures, like a building's enterprise count.
  density: { kind: 'aggregate' },
  'coverage.gaps': { kind: 'aggregate', fields: { 'gaps[].reasons': 'enterprise' } },
  // 一楼一档: the building's figures for every internal reader, its enterprises, organisations and people for staff.
  'coverage.building': {
    kind: 'aggregate',
    fields: { enterprises: 'enterprise', organisations: 'enterprise', instructors: 'personal', 'building.propertyManager': 'enterprise' },
  },
  'wall.summary': { kind: 'aggregate', fields: { 'topGaps[].reasons': 'enterprise' } },
  'wall.tour': { kind: 'aggregate' },
  events: { kind: 'aggregate' },
  'ogc.collections': { kind: 'aggregate' },
  'ogc.districts': { kind: 'aggregate' },
  'ogc.streets': { kind: 'aggregate' },
  'ogc.grids': { kind: 'aggregate' },
  'ogc.business-districts': { kind: 'aggregate' },
  // A building's property manager is an enterprise, named.
  'ogc.buildings': { kind: 'aggregate', fields: { 'features[].properties.propertyManager': 'enterprise' } },
  // A station's phone is a person's number: the publication guard treats it as private too.
  'ogc.stations': { kind: 'aggregate', fields: { 'features[].properties.phone': 'personal' } },
  'ogc.activities': { kind: 'aggregate' },
  // A station's public details and photo (the internal profile); its internal phone is a person's.
  stations: { kind: 'aggregate', fields: { 'stations[].phone': 'personal' } },
  'stations.photo': { kind: 'aggregate' },
  'ogc.roads': { kind: 'aggregate' },
  'ogc.water': { kind: 'aggregate' },
  // Alliances are agreements between named enterprises and organisations: their names are the members'.
  'ogc.alliances': { kind: 'enterprise' },
  'ogc.enterprises': { kind: 'enterprise', fields: ENTERPRISE_RECORD },
  // Per-enterprise and bulk reads: people at work, never a wall whose token sits in a URL.
  search: { kind: 'enterprise' },
  export: { kind: 'enterprise', fields: ENTERPRISE_RECORD },
  grids: { kind: 'enterprise' },
  // Administration.
  users: { kind: 'account' },
  tokens: { kind: 'account' },
  import: { kind: 'account' },
  publications: { kind: 'account' },
} as const satisfies Record<string, ResourceAccess>;

export type Resource = keyof typeof RESOURCES;

export function readerOf(p: Principal | null | undefined): Reader {
  return p ? p.role : 'anonymous';
}

export function mayRead(reader: Reader, kind: Kind): boolean {
  return MAY_READ[kind].includes(reader);
}

/** The access entry of a resource (an OGC collection is `ogc.<id>`; an unknown one is treated as per-enterprise). */
export function accessOf(resource: string): ResourceAccess {
  return (RESOURCES as Record<string, ResourceAccess>)[resource] ?? { kind: 'enterprise' };
}

/** 401 for an anonymous caller, 403 for a signed-in one, when the reader may not ask for the resource at all. */
export function assertMayRead(c: Context<AppEnv>, resource: string): void {
  const reader = readerOf(c.get('principal'));
  const { kind } = accessOf(resource);
  if (mayRead(reader, kind)) return;
  if (reader === 'anonymous') throw unauthorized();
  throw forbidden(`Your role cannot read ${resource}`);
}

export function guard(resource: Resource): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    assertMayRead(c, resource);
    return next();
  };
}

/** Fields of the resource the reader may not read: paths from its table entry. */
export function withheldFields(resource: string, reader: Reader): string[] {
  return Object.entries(accessOf(resource).fields ?? {})
    .filter(([, kind]) => !mayRead(reader, kind))
    .map(([path]) => path);
}

function strip(value: unknown, steps: string[]): void {
  const [step, ...rest] = steps;
  if (step === undefined || value === null || typeof value !== 'object') return;
  const many = step.endsWith('[]');
  const key = many ? step.slice(0, -2) : step;
  const obj = value as Record<string, unknown>;
  if (!(key in obj)) return;
  if (rest.length === 0 && !many) {
    if (Array.isArray(obj[key])) obj[key] = [];
    else delete obj[key];
    return;
  }
  if (rest.length === 0) {
    obj[key] = [];
    return;
  }
  if (many) {
    if (Array.isArray(obj[key])) for (const item of obj[key] as unknown[]) strip(item, rest);
  } else strip(obj[key], rest);
}

/** The body with every field the reader may not read taken out (mutates and returns it). */
export function redact<T>(resource: string, reader: Reader, body: T): T {
  for (const path of withheldFields(resource, reader)) strip(body, path.split('.'));
  return body;
}

/** redact() for the caller of a request. */
export function redactFor<T>(c: Context<AppEnv>, resource: string, body: T): T {
  return redact(resource, readerOf(c.get('principal')), body);
}
