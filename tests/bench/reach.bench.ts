// npm run bench:reach [-- scale] (--help: usage) — walking reach over a synthetic street grid laid over the synthetic city
// (scale 1: the 100k-building city, streets every 50 m: about 205,000 edges (60 m gave 142,081); scale 0.01 for the CI smoke run).
// Times building the graph, each station's walk (3 km cutoff) and all of them, the coverage model's reach for
// every building on the network vs in straight line, the incremental update after moving one station, the walking
// bands drawn as areas (isochrone polygons: one station's, and every station's at the sample budget), and the
// same walks on pgRouting (when TEST_DATABASE_URL or DATABASE_URL is set), with the ratios JS : pgRouting.
// Absolute times drift on shared machines; the ratios are the figures to compare.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openPostgres } from '../../server/db/store.js';
import { loadEnv } from '../../server/env.js';
import { CITY_100K, syntheticCity } from '../../geodata/synthetic/city.js';
import { syntheticRoadGrid } from '../../geodata/synthetic/roads.js';
import { buildWalkGraph, snapToGraph } from '../../server/domain/network/graph.js';
import { walkDistances } from '../../server/domain/network/dijkstra.js';
import { MAX_JOIN_M, sourcesOf } from '../../server/domain/network/walk.js';
import { CoverageModel, type Territory } from '../../server/domain/coverage/model.js';
import { DEFAULT_REACH_CONFIG } from '../../server/domain/coverage/reach.js';
import type { BuildingFacts, StationFacts } from '../../server/domain/coverage/types.js';
import { loadGraph, pgWalkDistances } from '../../server/reach/pgrouting.js';
import { isochroneBands, sampleCount } from '../../server/domain/network/isochrone.js';
import { BUDGETS } from '../../server/http/budgets.js';

const TODAY = '2026-06-30';
const USAGE = `npm run bench:reach [-- scale]
  scale  share of the synthetic 100k-building city (default 1: well over 200,000 edges, minutes and GBs;
         0.01: the CI smoke size, seconds). pgRouting is measured when TEST_DATABASE_URL or DATABASE_URL is set.`;
if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
const scale = Number(process.argv[2] ?? 1);
if (!(scale > 0 && scale <= 1)) {
  console.error(`scale must be a number in (0, 1], not "${process.argv[2]}"\n${USAGE}`);
  process.exit(2);
}
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const time = <T>(fn: () => T): [T, number] => {
  const t = performance.now();
  const r = fn();
  return [r, performance.now() - t];
};

const city = syntheticCity({ ...CITY_100K, streets: Math.max(4, Math.round(CITY_100K.streets * scale)), today: TODAY });
const centre = (g: unknown): [number, number] => {
  const x = g as { type: string; coordinates: number[] | number[][][] };
  if (x.type === 'Point') return x.coordinates as [number, number];
  const ring = (x.coordinates as number[][][])[0] as number[][];
  return [ring.reduce((s, p) => s + (p[0] as number), 0) / ring.length, ring.reduce((s, p) => s + (p[1] as number), 0) / ring.length];
};
const buildings: BuildingFacts[] = city.buildings.map((b) => {
  const [lon, lat] = centre(b.geom);
  return { id: b.id as number, name: b.name, streetCode: b.streetCode, gridId: b.gridId ?? null, businessDistrictId: null, lon, lat };
});
const stations: StationFacts[] = city.stations.map((s) => {
  const [lon, lat] = centre(s.geom);
  return { id: s.id as number, name: s.name, type: s.type, alsoTypes: s.alsoTypes ?? [], openTo: (s.openTo ?? 'public') as StationFacts['openTo'], reachM: s.reachM ?? null, buildingId: s.buildingId ?? null, openedOn: null, lon, lat };
});
const lons = buildings.map((b) => b.lon);
const lats = buildings.map((b) => b.lat);
const bbox: [number, number, number, number] = [Math.min(...lons) - 0.002, Math.min(...lats) - 0.002, Math.max(...lons) + 0.002, Math.max(...lats) + 0.002];
const roads = syntheticRoadGrid(bbox, 50);

const [graph, buildMs] = time(() => buildWalkGraph(roads));
console.log(`synthetic city ×${scale}: ${buildings.length} buildings, ${stations.length} stations; road grid: ${roads.length} roads → ${graph.nodeCount} nodes, ${graph.edgeA.length} edges`);
console.log(`[JS] graph built in ${sec(buildMs)}`);

const cutoff = DEFAULT_REACH_CONFIG.searchRadiusM;
const sources = stations.flatMap((s) => {
  const snap = snapToGraph(graph, s.lon, s.lat, MAX_JOIN_M);
  return snap ? [sourcesOf(graph, snap)] : [];
});
const [, jsAllMs] = time(() => sources.forEach((w) => walkDistances(graph, w, cutoff)));
const jsPer = jsAllMs / sources.length;
console.log(`[JS] ${sources.length} walks to ${cutoff} m: ${sec(jsAllMs)} (${jsPer.toFixed(1)} ms per station)`);

