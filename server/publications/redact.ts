// Redaction: turns the internal facts of a publication into what the public may see, and lists
// every kind of field it withheld. Pure (no I/O): the same facts and options give the same snapshot.
//
// Rules (docs/adr/0007-publications.md):
// - never: person names (secretaries, instructors, organisers), phones, ID numbers, enterprises (names
//   or per-enterprise rows), organisation names, building-level figures, county-level boundaries;
// - counts only per grid, business district and the whole scope; a count below minCount is withheld,
//   and so is every rate whose numerator or denominator is withheld; when a street has exactly one
//   withheld grid count, the next-smallest is withheld too, so the scope total cannot give it away;
// - stations: public fields only (no phone, area, reach, opening date), members-only stations left out;
// - free text (station names, addresses, building names, floors, hours, services, activity titles, area
//   names, the publication's texts) that contains a known private term (person, organisation, alliance
//   member and enterprise names, phones, USCC codes) or a phone/ID number is replaced by a neutral
//   fallback, after normalising width, spacing and separators (private-text.ts).
import { ratesOf } from '../domain/coverage/rates.js';
import { isWeeklyHours, weeklyFromText } from '../domain/opening-hours.js';
import { serviceCodesOf } from '../domain/vocabulary/services.js';
import { shiftedPositions } from './nav-coords.js';
import { isInstitutionalPhone, nfkc, privateTermMatcher, textScrubber } from './private-text.js';
import type {
  AreaCounts,
  InternalArea,
  InternalFacts,
  PublicArea,
  PublicationConfig,
  PublicSnapshot,
  PublicStation,
  PublicStats,
  RedactedField,
  RedactionResult,
} from './types.js';

const COORD_DECIMALS = 6;
const round = (v: number, d = COORD_DECIMALS) => Math.round(v * 10 ** d) / 10 ** d;

function roundRing<T>(g: T): T {
  if (typeof g === 'number') return round(g) as T;
  if (Array.isArray(g)) return g.map(roundRing) as T;
  return g;
}

function geometryOf<G extends { type: string; coordinates: unknown }>(g: G): G {
  return { type: g.type, coordinates: roundRing(g.coordinates) } as G;
}

// ---------------------------------------------------------------------------------------------
// Free text. People type numbers in every grouping ("138-1234-5678", "(021)6234 5678", "+86 138…",
// full-width digits) and names with stray spaces or punctuation, so text is normalised before it is
// compared: NFKC (full-width → ASCII), invisible format characters dropped, and then
// - for private terms: lower case, without spaces, punctuation or symbols (terms are normalised alike);
// - for numbers: dates, year ranges and clock times are set aside first, then the separators people
//   put inside phone numbers are removed, and every run of 7 or more digits left is withheld. That
//   covers mobiles ((+)86 and 1[3-9] + 9 digits), landlines with an area code (0 + 2–3 + 7–8 digits),
//   bare 7–8 digit local numbers and 18-character ID numbers, however they were grouped. A run of at
//   most 8 digits directly followed by 号/弄/室/楼… is a house number range ("1266-1268号"), not a phone.

class Tally {
  private readonly counts = new Map<string, RedactedField>();
  add(field: string, reason: string, count = 1): void {
    if (count <= 0) return;
    const key = `${field}\u0000${reason}`;
    const e = this.counts.get(key) ?? { field, reason, count: 0 };
    e.count += count;
    this.counts.set(key, e);
  }
  list(): RedactedField[] {
    return [...this.counts.values()];
  }
}

const pct = (num: number, den: number): number | null => (den > 0 ? Math.round((num / den) * 100) : null);

/** Public figures of one area, with small counts withheld; `hidden` names counts withheld by the secondary rule. */
export function areaStats(c: AreaCounts, minCount: number, hidden: Set<'enterprises' | 'organisations'> = new Set()): { stats: PublicStats; suppressed: string[] } {
  const suppressed: string[] = [];
  const ok = (n: number) => n >= minCount;
  const entOk = ok(c.enterprises) && !hidden.has('enterprises');
  if (!entOk) suppressed.push('enterprises');
  const orgOk = ok(c.organisations) && !hidden.has('organisations');
  if (!orgOk) suppressed.push('organisations');
  // The official formulas (numerator and denominator) come from the coverage domain, defined once there.
  const official = ratesOf({ ...c, partyMembers: 0 });
  // A rate is published only when its denominator and numerator could both be published as counts.
  const rate = (name: 'partyOrg' | 'work' | 'union') => {
    const { numerator, denominator } = official[name];
    if (!ok(c.enterprises) || !ok(numerator)) {
      if (denominator > 0) suppressed.push(`rates.${name}`);
      return null;
    }
    return pct(numerator, denominator);
  };
  if (!ok(c.enterprises) && c.employees > 0) suppressed.push('rates.workersServed');
  const stats: PublicStats = {
    enterprises: entOk ? c.enterprises : null,
    organisations: orgOk ? c.organisations : null,
    rates: {
      partyOrg: rate('partyOrg'),
      work: rate('work'),
      union: rate('union'),
      // Employees are many even in a small area, but the share still describes its few enterprises:
      // published only where the enterprise count is.
      workersServed: ok(c.enterprises) ? pct(official.workersServed.numerator, official.workersServed.denominator) : null,
    },
  };
  return { stats, suppressed };
}

