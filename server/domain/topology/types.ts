// Shared vocabulary of grid editing: keys that name grids in a change set, and the problems a set can have.
import type { MultiPolygon, Point, Polygon } from 'geojson';

/** An existing grid is named by its id; a grid the change set creates by `new:<index in changes>`. */
export type GridKey = number | `new:${number}`;

export type ProblemKind = 'invalid' | 'outside' | 'overlap' | 'gap' | 'sliver' | 'stale' | 'unknown_grid' | 'give_to';

export interface Problem {
  kind: ProblemKind;
  gridIds: GridKey[];
  areaM2?: number;
  /** The offending area (overlap, gap, part outside) or the place of an invalidity. */
  geometry?: Polygon | MultiPolygon;
  /** Where a boundary is invalid (e.g. the self-intersection), from ST_IsValidDetail. */
  location?: Point;
  message: string;
}

export interface GridRules {
  /** Grids smaller than this are slivers. */
  minAreaM2: number;
  /**
   * Only for the editor's live check, which overlays in floating point (turf): pieces below this are its own
   * rounding noise. The server has no tolerance: after the snap any gap or overlap of positive area is a problem.
   */
  toleranceM2: number;
}

export const DEFAULT_GRID_RULES: GridRules = { minAreaM2: 500, toleranceM2: 0.001 };

/** Problems that make a change set malformed (422), versus ones that break the partition (409). */
export const INVALID_KINDS: ReadonlySet<ProblemKind> = new Set(['invalid', 'sliver', 'unknown_grid', 'give_to']);
export const PARTITION_KINDS: ReadonlySet<ProblemKind> = new Set(['outside', 'overlap', 'gap']);
