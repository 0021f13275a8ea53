import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ACTIVITY_TYPES, ACTIVITY_TYPE_TERMS, ALLIANCE_KINDS, ALLIANCE_KIND_TERMS, BUILDING_KINDS, BUILDING_KIND_TERMS, OPEN_TO, OPEN_TO_TERMS,
  ORG_KINDS, ORG_KIND_TERMS, OWNERSHIPS, OWNERSHIP_TERMS, ROAD_CLASSES, ROAD_CLASS_TERMS, STATION_TYPES, STATION_TYPE_TERMS,
  WATER_KINDS, WATER_KIND_TERMS, type Term,
} from './index.js';

const MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), '../../db/migrations');

/** Every `column text … CHECK (column IN ('a', 'b', …))` of every CREATE TABLE, as table.column → codes, in migration order. */
function checkLists(): Map<string, string[]> {
  const lists = new Map<string, string[]>();
  for (const file of readdirSync(MIGRATIONS).filter((f) => f.endsWith('.sql')).sort()) {
    const sqlText = readFileSync(join(MIGRATIONS, file), 'utf8');
    for (const table of sqlText.matchAll(/CREATE TABLE (\w+) \(([\s\S]*?)\n\);/g)) {
      for (const col of (table[2] as string).matchAll(/\n\s+(\w+) text[^,]*?CHECK \((\w+) IN \(([^)]*)\)\)/g)) {
        if (col[1] !== col[2]) continue;
        lists.set(`${table[1]}.${col[1]}`, [...(col[3] as string).matchAll(/'([^']*)'/g)].map((m) => m[1] as string));
      }
    }
    // A later migration that changes one of these lists must be read here too: refuse to guess.
    if (file > '0001' && /ALTER TABLE \w+ (?:ADD|DROP) CONSTRAINT[^;]*\b(type|kind|ownership|open_to)\b/i.test(sqlText)) {
      throw new Error(`${file} changes a controlled list's CHECK: teach this test to read it`);
    }
  }
  return lists;
}

const CASES: [string, readonly string[], Readonly<Record<string, Term>>][] = [
  ['stations.type', STATION_TYPES, STATION_TYPE_TERMS],
  ['stations.open_to', OPEN_TO, OPEN_TO_TERMS],
  ['organisations.kind', ORG_KINDS, ORG_KIND_TERMS],
  ['buildings.kind', BUILDING_KINDS, BUILDING_KIND_TERMS],
  ['enterprises.ownership', OWNERSHIPS, OWNERSHIP_TERMS],
  ['alliances.kind', ALLIANCE_KINDS, ALLIANCE_KIND_TERMS],
  ['activities.type', ACTIVITY_TYPES, ACTIVITY_TYPE_TERMS],
  ['roads.class', ROAD_CLASSES, ROAD_CLASS_TERMS],
  ['water.kind', WATER_KINDS, WATER_KIND_TERMS],
];

describe('the vocabulary', () => {
  const lists = checkLists();

  it.each(CASES)('%s: the codes are exactly those the database CHECK allows, in the same order', (column, codes) => {
    expect(lists.get(column), `no CHECK list found for ${column}`).toBeDefined();
    expect([...codes]).toEqual(lists.get(column));
  });

  it.each(CASES)('%s: every code has a Chinese and an English name, each name used once', (_column, codes, terms) => {
    expect(Object.keys(terms).sort()).toEqual([...codes].sort());
    for (const lang of ['zh', 'en'] as const) {
      const names = codes.map((c) => terms[c]?.[lang] ?? '');
      expect(names.every((n) => n.trim().length > 0)).toBe(true);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it('gives every station type a distinct colour and glyph, a reach the reach setting accepts, and services', () => {
    const terms = STATION_TYPES.map((t) => STATION_TYPE_TERMS[t]);
    expect(terms.every((t) => /^#[0-9a-f]{6}$/.test(t.colour))).toBe(true);
    expect(new Set(terms.map((t) => t.colour)).size).toBe(terms.length);
    expect(terms.every((t) => [...t.glyph].length === 1)).toBe(true);
    expect(new Set(terms.map((t) => t.glyph)).size).toBe(terms.length);
    expect(terms.every((t) => Number.isInteger(t.reachM) && t.reachM >= 50 && t.reachM <= 5000)).toBe(true);
    expect(terms.every((t) => t.services.length > 0)).toBe(true);
  });

  it('gives every alliance kind a distinct colour', () => {
    const colours = ALLIANCE_KINDS.map((k) => ALLIANCE_KIND_TERMS[k].colour);
    expect(colours.every((c) => /^#[0-9a-f]{6}$/.test(c))).toBe(true);
    expect(new Set(colours).size).toBe(colours.length);
  });

  it('counts party and union coverage by the organisation kinds of those families', () => {
    expect(ORG_KINDS.filter((k) => ORG_KIND_TERMS[k].family === 'party')).toEqual(['party_committee', 'party_general_branch', 'party_branch', 'joint_party_branch']);
    expect(ORG_KINDS.filter((k) => ORG_KIND_TERMS[k].family === 'union')).toEqual(['union', 'joint_union', 'building_union_federation']);
  });
});
