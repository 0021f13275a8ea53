import { describe, expect, it } from 'vitest';
import type { Polygon, Position } from 'geojson';
import { ROADS } from '../../../../geodata/seed/roads';
import { carveNewGrid, snap, snapTargets, snapToLines, splitGrid, validate, type EditGrid } from './index';
import { RULES, STREET, demoGrids } from './fixtures';

// About one metre a pixel around 南京西路 (zoom 17): enough to reason in pixels and metres alike.
const LAT0 = 31.228;
const K = 111_320;
const COS = Math.cos((LAT0 * Math.PI) / 180);
const project = (p: Position) => ({ x: ((p[0] as number) - 121.45) * K * COS, y: (LAT0 - (p[1] as number)) * K });
const unproject = (x: number, y: number): Position => [121.45 + x / (K * COS), LAT0 - y / K];
const roadLines = ROADS.filter((r) => (r.line[0]?.[0] as number) > 121.4 && (r.line[0]?.[0] as number) < 121.48).map((r) => r.line);
const road = (name: string) => ROADS.find((r) => r.name === name)?.line as Position[];
const px = (p: Position) => project(p);
const kinds = (gs: EditGrid[]) => validate(STREET, gs, RULES).map((p) => p.kind).sort();

/** Distance in pixels (≈ metres) from a point to a polyline. */
function toLine(p: Position, line: Position[]): number {
  const c = px(p);
  let best = Infinity;
  for (let i = 0; i + 1 < line.length; i++) {
    const a = px(line[i] as Position);
    const b = px(line[i + 1] as Position);
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const s = Math.max(0, Math.min(1, ((c.x - a.x) * dx + (c.y - a.y) * dy) / (dx * dx + dy * dy)));
    best = Math.min(best, Math.hypot(a.x + s * dx - c.x, a.y + s * dy - c.y));
  }
  return best;
}

/** A cursor a few pixels off a road at fraction t of its segment i. */
function near(line: Position[], i: number, t: number, offPx: number): { x: number; y: number } {
  const a = px(line[i] as Position);
  const b = px(line[i + 1] as Position);
  const len = Math.hypot(b.x - a.x, b.y - a.y);
  return { x: a.x + t * (b.x - a.x) - ((b.y - a.y) / len) * offPx, y: a.y + t * (b.y - a.y) + ((b.x - a.x) / len) * offPx };
}

describe('snapping to road centre lines', () => {
  it('moves a cursor near a road onto its centre line, within a millimetre-scale lattice', () => {
    const weihai = road('威海路');
    const got = snapToLines(near(weihai, 1, 0.5, 6), roadLines, project, unproject, 10);
    expect(got).toBeDefined();
    expect(toLine(got as Position, weihai)).toBeLessThan(0.02);
    // Seven decimals, as every stored vertex.
    for (const v of got as number[]) expect(Math.round(v * 1e7) / 1e7).toBe(v);
  });

  it('prefers a road vertex (a bend or junction) within tolerance, and gives nothing beyond it', () => {
    const weihai = road('威海路');
    const corner = weihai[2] as Position;
    const c = px(corner);
    expect(snapToLines({ x: c.x + 4, y: c.y + 3 }, roadLines, project, unproject, 10)).toEqual(corner);
    expect(snapToLines(near(weihai, 1, 0.5, 25), roadLines, project, unproject, 10)).toBeUndefined();
  });

  it('tries grids and the street outline first: they keep the partition exact', () => {
    const grids = demoGrids();
    const vertex = grids[0]?.geometry.coordinates[0]?.[1] as Position;
    const c = px(vertex);
    const t = snapTargets(grids.map((g) => g.geometry), null, roadLines);
    expect(snap({ x: c.x + 2, y: c.y + 2 }, t, project, unproject, 10)).toEqual(vertex);
    // Without the toggle (no lines), a cursor near only a road does not move.
    const weihai = road('威海路');
    const far = near(weihai, 1, 0.5, 5);
    const plain = snapTargets(grids.map((g) => g.geometry));
    // 威海路 here crosses the middle of 第三网格, about 100 m from any grid edge.
    expect(snap(far, plain, project, unproject, 10)).toBeUndefined();
    expect(toLine(snap(far, t, project, unproject, 10) as Position, weihai)).toBeLessThan(0.02);
  });

  it('a grid drawn and a split made with snapped vertices still tile the street exactly', () => {
    const grids = demoGrids();
    const [weihai, shimen, shaanxi] = [road('威海路'), road('石门一路'), road('陕西北路')];
    const t = snapTargets([], null, roadLines);
    const at = (c: { x: number; y: number }) => snap(c, t, project, unproject, 10) as Position;
    // Corners near the roads around 静安: each lands on a centre line.
    const ring = [at(near(weihai, 1, 0.3, 4)), at(near(weihai, 2, 0.6, -4)), at(near(shimen, 0, 0.75, 3)), at(near(shaanxi, 1, 0.2, -3))];
    for (const v of ring) expect(Math.min(toLine(v, weihai), toLine(v, shimen), toLine(v, shaanxi))).toBeLessThan(0.02);
    const drawn: Polygon = { type: 'Polygon', coordinates: [[...ring, ring[0] as Position]] };
    const res = carveNewGrid(grids, drawn, { key: 'n:1', id: null, version: null, code: null, name: '新网格' }, STREET);
    if (!res.ok) throw new Error(res.reason);
    expect(kinds(res.grids)).toEqual([]);
  });

  it('a split along a road, snapped end to end, leaves no gap or overlap', () => {
    const grids = demoGrids();
    const shimen = road('石门一路');
    const t = snapTargets([], null, roadLines);
    // From just south of the street's edge to just inside 第二网格, along 石门一路 through 第三网格.
    const line = [snap(near(shimen, 0, 0.99, 3), t, project, unproject, 10) as Position, snap(near(shimen, 0, 0.35, -3), t, project, unproject, 10) as Position];
    for (const v of line) expect(toLine(v, shimen)).toBeLessThan(0.02);
    const split = splitGrid(grids, 'g:3', { type: 'LineString', coordinates: line }, { key: 'n:2', id: null, version: null, code: null, name: '新网格' }, STREET);
    if (!split.ok) throw new Error(split.reason);
    expect(split.grids).toHaveLength(5);
    expect(kinds(split.grids)).toEqual([]);
  });
});
