import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Feature, Point } from 'geojson';
import { clusterPoints } from './cluster';
import { worldPixel } from '../screen';
import { CLUSTER_RADIUS_PX, UNCLUSTERED_FROM_ZOOM, stationGroups } from './index';
import type { StationProps } from '../types';

type P = { id: number; at: [number, number] };
const arb = fc.array(fc.record({ lon: fc.double({ min: 121.3, max: 121.6, noNaN: true }), lat: fc.double({ min: 31.1, max: 31.3, noNaN: true }) }), { maxLength: 150 });

describe('station clustering', () => {
  it('puts every station in exactly one group, each member within the radius of its group’s first, and no two lone ones within it', () => {
    fc.assert(
      fc.property(arb, fc.integer({ min: 8, max: 16 }), (raw, zoom) => {
        const pts: P[] = raw.map((r, id) => ({ id, at: [r.lon, r.lat] }));
        const groups = clusterPoints(pts, (p) => p.at, zoom, CLUSTER_RADIUS_PX);
        const ids = groups.flatMap((g) => g.members.map((m) => m.id)).sort((a, b) => a - b);
        expect(ids).toEqual(pts.map((p) => p.id));
        const px = (p: P) => worldPixel(p.at, zoom);
        const dist = (a: P, b: P) => Math.hypot(px(a)[0] - px(b)[0], px(a)[1] - px(b)[1]);
        for (const g of groups) for (const m of g.members) expect(dist(m, g.members[0] as P)).toBeLessThanOrEqual(CLUSTER_RADIUS_PX + 1e-6);
        const lone = groups.filter((g) => g.members.length === 1).map((g) => g.members[0] as P);
        for (let i = 0; i < lone.length; i++) for (let j = i + 1; j < lone.length; j++) expect(dist(lone[i] as P, lone[j] as P)).toBeGreaterThan(CLUSTER_RADIUS_PX);
      }),
      { numRuns: 200 },
    );
  });

  it('3,000 stations over a city are a few hundred badges at zoom 12 and all apart by zoom 17', () => {
    const stations: Feature<Point, StationProps>[] = [];
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let i = 0; i < 3000; i++)
      stations.push({ type: 'Feature', id: i, geometry: { type: 'Point', coordinates: [121.3 + rnd() * 0.3, 31.1 + rnd() * 0.25] }, properties: { name: `S${i}`, type: 'party_service_point', alsoTypes: [], openTo: 'public', reachM: null } });
    const at12 = stationGroups(stations, 12);
    expect(at12.singles.length + at12.clusters.reduce((n, c) => n + c.count, 0)).toBe(3000);
    expect(at12.singles.length + at12.clusters.length).toBeLessThan(700);
    for (const c of at12.clusters) {
      expect(c.at[0]).toBeGreaterThanOrEqual(c.bbox[0]);
      expect(c.at[1]).toBeLessThanOrEqual(c.bbox[3]);
    }
    expect(stationGroups(stations, UNCLUSTERED_FROM_ZOOM)).toEqual({ singles: stations, clusters: [] });
  });
});
