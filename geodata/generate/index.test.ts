import { describe, it, expect } from 'vitest';
import { buildDemoTerritory, DEMO_SEED, type DemoDataset } from './index.js';
import { isValidUscc } from '../../server/domain/uscc.js';

const TODAY = new Date('2026-06-30');
const data = buildDemoTerritory({ today: TODAY });

const ids = (rows: { id?: number | null }[]): Set<number> => new Set(rows.map((r) => r.id as number));
/** The UTC calendar date of an RFC 3339 date-time (heldAt carries +08:00). */
const utcDate = (dateTime: string): string => new Date(dateTime).toISOString().slice(0, 10);

describe('buildDemoTerritory: determinism', () => {
  it('the same seed and date give deep-equal datasets', () => {
    const again = buildDemoTerritory({ today: new Date('2026-06-30') });
    expect(again).toEqual(data);
    expect(JSON.stringify(again)).toBe(JSON.stringify(data));
  });

  it('uses DEMO_SEED by default', () => {
    expect(buildDemoTerritory({ seed: DEMO_SEED, today: TODAY })).toEqual(data);
  });

  it('only the date of today matters, not the time of day', () => {
    expect(buildDemoTerritory({ today: new Date('2026-06-30T23:59:59Z') })).toEqual(data);
  });

  it('another seed gives another territory', () => {
    const other = buildDemoTerritory({ seed: DEMO_SEED + 1, today: TODAY });
    expect(other).not.toEqual(data);
  });

  it('records the date it is anchored to', () => {
    expect(data.today).toBe('2026-06-30');
  });
});

describe('buildDemoTerritory: size', () => {
  it('has at least 150 buildings, 1500 enterprises and 25 stations', () => {
    expect(data.buildings.length).toBeGreaterThanOrEqual(150);
    expect(data.enterprises.length).toBeGreaterThanOrEqual(1_500);
    expect(data.stations.length).toBeGreaterThanOrEqual(25);
  });

  it('has districts, streets, grids, organisations, coverage, activities and alliances', () => {
    for (const k of ['districts', 'streets', 'grids', 'businessDistricts', 'organisations', 'organisationCoverage', 'instructors', 'activities', 'alliances', 'allianceMembers'] as const) {
      expect(data[k].length, k).toBeGreaterThan(0);
    }
  });
});

describe('buildDemoTerritory: ids and references', () => {
  const tables = ['grids', 'businessDistricts', 'buildings', 'enterprises', 'organisations', 'instructors', 'stations', 'activities', 'alliances', 'allianceMembers'] as const;

  it.each(tables)('%s ids are unique positive integers', (table) => {
    const rows = data[table] as { id?: number | null }[];
    const set = ids(rows);
    expect(set.size).toBe(rows.length);
    for (const id of set) expect(Number.isInteger(id) && id > 0).toBe(true);
  });

  it("every enterprise's buildingId exists, and its grid and street match the building", () => {
    const buildings = new Map(data.buildings.map((b) => [b.id as number, b]));
    for (const e of data.enterprises) {
      const b = buildings.get(e.buildingId);
      expect(b, `enterprise ${e.id} → building ${e.buildingId}`).toBeDefined();
      expect(e.gridId).toBe(b?.gridId);
      expect(e.streetCode).toBe(b?.streetCode);
    }
  });

  it('every enterprise has a valid, unique USCC', () => {
    for (const e of data.enterprises) expect(isValidUscc(e.uscc), e.uscc).toBe(true);
    expect(new Set(data.enterprises.map((e) => e.uscc)).size).toBe(data.enterprises.length);
  });

  it('every grid belongs to a street, every street to a district, every building to a grid', () => {
    const streets = new Set(data.streets.map((s) => s.code));
    const districts = new Set(data.districts.map((d) => d.code));
    const grids = ids(data.grids);
    for (const s of data.streets) expect(districts.has(s.districtCode), s.code).toBe(true);
    for (const g of data.grids) expect(streets.has(g.streetCode), g.code).toBe(true);
    for (const b of data.buildings) expect(grids.has(b.gridId as number), b.name).toBe(true);
  });

  it('every organisation_coverage row references an existing organisation and enterprise', () => {
    const orgs = ids(data.organisations);
    const enterprises = ids(data.enterprises);
    for (const c of data.organisationCoverage) {
      expect(orgs.has(c.organisationId), `organisation ${c.organisationId}`).toBe(true);
      expect(enterprises.has(c.enterpriseId), `enterprise ${c.enterpriseId}`).toBe(true);
    }
  });

  it('coverage since ≤ until where until is set, and (organisation, enterprise) pairs are unique', () => {
    let bounded = 0;
    for (const c of data.organisationCoverage) {
      expect(c.since).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (c.until != null) {
        bounded++;
        expect(c.since <= c.until, `${c.organisationId}/${c.enterpriseId}: ${c.since} > ${c.until}`).toBe(true);
      }
    }
    expect(bounded).toBeGreaterThan(0); // the check above is not vacuous
    const pairs = new Set(data.organisationCoverage.map((c) => `${c.organisationId}:${c.enterpriseId}`));
    expect(pairs.size).toBe(data.organisationCoverage.length);
  });

  it('coverage never starts before the enterprise registered', () => {
    const enterprises = new Map(data.enterprises.map((e) => [e.id, e]));
    for (const c of data.organisationCoverage) {
      const e = enterprises.get(c.enterpriseId);
      expect(c.since >= (e?.registeredOn ?? ''), `${c.organisationId}/${c.enterpriseId}`).toBe(true);
    }
  });

  it('no organisation was founded after it was dissolved, or after today', () => {
    let dissolved = 0;
    for (const o of data.organisations) {
      expect(o.foundedOn <= data.today, `${o.name} founded ${o.foundedOn}`).toBe(true);
      if (o.dissolvedOn != null) {
        dissolved++;
        expect(o.foundedOn <= o.dissolvedOn, `${o.name}: ${o.foundedOn} > ${o.dissolvedOn}`).toBe(true);
      }
    }
    expect(dissolved).toBeGreaterThan(0);
  });

  it('no enterprise closed before it registered', () => {
    for (const e of data.enterprises) {
      if (e.deregisteredOn) expect(e.registeredOn <= e.deregisteredOn, `enterprise ${e.id}`).toBe(true);
    }
  });

  it('instructor assignments reference existing instructors and enterprises', () => {
    const instructors = ids(data.instructors);
    const enterprises = ids(data.enterprises);
    for (const a of data.instructorAssignments) {
      expect(instructors.has(a.instructorId)).toBe(true);
      expect(enterprises.has(a.enterpriseId)).toBe(true);
    }
  });

  it('stations, activities and alliance members point at existing rows', () => {
    const buildings = ids(data.buildings);
    const stations = ids(data.stations);
    const orgs = ids(data.organisations);
    const alliances = ids(data.alliances);
    for (const s of data.stations) if (s.buildingId != null) expect(buildings.has(s.buildingId)).toBe(true);
    for (const a of data.activities) {
      if (a.stationId != null) expect(stations.has(a.stationId)).toBe(true);
      if (a.buildingId != null) expect(buildings.has(a.buildingId)).toBe(true);
    }
    for (const m of data.allianceMembers) {
      expect(alliances.has(m.allianceId)).toBe(true);
      if (m.organisationId != null) expect(orgs.has(m.organisationId)).toBe(true);
      if (m.buildingId != null) expect(buildings.has(m.buildingId)).toBe(true);
      if (m.stationId != null) expect(stations.has(m.stationId)).toBe(true);
    }
  });
});

