// The demo data's private strings and a scanner for them, shared by the API and browser tests of
// publications. Enterprise names shorter than MIN_ENTERPRISE_TERM are left out: they are substrings of
// street and building names (the test counts them so the exclusion stays small). Organisation and
// alliance member names are never published (ADR 0007): those of MIN_ENTERPRISE_TERM characters or more
// are scanned for too.
import { sql } from 'drizzle-orm';
import { rows } from '../../server/db/store.js';
import { MIN_ENTERPRISE_TERM } from '../../server/publications/gather.js';
import type { TestStore } from '../helpers/stores.js';

export interface PrivateStrings {
  people: string[];
  phones: string[];
  enterprises: string[];
  shortEnterprises: number;
  /** Organisation and alliance member names (at least MIN_ENTERPRISE_TERM characters). */
  organisations: string[];
}

export async function privateStrings(t: TestStore): Promise<PrivateStrings> {
  return t.store.read(async (db) => {
    const people = await rows<{ s: string }>(db, sql`SELECT secretary_name AS s FROM organisations WHERE secretary_name IS NOT NULL UNION SELECT name FROM instructors`);
    const phones = await rows<{ s: string }>(db, sql`SELECT contact_phone AS s FROM organisations WHERE contact_phone IS NOT NULL UNION SELECT phone FROM instructors WHERE phone IS NOT NULL UNION SELECT phone FROM stations WHERE phone IS NOT NULL`);
    const ents = await rows<{ s: string }>(db, sql`SELECT name AS s FROM enterprises`);
    const orgs = await rows<{ s: string }>(db, sql`SELECT name AS s FROM organisations UNION SELECT name FROM alliance_members`);
    return {
      people: people.map((r) => r.s),
      phones: phones.map((r) => r.s),
      enterprises: ents.map((r) => r.s).filter((s) => s.length >= MIN_ENTERPRISE_TERM),
      shortEnterprises: ents.filter((r) => r.s.length < MIN_ENTERPRISE_TERM).length,
      organisations: orgs.map((r) => r.s).filter((s) => s.length >= MIN_ENTERPRISE_TERM),
    };
  });
}

/** Every private string found in a text, with the kind of string. */
export function leaks(text: string, p: PrivateStrings): string[] {
  const found: string[] = [];
  for (const s of p.people) if (text.includes(s)) found.push(`person:${s}`);
  for (const s of p.phones) if (text.includes(s)) found.push(`phone:${s}`);
  for (const s of p.enterprises) if (text.includes(s)) found.push(`enterprise:${s}`);
  for (const s of p.organisations) if (text.includes(s)) found.push(`organisation:${s}`);
  // Mobiles however grouped or written (full-width digits, +86, spaces or dashes between the groups).
  if (/(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)/.test(text.normalize('NFKC'))) found.push('phone-pattern');
  return found;
}

/** The demo's activities are all in the past: add upcoming ones (with an organiser) at the street's public stations. */
export async function addUpcomingActivities(t: TestStore, streetCode: string): Promise<void> {
  await t.store.write((tx) => tx.execute(sql`
    INSERT INTO activities (title, type, street_code, organiser_id, station_id, building_id, held_at, participants, geom, source)
    SELECT x.title, x.type, s.street_code, (SELECT min(id) FROM organisations WHERE street_code = s.street_code), s.id, s.building_id,
           timestamptz '2026-06-30 12:00:00+08' + (x.days || ' days')::interval, 30, s.geom, 'test'
    FROM stations s CROSS JOIN (VALUES ('午间微党课：党章学习', 'training', 3), ('白领健康跑', 'wellbeing', 10)) AS x(title, type, days)
    WHERE s.street_code = ${streetCode} AND s.open_to = 'public'`));
}