const territory = (withRoads: boolean): Territory => ({
  districts: [], streets: [], grids: [], businessDistricts: [], enterprises: [], buildings, stations, ...(withRoads ? { roads } : {}),
});
const [model, netModelMs] = time(() => new CoverageModel(territory(true), DEFAULT_REACH_CONFIG, TODAY));
const [, straightMs] = time(() => new CoverageModel(territory(false), DEFAULT_REACH_CONFIG, TODAY));
const served = [...model.reach.values()].filter((r) => r.served).length;
console.log(`[JS] coverage reach of every building on the network: ${sec(netModelMs)} (straight line: ${sec(straightMs)}; ratio ${(netModelMs / straightMs).toFixed(1)}×); ${served} of ${buildings.length} served on foot`);

const moved = stations.map((s, i) => (i === 0 ? { ...s, lon: s.lon + 0.003, lat: s.lat + 0.002 } : s));
const [, incMs] = time(() => model.setStations(moved, [stations[0] as StationFacts, moved[0] as StationFacts]));
console.log(`[JS] one station moved 350 m: incremental update ${sec(incMs)} (${(netModelMs / incMs).toFixed(0)}× faster than the full build)`);

// Walking bands drawn as areas (what /api/coverage/bands/polygons answers): one station's own at 10 m cells, and
// every station's together on one grid whose cells grow to keep within the sample budget.
const bandsM = DEFAULT_REACH_CONFIG.bandsMinutes.map((m) => (m * DEFAULT_REACH_CONFIG.walkingSpeedKmh * 1000) / 60);
const isoSources = stations.map((s) => ({ lon: s.lon, lat: s.lat, walk: model.network.walkOf(s) }));
const first = isoSources.find((s) => s.walk) ?? isoSources[0];
if (first) {
  const pad = (Math.max(...bandsM) + 20) / 100_000;
  const own: [number, number, number, number] = [first.lon - pad / Math.cos((first.lat * Math.PI) / 180), first.lat - pad, first.lon + pad / Math.cos((first.lat * Math.PI) / 180), first.lat + pad];
  const [, ownMs] = time(() => isochroneBands({ graph: model.network.walkGraph, sources: [first], bandsM, bbox: own, cellM: 10, joinM: MAX_JOIN_M }));
  let cellM = 10;
  while (sampleCount(bbox, cellM) > BUDGETS.isochroneSamples) cellM *= 1.25;
  const [all, allMs] = time(() => isochroneBands({ graph: model.network.walkGraph, sources: isoSources, bandsM, bbox, cellM, joinM: MAX_JOIN_M }));
  const parts = all.map((b) => b.polygons.length).join('/');
  console.log(`[JS] band areas: one station's ${bandsM.length} bands at 10 m in ${sec(ownMs)}; all ${isoSources.length} stations' at ${cellM.toFixed(0)} m cells in ${sec(allMs)} (${parts} polygons per band)`);
}

const env = loadEnv();
const url = env.TEST_DATABASE_URL ?? env.DATABASE_URL;
if (!url) {
  console.log('[pgRouting] skipped: set TEST_DATABASE_URL or DATABASE_URL');
} else {
  const name = `pbmap_bench_reach_${randomBytes(4).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const store = await openPostgres(u.toString());
  try {
    const sample = sources.slice(0, Math.min(sources.length, 200));
    // The moved station of the JS incremental update, joined to the graph at its new place.
    const movedSnap = moved[0] ? snapToGraph(graph, moved[0].lon, moved[0].lat, MAX_JOIN_M) : null;
    const movedWalk = movedSnap ? [sourcesOf(graph, movedSnap)] : [];
    const BATCH = 100;
    const [loadMs, pgMs, pgAllMs, pgMovedMs] = await store.write(async (tx) => {
      let t = performance.now();
      await loadGraph(tx, graph);
      const load = performance.now() - t;
      t = performance.now();
      // One call per station, as an isochrone request makes.
      for (const w of sample) await pgWalkDistances(tx, graph, [w], cutoff);
      const one = performance.now() - t;
      // Every station, many starts per call (pgRouting builds its graph once per call).
      t = performance.now();
      for (let i = 0; i < sources.length; i += BATCH) await pgWalkDistances(tx, graph, sources.slice(i, i + BATCH), cutoff);
      const all = performance.now() - t;
      // The incremental update after one station moved: only its walk is asked again.
      t = performance.now();
      if (movedWalk.length) await pgWalkDistances(tx, graph, movedWalk, cutoff);
      return [load, one, all, performance.now() - t];
    });
    const pgPer = pgMs / sample.length;
    const [, jsSampleMs] = time(() => sample.forEach((w) => walkDistances(graph, w, cutoff)));
    const jsSamplePer = jsSampleMs / sample.length;
    console.log(`[pgRouting] graph loaded in ${sec(loadMs)}; ${sample.length} walks one per call: ${sec(pgMs)} (${pgPer.toFixed(1)} ms per station)`);
    console.log(`[pgRouting] all ${sources.length} walks, ${BATCH} per call: ${sec(pgAllMs)} (${(pgAllMs / sources.length).toFixed(1)} ms per station)`);
    console.log(`[pgRouting] one station moved: its walk again ${sec(pgMovedMs)} (the JS model's whole incremental update, re-walk and recount: ${sec(incMs)})`);
    console.log(`ratio pgRouting : JS per station = ${(pgPer / jsSamplePer).toFixed(1)} : 1 one per call; ${(pgAllMs / jsAllMs).toFixed(1)} : 1 for all stations batched`);
  } finally {
    await store.close();
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
