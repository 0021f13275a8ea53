// The demo data's private strings and a scanner for them, shared by the API and browser tests of
// publications. The strings are read by the same query the publish-time leak guard uses
// (gather.readPrivateStrings) and filtered by the same rules (leak-guard.scannedStrings): enterprise,
// organisation and alliance member names shorter than MIN_NAME_LENGTH are left out — they are
// substrings of street and building names (the test counts them so the exclusion stays small).
// leaks() scans whole files (HTML, scripts, JSON) for the strings as stored, plus any mobile-number
// pattern; the guard's own per-field, normalised scan (scanSnapshot) is run on the snapshot JSON too.
import { sql } from 'drizzle-orm';
import { readPrivateStrings } from '../../server/publications/gather.js';
import { MIN_NAME_LENGTH, scannedStrings, type PrivateKind, type PrivateStrings as StoreStrings } from '../../server/publications/leak-guard.js';
import type { TestStore } from '../helpers/stores.js';

export interface PrivateStrings {
  /** Everything the guard reads from the store. */
  store: StoreStrings;
  /** What is scanned for, by kind (names of at least MIN_NAME_LENGTH characters). */
  scanned: { kind: PrivateKind; value: string }[];
  people: string[];
  phones: string[];
  enterprises: string[];
  shortEnterprises: number;
  /** Organisation and alliance member names (at least MIN_NAME_LENGTH characters). */
  organisations: string[];
}

export async function privateStrings(t: TestStore): Promise<PrivateStrings> {
  const store = await t.store.read(readPrivateStrings);
  const scanned = scannedStrings(store);
  const of = (...kinds: PrivateKind[]) => scanned.filter((s) => kinds.includes(s.kind)).map((s) => s.value);
  return {
    store,
    scanned,
    people: of('person_name'),
    phones: of('phone'),
    enterprises: of('enterprise_name'),
    shortEnterprises: store.enterprises.filter((s) => s.length < MIN_NAME_LENGTH).length,
    organisations: of('organisation_name', 'alliance_member_name'),
  };
}

/** Every private string found in a text, with the kind of string. */
export function leaks(text: string, p: PrivateStrings): string[] {
  const found: string[] = [];
  for (const s of p.scanned) if (text.includes(s.value)) found.push(`${s.kind}:${s.value}`);
  // Mobiles however grouped or written (full-width digits, +86, spaces or dashes between the groups).
  if (/(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)/.test(text.normalize('NFKC'))) found.push('phone-pattern');
  return found;
}

/** Upcoming activities with an organiser (whose name must stay out) at the street's public stations. */
export async function addUpcomingActivities(t: TestStore, streetCode: string): Promise<void> {
  await t.store.write((tx) => tx.execute(sql`
    INSERT INTO activities (title, type, street_code, organiser_id, station_id, building_id, held_at, participants, geom, source)
    SELECT x.title, x.type, s.street_code, (SELECT min(id) FROM organisations WHERE street_code = s.street_code), s.id, s.building_id,
           timestamptz '2026-06-30 12:00:00+08' + (x.days || ' days')::interval, 30, s.geom, 'test'
    FROM stations s CROSS JOIN (VALUES ('午间微党课：党章学习', 'training', 3), ('白领健康跑', 'wellbeing', 10)) AS x(title, type, days)
    WHERE s.street_code = ${streetCode} AND s.open_to = 'public'`));
}
