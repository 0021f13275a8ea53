// Step 1: districts, streets, grids, business districts and buildings (with footprints).
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { BUSINESS_DISTRICTS, DISTRICTS, SOURCE_DOMAIN, STREETS } from '../seed/territory.js';
import { LANDMARK_BUILDINGS } from '../seed/landmarks.js';
import { latticeStreet } from './lattice.js';
import { blob, bounds, distanceM, polygonContains, pos, rectangle } from './geometry.js';
import { BUILDING_CORES, BUILDING_SUFFIX } from './names.js';
import { SYNTHETIC, type BuildingInfo, type Ctx } from './context.js';

/** Buildings the generator adds per grid, by street (on top of the landmarks). */
const BUILDINGS_PER_GRID: Record<string, number> = {
  '310106012': 17,
  '310104004': 6,
  '310101017': 5,
  '310116113': 3,
};
const DEFAULT_BUILDINGS_PER_GRID = 3;

export function generatePlaces(ctx: Ctx): void {
  const { data, rng } = ctx;
  for (const d of DISTRICTS) {
    // No geometry of our own at county level: it is derived from streets at load, never published.
    data.districts.push({ ...d, geom: null, illustrative: true, source: SOURCE_DOMAIN });
  }
  for (const s of STREETS) {
    ctx.streetDistrict.set(s.code, s.districtCode);
    let outline: Polygon;
    let grids: { code: string; name: string; polygon: Polygon }[];
    if (s.grids) {
      outline = { type: 'Polygon', coordinates: [s.grids.outline] };
      grids = s.grids.grids.map((g) => ({ code: g.code, name: g.name, polygon: { type: 'Polygon', coordinates: [g.ring] } }));
    } else if (s.lattice) {
      const l = latticeStreet(s.lattice, rng);
      outline = l.outline;
      grids = l.cells.map((c, i) => ({
        code: `${s.code}-G${i + 1}`,
        name: `${s.lattice?.gridNames[i] ?? `第${i + 1}`}网格`,
        polygon: c.polygon,
      }));
    } else {
      throw new Error(`street ${s.code} has neither grids nor a lattice`);
    }
    const geom: MultiPolygon = { type: 'MultiPolygon', coordinates: [outline.coordinates] };
    data.streets.push({ code: s.code, districtCode: s.districtCode, name: s.name, nameEn: s.nameEn, geom, illustrative: true, source: s.source });
    for (const g of grids) {
      const id = ctx.nextId('grids');
      data.grids.push({ id, streetCode: s.code, code: g.code, name: g.name, geom: g.polygon, illustrative: true, source: `${s.source}; 网格为手绘示意` });
      ctx.grids.push({ id, code: g.code, streetCode: s.code, polygon: g.polygon, maturity: rng.range(0.35, 0.95) });
    }
  }
  // Make the demo tell a story: the 巨富长 grid (small creative firms) lags, the 恒隆 grid leads.
  setMaturity(ctx, '310106012-G1', 0.92);
  setMaturity(ctx, '310106012-G4', 0.38);

  for (const b of BUSINESS_DISTRICTS) {
    data.businessDistricts.push({
      id: ctx.nextId('business_districts'),
      streetCode: b.streetCode,
      name: b.name,
      nameEn: b.nameEn,
      geom: blob(b.centre, b.radiusM, 10, rng),
      illustrative: true,
      source: `${b.source}; 范围为手绘示意`,
    });
  }

  for (const lb of LANDMARK_BUILDINGS) {
    const grid = ctx.grids.find((g) => g.streetCode === lb.streetCode && polygonContains(g.polygon, lb.at));
    if (!grid) throw new Error(`landmark ${lb.key} is outside every grid of ${lb.streetCode}`);
    const [w, d, a] = lb.footprint;
    addBuilding(ctx, {
      key: lb.key, name: lb.name, address: lb.address, streetCode: lb.streetCode, gridId: grid.id, centre: lb.at,
      kind: lb.kind, floors: lb.floors, billionYuan: lb.billionYuan ?? false, propertyManager: lb.propertyManager ?? null,
      redProperty: lb.redProperty ?? false, footprint: rectangle(lb.at, w, d, a), source: lb.source,
    });
  }

  const usedNames = new Set(LANDMARK_BUILDINGS.map((b) => b.name));
  for (const grid of ctx.grids) {
    const n = BUILDINGS_PER_GRID[grid.streetCode] ?? DEFAULT_BUILDINGS_PER_GRID;
    for (let k = 0; k < n; k++) placeGeneratedBuilding(ctx, grid.id, grid.polygon, usedNames);
  }
}