/**
 * Secondary suppression: within one street, if exactly one grid has a count withheld, the scope total
 * minus the published grids would reveal it; withhold the smallest other published one too.
 */
export function secondarySuppression(grids: InternalArea[], minCount: number): Map<number, Set<'enterprises' | 'organisations'>> {
  const hidden = new Map<number, Set<'enterprises' | 'organisations'>>();
  const byStreet = new Map<string, InternalArea[]>();
  for (const g of grids) byStreet.set(g.streetCode, [...(byStreet.get(g.streetCode) ?? []), g]);
  for (const list of byStreet.values()) {
    for (const key of ['enterprises', 'organisations'] as const) {
      const small = list.filter((g) => g.counts[key] < minCount);
      if (small.length !== 1) continue;
      const next = list.filter((g) => g.counts[key] >= minCount).sort((a, b) => a.counts[key] - b.counts[key] || a.id - b.id)[0];
      if (!next) continue;
      hidden.set(next.id, new Set([...(hidden.get(next.id) ?? []), key]));
    }
  }
  return hidden;
}

function bboxOf(facts: InternalFacts): [number, number, number, number] {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [x, y] = c as [number, number];
      w = Math.min(w, x); e = Math.max(e, x); s = Math.min(s, y); n = Math.max(n, y);
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  facts.streets.forEach((st) => visit(st.geometry.coordinates));
  facts.stations.forEach((st) => visit([st.lon, st.lat]));
  if (!Number.isFinite(w)) return [0, 0, 0, 0];
  return [round(w), round(s), round(e), round(n)];
}

/** Where a published photo sits beside the page: named by its content, so a version keeps its own photo. */
export const photoPath = (sha256: string): string => `photos/${sha256}.jpg`;

/** The public phone of a station as published: an institution's number that is none of the store's private ones; else null. */
function publicPhone(text: string | null, isPrivate: (t: string) => boolean): string | null {
  if (text == null || !isInstitutionalPhone(text) || isPrivate(text)) return null;
  return nfkc(text).trim();
}

