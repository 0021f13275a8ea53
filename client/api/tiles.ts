// How the map asks for the server's vector tiles (OGC API – Tiles): the same auth as every other call
// (session cookie, or a wall's display token as Authorization), parsed off the page's thread by loaders.gl's own
// MVT worker, shipped with the client (its default address is a public CDN, which intranet machines cannot reach).
// The worker also cuts the polygons into triangles: on a city view (50,000 buildings) parsing and triangulating on
// the page's thread blocked it for seconds.
import { MVTLoader } from '@loaders.gl/mvt';
import mvtWorkerUrl from '@loaders.gl/mvt/mvt-worker.js?url';
import { getBearerToken } from './http';
import type { TileSource } from '../map/layers/types';

export const tileUrl = (collection: string): string => `/ogc/collections/${collection}/tiles/WebMercatorQuad/{z}/{y}/{x}`;

let kept: { token: string | null; source: TileSource } | null = null;

/** One object per token: a new one would make the tile layers load every tile again. */
export function tileSource(): TileSource {
  const token = getBearerToken();
  if (kept?.token === token) return kept.source;
  kept = { token, source: make(token) };
  return kept.source;
}

function make(token: string | null): TileSource {
  return {
    url: tileUrl,
    loaders: [MVTLoader],
    loadOptions: {
      core: { worker: true, fetch: { credentials: 'same-origin', headers: token ? { authorization: `Bearer ${token}` } : {} } },
      mvt: { workerUrl: mvtWorkerUrl },
    },
  };
}