describe('buildDemoTerritory: activities', () => {
  it('cover each of the 12 months before 2026-06-30', () => {
    const yearAgo = '2025-06-30';
    const months = new Set(
      data.activities.map((a) => utcDate(a.heldAt as string)).filter((d) => d >= yearAgo && d < data.today).map((d) => d.slice(0, 7)),
    );
    const expected = Array.from({ length: 12 }, (_, k) => new Date(Date.UTC(2025, 6 + k, 1)).toISOString().slice(0, 7));
    expect(expected[0]).toBe('2025-07');
    expect(expected[11]).toBe('2026-06');
    for (const m of expected) expect(months.has(m), m).toBe(true);
  });

  it('the history is held by today; what lies ahead is planned within 60 days at public stations, with a signup note', () => {
    const end = Date.parse('2026-07-01T00:00:00+08:00');
    const ahead = data.activities.filter((a) => Date.parse(a.heldAt as string) >= end);
    for (const a of data.activities.filter((x) => !x.signupNote)) expect(Date.parse(a.heldAt as string)).toBeLessThan(end);
    expect(ahead.length).toBeGreaterThan(20);
    const publicStations = new Set(data.stations.filter((s) => s.openTo === 'public').map((s) => s.id));
    for (const a of ahead) {
      expect(a.signupNote).toBeTruthy();
      expect(publicStations.has(a.stationId as number)).toBe(true);
      expect(Date.parse(a.heldAt as string)).toBeLessThan(Date.parse('2026-08-29T00:00:00+08:00'));
    }
    // Every public station has something coming up.
    for (const id of publicStations) expect(ahead.some((a) => a.stationId === id), String(id)).toBe(true);
  });

  it('gives every station the public needs an address on a road, a fictional public line, a week of hours and accessibility notes', () => {
    for (const s of data.stations.filter((x) => x.openTo !== 'members')) {
      // A road and a number, or — where the demo draws no road (山阳镇) — the place, marked 示意.
      expect(s.address, s.name).toMatch(/^[\u4e00-\u9fff]+(?:路|街)\d+[号弄]$|^[\u4e00-\u9fff]+(?:镇|区|街道)\(示意\)$/);
      expect(s.publicPhone, s.name).toMatch(/^(?:021-5550 01|0471-555 01)\d{2}$/);
      expect(s.hoursWeek, s.name).toHaveLength(7);
      expect(s.accessibility, s.name).toBeTruthy();
    }
    const centre = data.stations.find((s) => s.name === '南京西路街道党群服务中心');
    expect(centre?.address).toMatch(/^[\u4e00-\u9fff]+路\d+号$/);
  });

  it('moves with the date it is anchored to', () => {
    const later = buildDemoTerritory({ today: new Date('2027-03-15') });
    const latest = later.activities.filter((a) => !a.signupNote).map((a) => utcDate(a.heldAt as string)).sort().at(-1) as string;
    expect(latest > '2027-02-01').toBe(true);
    expect(latest < '2027-03-15').toBe(true);
  });
});

describe('buildDemoTerritory: provenance', () => {
  const withSource = ['districts', 'streets', 'grids', 'businessDistricts', 'buildings', 'enterprises', 'organisations', 'instructors', 'stations', 'activities', 'alliances'] as const satisfies readonly (keyof DemoDataset)[];

  it.each(withSource)('every %s row has a non-empty source', (table) => {
    for (const row of data[table] as { source?: unknown }[]) {
      expect(typeof row.source).toBe('string');
      expect((row.source as string).trim()).not.toBe('');
    }
  });

  it('any other row that carries a source has a non-empty one', () => {
    for (const [table, rows] of Object.entries(data)) {
      if (!Array.isArray(rows)) continue;
      for (const row of rows as Record<string, unknown>[]) {
        if ('source' in row) expect(String(row.source).trim(), table).not.toBe('');
      }
    }
  });
});
