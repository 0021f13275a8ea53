// A synthetic city for benchmarks: a seeded lattice of streets, each tiled by a lattice of grids,
// filled with buildings, enterprises, organisations, instructors and stations. Nothing here is real;
// every code lives under the reserved district 310199.
import type { Polygon, Position } from 'geojson';
import type { DemoDataset } from '../generate/context.js';
import { createRng, type Rng } from '../generate/random.js';
import { offset, rectangle } from '../generate/geometry.js';
import { latticeStreet } from '../generate/lattice.js';
import { makeUscc } from '../generate/uscc.js';
import { STATION_TYPES } from '../../server/domain/vocabulary/index.js';

export interface SyntheticCityOptions {
  seed?: number;
  /** South-west corner of the city. */
  origin?: [number, number];
  streets: number;
  gridsPerStreet: { columns: number; rows: number };
  buildingsPerGrid: number;
  enterprisesPerBuilding: number;
  stationsPerStreet: number;
  /** The date the data is as of (registrations and foundings are before it). */
  today: string;
}

export type SyntheticCity = Omit<DemoDataset, 'today' | 'activities' | 'alliances' | 'allianceMembers'>;

export const CITY_100K: Omit<SyntheticCityOptions, 'today'> = {
  streets: 200,
  gridsPerStreet: { columns: 5, rows: 2 },
  buildingsPerGrid: 50,
  enterprisesPerBuilding: 5,
  stationsPerStreet: 15,
};

const DISTRICT = '310199';
const SOURCE = 'synthetic';

/** A point inside a (convex-ish) quad cell, by bilinear interpolation of its four corners. */
function inside(ring: Position[], u: number, v: number): Position {
  // Lattice cells list corners at ring[0], ring[2], ring[4], ring[6] (edge midpoints between).
  const [a, b, c, d] = [ring[0], ring[2], ring[4], ring[6]] as [[number, number], [number, number], [number, number], [number, number]];
  const x = (1 - u) * (1 - v) * a[0] + u * (1 - v) * b[0] + u * v * c[0] + (1 - u) * v * d[0];
  const y = (1 - u) * (1 - v) * a[1] + u * (1 - v) * b[1] + u * v * c[1] + (1 - u) * v * d[1];
  return [Math.round(x * 1e7) / 1e7, Math.round(y * 1e7) / 1e7];
}

function dateBefore(rng: Rng, today: string, maxYears: number): string {
  const t = new Date(`${today}T00:00:00Z`).getTime();
  return new Date(t - Math.floor(rng.next() * maxYears * 365) * 86_400_000 - 86_400_000).toISOString().slice(0, 10);
}

const emptyCity = (): SyntheticCity => ({
  districts: [], streets: [], grids: [], businessDistricts: [], buildings: [], enterprises: [], organisations: [], organisationCoverage: [],
  instructors: [], instructorAssignments: [], stations: [],
});

/** The whole city in memory (benchmarks that need every row at once). */
export function syntheticCity(o: SyntheticCityOptions): SyntheticCity {
  const city = emptyCity();
  for (const part of syntheticCityByStreet(o)) {
    for (const key of Object.keys(city) as (keyof SyntheticCity)[]) (city[key] as unknown[]).push(...(part[key] as unknown[]));
  }
  return city;
}

/** The city one street at a time (the district comes with the first): the same rows as syntheticCity, in the same
 *  order, but only one street's are alive at once, so loading the full city costs a street's memory, not a city's. */
