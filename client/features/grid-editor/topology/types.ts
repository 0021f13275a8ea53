// Plain shapes the topology rules work on: a street outline, its grids as edited, and the rules the
// server checks against. No DOM, no I/O: everything here runs in tests as it runs in the page.
import type { MultiPolygon, Point, Polygon, Position } from 'geojson';

/** A grid as the editor holds it. `key` is stable for the editing session: `g:<id>` for stored grids,
 *  `n:<serial>` for grids drawn here (they have no id until saved). */
export interface EditGrid {
  key: string;
  id: number | null;
  version: number | null;
  code: string | null;
  name: string;
  geometry: Polygon;
}

export interface StreetOutline {
  code: string;
  geometry: MultiPolygon | Polygon;
}

export interface Rules {
  /** Grids smaller than this are slivers. */
  minAreaM2: number;
  /** Gaps, overlaps and parts outside the street smaller than this are rounding noise. */
  toleranceM2: number;
}

import type { Problem as ServerProblem } from '../../../../server/grids/contract';

export type ProblemKind = ServerProblem['kind'];

/** One thing wrong with the partition, found here or reported by the server. */
export interface Problem {
  kind: ProblemKind;
  /** Grid keys involved (for a gap: the grids around it, candidates to receive it). */
  gridKeys: string[];
  areaM2: number | null;
  /** The offending area (or, for an invalid ring, the grid itself). */
  geometry: Polygon | MultiPolygon | null;
  /** Self-intersection points, for an invalid ring. */
  points?: Position[];
  /** A stable id for lists and zooming. */
  id: string;
  /** Why, in machine terms; the UI turns it into words. */
  reason: 'kinks' | 'too_few_points' | 'bad_coordinates' | 'holes' | 'outside' | 'overlap' | 'gap' | 'sliver' | 'server';
  /** Text from the server, when the server found it. */
  message?: string;
}

export interface PointFeature {
  id: number;
  name: string;
  gridId: number | null;
  geometry: Point | Polygon;
}

// What the server accepts: one definition, the server's (types only; nothing server-side is bundled).
export type { Change, ChangeSet } from '../../../../server/grids/contract';
