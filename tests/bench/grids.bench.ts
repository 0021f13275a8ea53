// npm run bench:grids [-- repeats] — server time of a grid-change preview (issue 12, point 6): one interior vertex
// moved in the four grids that hold it, on a synthetic 9-grid street and a 200-grid street of the same grid size
// and building density (15 buildings and a station every 4 grids), on PGlite and, when TEST_DATABASE_URL or
// DATABASE_URL is set, PostgreSQL. Prints the median of `repeats` previews (default 7) per street and the ratio
// 200 : 9 (the goal is ≤ 10). Absolute times drift on shared machines; the ratio is the figure to compare.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { openPglite, openPostgres, rows, type Store } from '../../server/db/store.js';
import { loadEnv } from '../../server/env.js';
import { CoverageEngine } from '../../server/coverage/engine.js';
import type { AppServices } from '../../server/http/context.js';
import { previewGridChanges } from '../../server/grids/service.js';
import { readGrids } from '../../server/grids/state.js';

const repeats = Math.max(1, Number(process.argv[2] ?? 7));
const TODAY = '2026-06-30';
const CELL_LON = 0.0015;
const CELL_LAT = 0.00135;
const BUILDINGS_PER_GRID = 15;
/** On the 1e-7° lattice, like every stored boundary. */
const q = (x: number) => Math.round(x * 1e7) / 1e7;

interface Street {
  code: string;
  cols: number;
  rows: number;
  lon0: number;
  lat0: number;
}

const STREETS: Street[] = [
  { code: '310199001', cols: 3, rows: 3, lon0: 121.6, lat0: 31.3 },
  { code: '310199002', cols: 20, rows: 10, lon0: 121.7, lat0: 31.3 },
];

const at = (s: Street, i: number, j: number): Position => [q(s.lon0 + i * CELL_LON), q(s.lat0 + j * CELL_LAT)];

/** A cell's ring, counter-clockwise from its south-west corner. */
const cell = (s: Street, i: number, j: number): Polygon => ({ type: 'Polygon', coordinates: [[at(s, i, j), at(s, i + 1, j), at(s, i + 1, j + 1), at(s, i, j + 1), at(s, i, j)]] });

/** The outline with every lattice vertex on it, so each grid edge on the outline is an outline edge too. */
function outline(s: Street): MultiPolygon {
  const ring: Position[] = [];
  for (let i = 0; i < s.cols; i++) ring.push(at(s, i, 0));
  for (let j = 0; j < s.rows; j++) ring.push(at(s, s.cols, j));
  for (let i = s.cols; i > 0; i--) ring.push(at(s, i, s.rows));
  for (let j = s.rows; j > 0; j--) ring.push(at(s, 0, j));
  ring.push(at(s, 0, 0));
  return { type: 'MultiPolygon', coordinates: [[ring]] };
}

