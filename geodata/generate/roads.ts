// Roads and water of the demo territory: the hand-drawn facts of ../seed/roads.ts as rows (no randomness, so
// adding them leaves every other generated row as it was).
import { ROADS, SOURCE_ROADS, WATER } from '../seed/roads.js';
import type { Ctx } from './context.js';

export function generateRoads(ctx: Ctx): void {
  const roads = (ctx.data.roads ??= []);
  const water = (ctx.data.water ??= []);
  ROADS.forEach((r, i) => {
    roads.push({
      id: i + 1, name: r.name, class: r.class, oneway: r.oneway ?? false, barrier: r.barrier ?? false,
      geom: { type: 'MultiLineString', coordinates: [r.line] }, illustrative: true, source: SOURCE_ROADS,
    });
  });
  WATER.forEach((w, i) => {
    water.push({ id: i + 1, name: w.name, kind: w.kind, geom: { type: 'MultiPolygon', coordinates: [[w.ring]] }, illustrative: true, source: SOURCE_ROADS });
  });
}
