// What one request may ask of the server, stated once (issue 18 point 2). Past a budget the answer is 413 with a
// sentence saying the budget and what to do instead, before any of the work is done. docs/deploy.md and the
// OpenAPI descriptions quote these numbers.
import { ApiError } from './errors.js';

export const BUDGETS = {
  /** JSON request bodies (grid edits, settings, publications). */
  jsonBodyBytes: 1024 * 1024,
  /** Vertices in one grid change set, over all its polygons (preview and save): a 38k-vertex preview took 8–26 s. */
  changeSetVertices: 20_000,
  /** A station photo as uploaded (a phone's JPEG is 2–8 MB); it is stored shrunk to a long side of 1600 px. */
  photoUploadBytes: 15 * 1024 * 1024,
  /** Import files. */
  importBytes: 20 * 1024 * 1024,
  /** Data rows of one roster file, and features of one boundary file. */
  importRows: 50_000,
  /** Features per page of OGC items (a larger limit is clamped to it, as OGC API – Features allows). */
  ogcItemsPerPage: 1000,
  /** Features in one vector tile (server/tiles): past it the tile is 413 and the client zooms in or filters. */
  tileFeatures: 50_000,
  /** Bytes of rendered tiles kept in memory (server/tiles/cache.ts), least recently used dropped first. */
  tileCacheBytes: 64 * 1024 * 1024,
  /** Bytes of OGC item pages kept in memory (outlines every map load asks for: districts, streets, grids…). */
  itemsCacheBytes: 32 * 1024 * 1024,
  /** Hexagons a density box may span at its zoom (server/density): about four full-HD screens of them. */
  densityHexes: 50_000,
  /** Samples of the walk drawn for one answer of walking bands as areas (server/coverage/band-areas.ts): past it
   *  the grid's cells grow from 10 m (the answer states its cellM), so a district costs what a street does. */
  isochroneSamples: 1_000_000,
} as const;

export function overBudget(what: string, actual: number, budget: number, advice: string): ApiError {
  return new ApiError(413, 'payload_too_large', `${what}: ${actual.toLocaleString('en')}, more than the ${budget.toLocaleString('en')} allowed per request; ${advice}.`, { actual, budget });
}

/** Vertices of every polygon in a change set. */
export function changeSetVertices(changes: readonly object[]): number {
  let n = 0;
  for (const c of changes) {
    const g = 'geometry' in c ? (c.geometry as { coordinates?: unknown[][] } | undefined) : undefined;
    for (const ring of g?.coordinates ?? []) n += ring.length;
  }
  return n;
}
