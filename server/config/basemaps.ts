// The basemaps a client may offer: two drawn from our own data (always, offline) and external ones
// configured by the environment. External tiles come from the user's browser, never through us.
import type { Env } from '../env.js';
import type { Basemap } from './contract.js';


export function basemaps(env: Env): Basemap[] {
  const list: Basemap[] = [
    { id: 'dark', name: { zh: '深色(本地数据)', en: 'Dark (own data)' }, kind: 'builtin', theme: 'dark', crs: 'wgs84' },
    { id: 'light', name: { zh: '浅色(本地数据)', en: 'Light (own data)' }, kind: 'builtin', theme: 'light', crs: 'wgs84' },
  ];
  if (env.TIANDITU_KEY) {
    // The _w (web Mercator) matrix overlays WGS84/CGCS2000 data without a shift.
    const t = (layer: string) =>
      [0, 1, 2, 3].map((n) => `https://t${n}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${env.TIANDITU_KEY}`);
    list.push({
      id: 'tianditu-vec', name: { zh: '天地图·矢量', en: 'Tianditu vector' }, kind: 'raster', theme: 'light', crs: 'wgs84',
      rasters: [{ tiles: t('vec') }, { tiles: t('cva') }], tileSize: 256, maxZoom: 18,
      attribution: '© 国家地理信息公共服务平台 天地图', approval: env.BASEMAP_APPROVAL || 'GS(2024)0568号',
    });
  }
  if (env.BASEMAP_URL) {
    const url = env.BASEMAP_URL.replace('{TileMatrix}', '{z}').replace('{TileCol}', '{x}').replace('{TileRow}', '{y}');
    list.push({
      id: 'custom', name: { zh: env.BASEMAP_NAME, en: env.BASEMAP_NAME }, kind: 'raster', theme: 'light', crs: env.BASEMAP_CRS,
      rasters: [{ tiles: [url] }], tileSize: 256, maxZoom: 19, attribution: env.BASEMAP_ATTRIBUTION, approval: env.BASEMAP_APPROVAL,
    });
  }
  return list;
}