function setMaturity(ctx: Ctx, code: string, value: number): void {
  const g = ctx.grids.find((x) => x.code === code);
  if (g) g.maturity = value;
}

interface NewBuilding {
  key: string | null;
  name: string;
  address: string;
  streetCode: string;
  gridId: number;
  centre: Position;
  kind: BuildingInfo['kind'];
  floors: number;
  billionYuan: boolean;
  propertyManager: string | null;
  redProperty: boolean;
  footprint: Polygon;
  source: string;
}

function addBuilding(ctx: Ctx, b: NewBuilding): BuildingInfo {
  const id = ctx.nextId('buildings');
  ctx.data.buildings.push({
    id, name: b.name, address: b.address, streetCode: b.streetCode, gridId: b.gridId, kind: b.kind, floors: b.floors,
    billionYuan: b.billionYuan, propertyManager: b.propertyManager, redProperty: b.redProperty, geom: b.footprint,
    illustrative: true, source: b.source,
  });
  const info: BuildingInfo = {
    id, key: b.key, name: b.name, streetCode: b.streetCode, districtCode: ctx.streetDistrict.get(b.streetCode) ?? '',
    gridId: b.gridId, centre: b.centre, floors: b.floors, kind: b.kind,
  };
  ctx.buildings.push(info);
  if (b.key) ctx.buildingByKey.set(b.key, info);
  return info;
}

function placeGeneratedBuilding(ctx: Ctx, gridId: number, polygon: Polygon, usedNames: Set<string>): void {
  const { rng } = ctx;
  const [w, s, e, n] = bounds(polygon);
  const kind = rng.chance(0.7) ? 'office' : rng.pick(['complex', 'park', 'market'] as const);
  const width = rng.range(28, kind === 'park' ? 90 : 60);
  const depth = rng.range(22, 45);
  const angle = rng.range(-20, 20);
  for (let attempt = 0; attempt < 400; attempt++) {
    const c = pos(rng.range(w, e), rng.range(s, n));
    const footprint = rectangle(c, width, depth, angle);
    const ring = footprint.coordinates[0] as Position[];
    if (!ring.every((p) => polygonContains(polygon, p))) continue;
    if (ctx.buildings.some((b) => distanceM(b.centre, c) < 75)) continue;
    const street = ctx.grids.find((g) => g.id === gridId)?.streetCode ?? '';
    const floors =
      kind === 'office' ? rng.int(8, 40) : kind === 'complex' ? rng.int(4, 30) : kind === 'park' ? rng.int(3, 8) : rng.int(2, 5);
    const base = `${rng.pick(BUILDING_CORES)}${rng.pick(BUILDING_SUFFIX[kind])}`;
    let name = base;
    for (let k = 2; usedNames.has(name); k++) name = `${base}(${k}期)`;
    usedNames.add(name);
    addBuilding(ctx, {
      key: null, name, address: `${rng.int(10, 1999)}号(示意)`, streetCode: street, gridId, centre: c, kind, floors,
      billionYuan: floors > 25 && rng.chance(0.3), propertyManager: rng.chance(0.8) ? `${name.slice(0, 2)}物业` : null,
      redProperty: rng.chance(0.12), footprint, source: SYNTHETIC,
    });
    return;
  }
}

