// How the map asks for the server's vector tiles (OGC API – Tiles): the same auth as every other call
// (session cookie, or a wall's display token as Authorization), and parsed on the page's thread: loaders.gl
// would otherwise load its worker script from a public CDN, which intranet machines cannot reach.
import { MVTLoader } from '@loaders.gl/mvt';
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
    loadOptions: { core: { worker: false, fetch: { credentials: 'same-origin', headers: token ? { authorization: `Bearer ${token}` } : {} } } },
  };
}
