import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
const mb = (x) => Math.round(x / 2 ** 20);
const pg = await PGlite.create({ dataDir: '/tmp/pgl-probe', extensions: { postgis }, startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'] });
await pg.exec('CREATE EXTENSION IF NOT EXISTS postgis');
await pg.query(`SELECT ST_AsText(ST_Transform(ST_SetSRID(ST_MakePoint(121,31),4326), 3857))`);
global.gc(); await new Promise((r) => setTimeout(r, 1000)); global.gc();
console.log('before ab', mb(process.memoryUsage().arrayBuffers), 'heap', mb(pg.Module.HEAPU8.length), 'rss', mb(process.memoryUsage().rss));
if (process.argv[2]) {
  const FS = pg.Module.FS;
  for (const f of ['/pglite/lib/postgresql/postgis_raster-3.so', '/pglite/lib/postgresql/postgis_topology-3.so']) { try { FS.unlink(f); } catch (e) { console.log('x', f, e.message); } }
  for (const d of ['/pglite/share/postgresql/extension', '/pglite/share/postgresql/contrib/postgis-3.6']) for (const n of FS.readdir(d)) if (/postgis|spatial_ref_sys|topology|raster/.test(n) && n.endsWith('.sql')) FS.unlink(`${d}/${n}`);
  global.gc(); await new Promise((r) => setTimeout(r, 1000)); global.gc();
  console.log('after ab', mb(process.memoryUsage().arrayBuffers), 'heap', mb(pg.Module.HEAPU8.length), 'rss', mb(process.memoryUsage().rss));
  console.log((await pg.query(`SELECT ST_AsText(ST_Transform(ST_SetSRID(ST_MakePoint(121,31),4326), 3857)) t`)).rows);
}
await pg.close();
