// Test fixtures: the demo street 南京西路街道 (hand-drawn grids sharing vertices) as the editor loads it.
import type { Polygon, Position } from 'geojson';
import { STREETS } from '../../../../geodata/seed/territory';
import type { EditGrid, Rules, StreetOutline } from './types';

const njxl = STREETS.find((s) => s.code === '310106012');
if (!njxl?.grids) throw new Error('demo street missing');
const demo = njxl.grids;

export const STREET: StreetOutline = { code: '310106012', geometry: { type: 'Polygon', coordinates: [demo.outline] } };
export const RULES: Rules = { minAreaM2: 500, toleranceM2: 1 };

export function demoGrids(): EditGrid[] {
  return demo.grids.map((g, i) => ({
    key: `g:${i + 1}`,
    id: i + 1,
    version: 1,
    code: g.code,
    name: g.name,
    geometry: { type: 'Polygon', coordinates: [g.ring.map((p) => [...p] as Position)] } as Polygon,
  }));
}

/** A vertex inside the street held by exactly the two given grids. */
export function sharedVertex(grids: EditGrid[], a: string, b: string): Position {
  const has = (g: EditGrid, q: Position) => (g.geometry.coordinates[0] ?? []).some((r) => r[0] === q[0] && r[1] === q[1]);
  const outline = STREET.geometry.type === 'Polygon' ? STREET.geometry.coordinates[0] ?? [] : [];
  const ga = grids.find((g) => g.key === a)?.geometry.coordinates[0] ?? [];
  const p = ga.find((q) => {
    const keys = grids.filter((g) => has(g, q)).map((g) => g.key).sort();
    return keys.join() === [a, b].sort().join() && !outline.some((r) => r[0] === q[0] && r[1] === q[1]);
  });
  if (!p) throw new Error('no shared vertex');
  return p;
}