export function* syntheticCityByStreet(o: SyntheticCityOptions): Generator<SyntheticCity> {
  const rng = createRng(o.seed ?? 7);
  const origin = o.origin ?? [121.0, 30.9];
  const { columns, rows } = o.gridsPerStreet;
  const perGridSide = Math.ceil(Math.sqrt(o.buildingsPerGrid));
  const gridSideM = perGridSide * 45;
  const streetW = columns * gridSideM;
  const streetH = rows * gridSideM;
  const streetsPerRow = Math.ceil(Math.sqrt(o.streets));
  let gridId = 0, buildingId = 0, enterpriseId = 0, orgId = 0, stationId = 0, instructorId = 0;
  for (let s = 0; s < o.streets; s++) {
    const city = emptyCity();
    if (s === 0) city.districts.push({ code: DISTRICT, name: '合成区', nameEn: 'Synthetic District', city: '合成市', geom: null, illustrative: true, source: SOURCE });
    const sw = offset(origin, (s % streetsPerRow) * (streetW + 30), Math.floor(s / streetsPerRow) * (streetH + 30));
    const ne = offset(sw, streetW, streetH);
    const code = `${DISTRICT}${(s + 1).toString(36).toUpperCase().padStart(3, '0')}`;
    const lattice = latticeStreet({ bbox: [sw[0] as number, sw[1] as number, ne[0] as number, ne[1] as number], columns, rows }, rng);
    city.streets.push({ code, districtCode: DISTRICT, name: `合成街道${s + 1}`, nameEn: `Synthetic ${s + 1}`, geom: { type: 'MultiPolygon', coordinates: [lattice.outline.coordinates] }, illustrative: true, source: SOURCE });
    const instructors = [++instructorId, ++instructorId];
    instructors.forEach((id) => city.instructors.push({ id, name: `指导员${id}`, role: 'instructor', streetCode: code, source: SOURCE }));
    const streetBuildings: { id: number; at: Position }[] = [];
    for (const cell of lattice.cells) {
      const gid = ++gridId;
      city.grids.push({ id: gid, streetCode: code, code: `${code}-G${gid}`, name: `合成网格${gid}`, geom: cell.polygon, illustrative: true, source: SOURCE });
      const ring = (cell.polygon as Polygon).coordinates[0] as Position[];
      for (let k = 0; k < o.buildingsPerGrid; k++) {
        const u = 0.15 + 0.7 * ((k % perGridSide) + 0.5) / perGridSide;
        const v = 0.15 + 0.7 * (Math.floor(k / perGridSide) + 0.5) / perGridSide;
        const at = inside(ring, u, v);
        const bid = ++buildingId;
        streetBuildings.push({ id: bid, at });
        city.buildings.push({ id: bid, name: `合成楼宇${bid}`, address: '合成', streetCode: code, gridId: gid, kind: 'office', floors: rng.int(3, 40), geom: rectangle(at, 16, 14, 0), illustrative: true, source: SOURCE });
        let jointOrg = 0;
        for (let n = 0; n < o.enterprisesPerBuilding; n++) {
          const eid = ++enterpriseId;
          const employees = Math.max(2, Math.round(rng.logNormal(18, 1)));
          const partyMembers = Math.round(employees * rng.range(0, 0.15));
          const registeredOn = dateBefore(rng, o.today, 20);
          city.enterprises.push({
            id: eid, uscc: makeUscc(DISTRICT, 9_000_000 + eid), name: `合成企业${eid}`, buildingId: bid, streetCode: code, gridId: gid,
            industry: '商务服务', ownership: 'private', employees, partyMembers, unionMembers: 0, registeredOn, geom: { type: 'Point', coordinates: at }, source: SOURCE,
          });
          const founded = registeredOn > '2010-01-01' ? registeredOn : '2010-01-01';
          if (partyMembers >= 3 && rng.chance(0.5)) {
            const id = ++orgId;
            city.organisations.push({ id, name: `合成党支部${id}`, kind: 'party_branch', formation: 'own', streetCode: code, seatBuildingId: bid, members: partyMembers, foundedOn: founded, source: SOURCE });
            city.organisationCoverage.push({ organisationId: id, enterpriseId: eid, since: founded });
          } else if (rng.chance(0.6)) {
            if (!jointOrg) {
              jointOrg = ++orgId;
              city.organisations.push({ id: jointOrg, name: `合成联合党支部${jointOrg}`, kind: 'joint_party_branch', formation: 'joint', streetCode: code, seatBuildingId: bid, members: 0, foundedOn: '2015-01-01', source: SOURCE });
            }
            city.organisationCoverage.push({ organisationId: jointOrg, enterpriseId: eid, since: founded > '2015-01-01' ? founded : '2015-01-01' });
          } else if (rng.chance(0.3)) {
            city.instructorAssignments.push({ instructorId: rng.pick(instructors), enterpriseId: eid, since: founded });
          }
          if (rng.chance(0.45)) {
            const id = ++orgId;
            city.organisations.push({ id, name: `合成工会${id}`, kind: 'union', formation: 'own', streetCode: code, seatBuildingId: bid, members: 0, foundedOn: founded, source: SOURCE });
            city.organisationCoverage.push({ organisationId: id, enterpriseId: eid, since: founded });
          }
        }
      }
    }
    for (let k = 0; k < o.stationsPerStreet; k++) {
      const b = rng.pick(streetBuildings);
      city.stations.push({
        id: ++stationId, name: `合成阵地${stationId}`, type: STATION_TYPES[k % STATION_TYPES.length] as string, streetCode: code, buildingId: b.id,
        openTo: 'public', openedOn: '2018-01-01', geom: { type: 'Point', coordinates: b.at }, source: SOURCE,
      });
    }
    yield city;
  }
}