/** A small deterministic generator: the same buildings on every run. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

async function seed(store: Store): Promise<void> {
  await store.write(async (tx) => {
    await tx.execute(sql`INSERT INTO districts (code, name, name_en, city, source) VALUES ('310199', '基准区', 'Bench', '上海', 'bench') ON CONFLICT DO NOTHING`);
    for (const s of STREETS) {
      const gj = (g: unknown) => sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(g)}::text), 4326)`;
      await tx.execute(sql`INSERT INTO streets (code, district_code, name, name_en, geom, source) VALUES (${s.code}, '310199', ${`基准${s.code}`}, ${`Bench ${s.code}`}, ${gj(outline(s))}, 'bench')`);
      const rnd = random(Number(s.code));
      for (let j = 0; j < s.rows; j++) {
        for (let i = 0; i < s.cols; i++) {
          const n = j * s.cols + i + 1;
          const [r] = await rows<{ id: number }>(
            tx,
            sql`INSERT INTO grids (street_code, code, name, geom, source) VALUES (${s.code}, ${`${s.code}-G${n}`}, ${`网格${n}`}, ${gj(cell(s, i, j))}, 'bench') RETURNING id`,
          );
          const gridId = (r as { id: number }).id;
          for (let b = 0; b < BUILDINGS_PER_GRID; b++) {
            const [x, y] = at(s, i + 0.1 + 0.75 * rnd(), j + 0.1 + 0.75 * rnd()) as [number, number];
            const d = 0.0001;
            const foot: Polygon = { type: 'Polygon', coordinates: [[[x, y], [q(x + d), y], [q(x + d), q(y + d)], [x, q(y + d)], [x, y]]] };
            await tx.execute(
              sql`INSERT INTO buildings (name, address, street_code, grid_id, kind, floors, geom, source) VALUES (${`楼${n}-${b}`}, 'bench', ${s.code}, ${gridId}, 'office', 10, ${gj(foot)}, 'bench')`,
            );
          }
          if (n % 4 === 1) {
            const p = at(s, i + 0.5, j + 0.5);
            await tx.execute(sql`INSERT INTO stations (name, type, street_code, grid_id, geom, source) VALUES (${`站${n}`}, 'party_service_point', ${s.code}, ${gridId}, ${gj({ type: 'Point', coordinates: p })}, 'bench')`);
          }
        }
      }
    }
  });
}

/** The change set that moves the interior lattice vertex nearest the middle ~20 m, in all four grids that hold it. */
async function oneVertexMove(store: Store, s: Street): Promise<{ changes: { id: number; version: number; geometry: Polygon }[] }> {
  const v = at(s, Math.floor(s.cols / 2), Math.floor(s.rows / 2));
  const to: Position = [q((v[0] as number) + 0.00014), q((v[1] as number) + 0.00011)];
  const same = (p: Position) => p[0] === v[0] && p[1] === v[1];
  const grids = await store.read((db) => readGrids(db, s.code));
  const holders = grids.filter((g) => (g.geometry.coordinates[0] as Position[]).some(same));
  if (holders.length !== 4) throw new Error(`expected 4 grids at the middle vertex of ${s.code}, found ${holders.length}`);
  return {
    changes: holders.map((g) => ({ id: g.id, version: g.version, geometry: { type: 'Polygon', coordinates: g.geometry.coordinates.map((r) => r.map((p) => (same(p) ? to : p))) } })),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function bench(label: string, store: Store): Promise<void> {
  await seed(store);
  const services = { store, coverage: new CoverageEngine(store, () => TODAY) } as unknown as AppServices;
  const times: number[] = [];
  for (const s of STREETS) {
    const set = await oneVertexMove(store, s);
    const first = await previewGridChanges(services, s.code, set);
    if (!first.ok) throw new Error(`${s.code}: the bench's move is not clean: ${JSON.stringify(first.problems)}`);
    const ms: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const t = performance.now();
      await previewGridChanges(services, s.code, set);
      ms.push(performance.now() - t);
    }
    times.push(median(ms));
    console.log(`[${label}] ${s.cols * s.rows} grids, ${s.cols * s.rows * BUILDINGS_PER_GRID} buildings: one-vertex preview ${median(ms).toFixed(0)} ms (median of ${repeats})`);
  }
  console.log(`[${label}] ratio 200 : 9 grids = ${((times[1] as number) / (times[0] as number)).toFixed(1)} (goal ≤ 10)`);
}

const pglite = await openPglite(null);
try {
  await bench('PGlite', pglite);
} finally {
  await pglite.close();
}

const env = loadEnv();
const url = env.TEST_DATABASE_URL ?? env.DATABASE_URL;
if (!url) {
  console.log('[PostgreSQL] skipped: set TEST_DATABASE_URL or DATABASE_URL');
} else {
  const name = `pbmap_bench_grids_${randomBytes(4).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  try {
    const store = await openPostgres(u.toString());
    try {
      await bench('PostgreSQL', store);
    } finally {
      await store.close();
    }
  } finally {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
