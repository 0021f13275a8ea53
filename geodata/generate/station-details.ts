// The public details of every demo station (issue 17): a street address on the nearest of the demo's own
// roads (road + house number from the distance along it, odd on one side, even on the other, as Shanghai
// numbers them), the station's public service line, opening hours by weekday (read from its plaque text)
// and accessibility notes. No randomness: derived from each station's position and id, so adding these
// leaves every other generated row as it was.
//
// Phone numbers are fictional on purpose, in a pattern no real line uses: the local part is 555 0 + the
// station's id (021-5550 01NN in Shanghai, 0471-555 01NN in Hohhot), like the 555-01xx numbers of films.
import type { Position } from 'geojson';
import { weeklyFromText } from '../../server/domain/opening-hours.js';
import { ROADS } from '../seed/roads.js';
import type { Ctx } from './context.js';

/** Farther than this from every named road (the demo draws roads only around its key streets), a station keeps its building's address. */
const MAX_ROAD_M = 1500;
const M_PER_DEG = 111_320;

function local(p: Position, lat0: number): [number, number] {
  return [(p[0] as number) * M_PER_DEG * Math.cos((lat0 * Math.PI) / 180), (p[1] as number) * M_PER_DEG];
}

/** The nearest walkable named road, the distance along it from its first point and which side the point is on. */
export function nearestRoad(p: Position): { name: string; along: number; left: boolean; distance: number } | null {
  const lat0 = p[1] as number;
  const [px, py] = local(p, lat0);
  let best: { name: string; along: number; left: boolean; distance: number } | null = null;
  for (const r of ROADS) {
    if (r.barrier || !r.name) continue;
    let walked = 0;
    for (let i = 1; i < r.line.length; i++) {
      const [ax, ay] = local(r.line[i - 1] as Position, lat0);
      const [bx, by] = local(r.line[i] as Position, lat0);
      const dx = bx - ax, dy = by - ay;
      const len = Math.hypot(dx, dy);
      const t = len > 0 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (len * len))) : 0;
      const d = Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
      if (!best || d < best.distance) best = { name: r.name, along: walked + t * len, left: dx * (py - ay) - dy * (px - ax) > 0, distance: d };
      walked += len;
    }
  }
  return best && best.distance <= MAX_ROAD_M ? best : null;
}

/** "南京西路1266号": a building address that already names a road and a number. */
const FULL_ADDRESS = /^[\u4e00-\u9fff]{2,8}(?:路|街|大街|大道|巷)\d+(?:-\d+)?(?:号|弄)$/;

export function stationAddress(buildingAddress: string | null, at: Position, streetName: string): string {
  if (buildingAddress && FULL_ADDRESS.test(buildingAddress)) return buildingAddress;
  const road = nearestRoad(at);
  if (!road) return buildingAddress && /\(示意\)/.test(buildingAddress) && !/^\d/.test(buildingAddress) ? buildingAddress : `${streetName}(示意)`;
  // House numbers grow along the road, about one per 4 m of frontage on each side.
  const n = Math.max(1, Math.round(road.along / 8)) * 2 - (road.left ? 1 : 0);
  return `${road.name}${n}号`;
}

export function stationPhone(streetCode: string, id: number): string {
  const nn = String(id % 100).padStart(2, '0');
  return streetCode.startsWith('15') ? `0471-555 01${nn}` : `021-5550 01${nn}`;
}

const ACCESS = [
  '首层入口无台阶，设无障碍卫生间',
  '无障碍坡道入口，电梯直达',
  '电梯直达，门宽可通行轮椅',
  '首层临街，可通行轮椅；设母婴休息区',
];

export function addStationDetails(ctx: Ctx): void {
  const addresses = new Map(ctx.data.buildings.map((b) => [b.id, b.address ?? null]));
  const streets = new Map(ctx.data.streets.map((st) => [st.code, st.name]));
  for (const s of ctx.data.stations) {
    if (s.openTo === 'members') continue;
    const id = s.id as number;
    s.address = stationAddress(s.buildingId != null ? addresses.get(s.buildingId) ?? null : null, s.geom.coordinates, streets.get(s.streetCode) ?? '');
    s.publicPhone = stationPhone(s.streetCode, id);
    s.hoursWeek = weeklyFromText(s.hours ?? null);
    s.accessibility = ACCESS[id % ACCESS.length] as string;
  }
}
