// A 200-grid street made the way a GIS office makes one (issue 12, point 5): a street outline with slanted edges,
// cut into 200 cells in full double precision, written as a Shapefile by GDAL's ogr2ogr and imported through the
// product's grid import. It opens with no problems; moving one corner changes exactly the grids holding it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Polygon, Position } from 'geojson';
import { snapPosition } from '../../server/domain/topology/lattice.js';
import { openTestStore, storeKinds, type TestStore } from '../helpers/stores.js';
import { GDAL_STREET as STREET, HAS_GDAL, gdalStreetFile, shapefileOfCells } from '../helpers/gdal-street.js';
import { adminSession, client, type Client } from '../helpers/client.js';

interface Grid {
  id: number;
  code: string;
  version: number;
  geometry: Polygon;
}

describe.runIf(HAS_GDAL).each(storeKinds())('a 200-grid street from a GDAL Shapefile (%s)', (kind) => {
  let t: TestStore;
  let c: Client;
  let admin: Record<string, string>;
  const state = async () => ((await (await c.get(`/api/streets/${STREET}/grid-editor`, admin)).json()) as { grids: Grid[] });
  const upload = (path: string, file: Uint8Array | string, name: string) => c.upload(path, file, name, admin);

  beforeAll(async () => {
    t = await openTestStore(kind);
    c = client(t.services);
    admin = await adminSession(c);
    const res = await upload('/api/import/streets', gdalStreetFile(), 'street.geojson');
    expect(res.status, await res.clone().text()).toBe(200);
  });
  afterAll(() => t?.dispose());

  it('imports through the grid import, opens with no problems, and a corner move changes only its four grids', async () => {
    const zip = await shapefileOfCells();
    const preview = (await (await upload('/api/import/grids/preview', zip, 'cells.zip')).json()) as { counts: Record<string, number>; issues: unknown[] };
    expect(preview.issues).toEqual([]);
    expect(preview.counts).toMatchObject({ valid: 200, insert: 200 });
    const res = await upload('/api/import/grids', zip, 'cells.zip');
    expect(res.status, await res.clone().text()).toBe(200);

    const s = await state();
    expect(s.grids.length).toBe(200);
    // Opened as the editor does: every grid sent back as it is has no problem and changes nothing.
    const asIs = { changes: s.grids.map((g) => ({ id: g.id, version: g.version, geometry: g.geometry })) };
    const pv = (await (await c.send('POST', `/api/streets/${STREET}/grid-changes/preview`, asIs, admin)).json()) as { ok: boolean; problems: unknown[] };
    expect(pv.problems).toEqual([]);
    const same = (await (await c.send('POST', `/api/streets/${STREET}/grid-changes`, asIs, admin)).json()) as { changeSetId: number | null };
    expect(same.changeSetId).toBeNull();

    // The corner shared by cells (row 4, col 9), (4, 10), (5, 9), (5, 10): moved about a metre, in every grid holding it.
    const byCode = new Map(s.grids.map((g) => [g.code, g]));
    const cell = (r: number, col: number) => byCode.get(`${STREET}-R${r}C${col}`) as Grid;
    const corner = cell(4, 9).geometry.coordinates[0]?.[2] as Position;
    const holders = s.grids.filter((g) => g.geometry.coordinates[0]?.some((p) => p[0] === corner[0] && p[1] === corner[1]));
    expect(holders.map((g) => g.code).sort()).toEqual([cell(4, 9), cell(4, 10), cell(5, 9), cell(5, 10)].map((g) => g.code).sort());
    const to = snapPosition([(corner[0] as number) + 0.0000087, (corner[1] as number) - 0.0000061]);
    const changes = holders.map((g) => ({ id: g.id, version: g.version, geometry: { type: 'Polygon', coordinates: g.geometry.coordinates.map((r) => r.map((p) => (p[0] === corner[0] && p[1] === corner[1] ? to : p))) } }));
    const saved = await c.send('POST', `/api/streets/${STREET}/grid-changes`, { note: 'one corner', changes }, admin);
    expect(saved.status, await saved.clone().text()).toBe(200);
    const after = await state();
    const changed = after.grids.filter((g) => g.version !== (s.grids.find((x) => x.id === g.id) as Grid).version).map((g) => g.code).sort();
    expect(changed).toEqual(holders.map((g) => g.code).sort());
    const untouched = after.grids.filter((g) => !changed.includes(g.code));
    expect(untouched.every((g) => JSON.stringify(g.geometry) === JSON.stringify((s.grids.find((x) => x.id === g.id) as Grid).geometry))).toBe(true);
  });
});