export function redact(facts: InternalFacts, config: PublicationConfig): RedactionResult {
  const { minCount, stationAudiences, activityDays } = config.redaction;
  const { layers } = config;
  const tally = new Tally();
  const scrub = textScrubber(facts.privateTerms);
  const isPrivate = privateTermMatcher(facts.privateTerms);
  /** Scrubs one text and counts it in the preview when it is withheld. */
  const scrubbed = (field: string, value: string | null): string | null => {
    const clean = scrub(value);
    if (value != null && clean === null) tally.add(field, 'contains a private name or number', 1);
    return clean;
  };

  // Whole classes of private rows: listed so the reviewer sees what exists and stays out.
  const p = facts.privateRows;
  tally.add('enterprises.*', 'per-enterprise records (names, USCC codes, staff, members) are never published', p.enterprises);
  tally.add('organisations.secretary_name', 'person name', p.organisationsWithSecretary);
  tally.add('organisations.contact_phone', 'phone number', p.organisationsWithPhone);
  tally.add('instructors.name', 'person name', p.instructors);
  tally.add('instructors.phone', 'phone number', p.instructorsWithPhone);
  tally.add('buildings.coverage', 'building-level figures describe a few enterprises; only grid and business-district aggregates are published', p.buildings);
  tally.add('districts.geom', 'county-level and higher boundaries are never drawn from our own data in anything published', 1);

  const withStats = layers.coverage;
  const hidden = secondarySuppression(facts.grids, minCount);
  const publicArea = (a: InternalArea, level: 'grids' | 'businessDistricts'): PublicArea => {
    let stats: PublicStats | null = null;
    if (withStats) {
      const r = areaStats(a.counts, minCount, level === 'grids' ? hidden.get(a.id) : undefined);
      stats = r.stats;
      for (const s of r.suppressed) tally.add(`${level}.${s}`, `small count (< ${minCount}) or derived from one`, 1);
    }
    const name = scrub(a.name);
    if (name === null) tally.add(`${level}.name`, 'contains a private name or number', 1);
    return {
      id: String(a.id),
      name: name ?? `#${a.id}`,
      nameEn: a.nameEn ? scrubbed(`${level}.name_en`, a.nameEn) : null,
      streetCode: a.streetCode,
      geometry: geometryOf(a.geometry),
      stats,
    };
  };

  const grids = layers.grids ? facts.grids.map((g) => publicArea(g, 'grids')) : [];
  const businessDistricts = layers.businessDistricts ? facts.businessDistricts.map((b) => publicArea(b, 'businessDistricts')) : [];
  let totals: PublicStats | null = null;
  if (withStats) {
    const r = areaStats(facts.totals, minCount);
    totals = r.stats;
    for (const s of r.suppressed) tally.add(`totals.${s}`, `small count (< ${minCount}) or derived from one`, 1);
  }

  const until = addDays(facts.asOf, activityDays);
  const stations: PublicStation[] = [];
  if (layers.stations) {
    for (const s of facts.stations) {
      if (s.phone) tally.add('stations.phone', 'the internal contact number is not published (stations.public_phone is the public line)', 1);
      tally.add('stations.area_m2, reach_m, opened_on', 'internal planning fields', 1);
      if (!stationAudiences.includes(s.openTo) || s.openTo === 'members') {
        tally.add(`stations[open_to=${s.openTo}]`, s.openTo === 'members' ? 'open to members only' : 'audience not included by this publication', 1);
        continue;
      }
      const name = scrub(s.name);
      if (name === null) tally.add('stations.name', 'contains a private name or number', 1);
      const given = s.address ?? s.buildingAddress;
      const address = scrub(given);
      if (given && address === null) tally.add('stations.address', 'contains a private name or number', 1);
      const phone = publicPhone(s.publicPhone, isPrivate);
      if (s.publicPhone && phone === null) tally.add('stations.public_phone', 'not a landline or service line of an institution, or a private number', 1);
      const buildingName = scrub(s.buildingName);
      if (s.buildingName && buildingName === null) tally.add('stations.building_name', 'contains a private name or number', 1);
      const activities =
        layers.activities && s.openTo === 'public'
          ? facts.activities
              .filter((a) => a.stationId === s.id && a.heldAt.slice(0, 10) >= facts.asOf && a.heldAt.slice(0, 10) <= until)
              .sort((a, b) => a.heldAt.localeCompare(b.heldAt))
              .map((a) => {
                if (a.organiserName) tally.add('activities.organiser', 'organiser organisations and people are not published', 1);
                tally.add('activities.participants', 'attendance figures are internal', 1);
                const title = scrub(a.title);
                if (title === null) tally.add('activities.title', 'contains a private name or number', 1);
                const signup = scrub(a.signupNote);
                if (a.signupNote && signup === null) tally.add('activities.signup_note', 'contains a private name or number', 1);
                return { title, type: a.type, heldAt: a.heldAt, signup };
              })
          : [];
      if (layers.activities && s.openTo !== 'public') {
        const n = facts.activities.filter((a) => a.stationId === s.id).length;
        tally.add('activities[station not open to the public]', 'activities at stations not open to the public', n);
      }
      stations.push({
        id: String(s.id),
        name: name ?? s.type,
        type: s.type,
        alsoTypes: s.alsoTypes,
        buildingName,
        address,
        floor: scrubbed('stations.floor', s.floor),
        hours: scrubbed('stations.hours', s.hours),
        // The controlled list's codes only: free-text tags are mapped, never published as typed.
        services: serviceCodesOf(s.services.map((x) => scrubbed('stations.services', x)).filter((x): x is string => x !== null)),
        openTo: s.openTo === 'public' ? 'public' : 'building',
        lon: round(s.lon),
        lat: round(s.lat),
        activities,
        week: s.hoursWeek && isWeeklyHours(s.hoursWeek) ? s.hoursWeek : weeklyFromText(scrub(s.hours)),
        phone,
        accessibility: scrubbed('stations.accessibility', s.accessibility),
        photo: s.photo ? { src: photoPath(s.photo.sha256), thumb: photoPath(s.photo.thumbSha256), width: s.photo.width, height: s.photo.height } : null,
        ...shiftedPositions(round(s.lon), round(s.lat)),
      });
    }
  }

  const text = (field: string, value: string): string => {
    const clean = scrub(value);
    if (clean === null) tally.add(`texts.${field}`, 'contains a private name or number', 1);
    return clean ?? '';
  };
  const snapshot: PublicSnapshot = {
    format: 'pbmap-publication/1',
    slug: facts.slug,
    title: scrubbed('title', facts.title) ?? facts.slug,
    scope: facts.scope,
    asOf: facts.asOf,
    version: null,
    publishedAt: null,
    texts: {
      intro: text('intro', config.texts.intro),
      dataSource: text('dataSource', config.texts.dataSource),
      approvalNumber: text('approvalNumber', config.texts.approvalNumber),
    },
    layers,
    minCount,
    bbox: bboxOf(facts),
    streets: facts.streets.map((s) => ({ code: s.code, name: s.name, nameEn: s.nameEn, geometry: geometryOf(s.geometry) })),
    roads: facts.roads.map((r) => ({ name: scrub(r.name) ?? '', class: r.class, barrier: r.barrier, geometry: geometryOf(r.geometry) })),
    water: facts.water.map((w) => ({ name: scrub(w.name) ?? '', kind: w.kind, geometry: geometryOf(w.geometry) })),
    grids,
    businessDistricts,
    stations,
    totals,
  };
  return { public: snapshot, redacted: tally.list() };
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
