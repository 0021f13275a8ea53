import { describe, it, expect } from 'vitest';
import type { Polygon, Position } from 'geojson';
import { latticeStreet, type LatticeSpec } from './lattice.js';
import { createRng } from './random.js';
import { ringSignedArea } from './geometry.js';

const signedArea = ringSignedArea;

const exterior = (p: Polygon): Position[] => p.coordinates[0] as Position[];
const key = (p: Position): string => `${p[0]},${p[1]}`;

/** Directed edges of a closed ring, as "x,y>x,y". */
function edges(ring: Position[]): string[] {
  return ring.slice(0, -1).map((p, k) => `${key(p)}>${key(ring[k + 1] as Position)}`);
}
const reverse = (edge: string): string => edge.split('>').reverse().join('>');

const SPECS: [string, LatticeSpec][] = [
  ['湖南路 2×2 (Shanghai)', { bbox: [121.432, 31.205, 121.458, 31.2193], columns: 2, rows: 2 }],
  ['金山 2×2 (a larger street)', { bbox: [121.335, 30.725, 121.385, 30.765], columns: 2, rows: 2 }],
  ['Hohhot 2×1', { bbox: [111.6692, 40.8179, 111.6892, 40.8319], columns: 2, rows: 1 }],
  ['1×1', { bbox: [121.4, 31.2, 121.42, 31.215], columns: 1, rows: 1 }],
  ['5×4', { bbox: [121.3, 31.1, 121.4, 31.18], columns: 5, rows: 4 }],
  ['3×1 strip, west of Greenwich and south of the equator', { bbox: [-0.06, -0.01, 0.06, 0.01], columns: 3, rows: 1 }],
];
const SEEDS = [1, 20250321, 987654321];

describe.each(SPECS)('latticeStreet %s', (_label, spec) => {
  const { columns, rows } = spec;
  const [w, s, e, n] = spec.bbox;

  describe.each(SEEDS)('seed %i', (seed) => {
    const street = latticeStreet(spec, createRng(seed));
    const outline = exterior(street.outline);

    it('has columns × rows cells, one per column and row, in row-major order', () => {
      expect(street.cells).toHaveLength(columns * rows);
      street.cells.forEach((c, k) => {
        expect(c.column).toBe(k % columns);
        expect(c.row).toBe(Math.floor(k / columns));
        expect(c.polygon.type).toBe('Polygon');
        expect(c.polygon.coordinates).toHaveLength(1);
      });
    });

    it('every cell ring is closed and counter-clockwise, with finite coordinates', () => {
      for (const c of street.cells) {
        const ring = exterior(c.polygon);
        expect(ring).toHaveLength(9); // 4 corners + 4 bent edge midpoints + closing point
        expect(ring[ring.length - 1]).toEqual(ring[0]);
        expect(ring.flat().every((v) => Number.isFinite(v))).toBe(true);
        expect(signedArea(ring)).toBeGreaterThan(0);
      }
    });

    it('no cell ring repeats a vertex (other than the closing one)', () => {
      for (const c of street.cells) {
        const ring = exterior(c.polygon).slice(0, -1);
        expect(new Set(ring.map(key)).size).toBe(ring.length);
      }
    });

    it('the outline is closed and counter-clockwise', () => {
      expect(street.outline.type).toBe('Polygon');
      expect(outline).toHaveLength(4 * columns + 4 * rows + 1);
      expect(outline[outline.length - 1]).toEqual(outline[0]);
      expect(signedArea(outline)).toBeGreaterThan(0);
    });

    it('the cell areas add up to the outline area', () => {
      const sum = street.cells.reduce((a, c) => a + signedArea(exterior(c.polygon)), 0);
      const whole = signedArea(outline);
      expect(Math.abs(sum - whole) / whole).toBeLessThan(1e-9);
    });

    it('the outline area is close to the bbox area (edges bend only a little)', () => {
      const box = (e - w) * (n - s);
      expect(Math.abs(signedArea(outline) - box) / box).toBeLessThan(0.05);
    });

    it('the cells tile the outline: each inner edge is shared, in opposite directions, by exactly two cells', () => {
      const all = street.cells.flatMap((c) => edges(exterior(c.polygon)));
      expect(new Set(all).size).toBe(all.length); // no edge used twice in the same direction: no overlaps
      const boundary = new Set(edges(outline));
      const inner = all.filter((edge) => !boundary.has(edge));
      for (const edge of inner) expect(all, edge).toContain(reverse(edge));
      // Every outline edge belongs to exactly one cell, and nothing else is unpaired.
      expect(all.length - inner.length).toBe(boundary.size);
      expect(inner.length).toBe(4 * ((columns - 1) * rows + columns * (rows - 1)));
    });

    it('neighbouring cells share identical vertex coordinates', () => {
      const cell = (i: number, j: number) => exterior((street.cells[j * columns + i] as { polygon: Polygon }).polygon);
      for (let j = 0; j < rows; j++) {
        for (let i = 0; i < columns; i++) {
          const here = cell(i, j);
          // ring: P(i,j) H(i,j) P(i+1,j) V(i+1,j) P(i+1,j+1) H(i,j+1) P(i,j+1) V(i,j) P(i,j)
          if (i + 1 < columns) {
            const east = cell(i + 1, j);
            expect(east[0]).toEqual(here[2]);
            expect(east[7]).toEqual(here[3]);
            expect(east[6]).toEqual(here[4]);
          }
          if (j + 1 < rows) {
            const north = cell(i, j + 1);
            expect(north[0]).toEqual(here[6]);
            expect(north[1]).toEqual(here[5]);
            expect(north[2]).toEqual(here[4]);
          }
          if (i + 1 < columns && j + 1 < rows) {
            // The four cells around an interior lattice point all meet there.
            expect(cell(i + 1, j + 1)[0]).toEqual(here[4]);
          }
        }
      }
    });

    it('the outline corners are the bbox corners', () => {
      expect(outline[0]).toEqual([w, s]);
      expect(outline[2 * columns]).toEqual([e, s]);
      expect(outline[2 * columns + 2 * rows]).toEqual([e, n]);
      expect(outline[4 * columns + 2 * rows]).toEqual([w, n]);
      // And so are the outer corners of the corner cells.
      expect(exterior(street.cells[0]!.polygon)[0]).toEqual([w, s]);
      expect(exterior(street.cells[columns - 1]!.polygon)[2]).toEqual([e, s]);
      expect(exterior(street.cells[columns * rows - 1]!.polygon)[4]).toEqual([e, n]);
      expect(exterior(street.cells[columns * (rows - 1)]!.polygon)[6]).toEqual([w, n]);
    });

    it('lattice points on the outline slide along the bbox edges only', () => {
      // Even outline positions are lattice points, odd ones bent edge midpoints.
      for (let k = 0; k < outline.length - 1; k += 2) {
        const [x, y] = outline[k] as [number, number];
        const onEdge = x === w || x === e || y === s || y === n;
        expect(onEdge, `outline[${k}] = ${x},${y}`).toBe(true);
        expect(x).toBeGreaterThanOrEqual(w);
        expect(x).toBeLessThanOrEqual(e);
        expect(y).toBeGreaterThanOrEqual(s);
        expect(y).toBeLessThanOrEqual(n);
      }
    });

    it('the outline stays within about 10 m of the bbox', () => {
      const slackLat = 11 / 110_540;
      const slackLon = 11 / (111_320 * Math.cos((((s + n) / 2) * Math.PI) / 180));
      for (const [x, y] of outline as [number, number][]) {
        expect(x).toBeGreaterThanOrEqual(w - slackLon);
        expect(x).toBeLessThanOrEqual(e + slackLon);
        expect(y).toBeGreaterThanOrEqual(s - slackLat);
        expect(y).toBeLessThanOrEqual(n + slackLat);
      }
    });

    it('coordinates have at most 7 decimals', () => {
      const all = [...outline, ...street.cells.flatMap((c) => exterior(c.polygon))];
      for (const p of all) for (const v of p) expect(Math.round(v * 1e7) / 1e7).toBe(v);
    });
  });
});

describe('latticeStreet: randomness', () => {
  const spec: LatticeSpec = { bbox: [121.432, 31.205, 121.458, 31.2193], columns: 3, rows: 3 };

  it('is deterministic for a seed', () => {
    expect(latticeStreet(spec, createRng(5))).toEqual(latticeStreet(spec, createRng(5)));
  });

  it('differs between seeds (interior points wander)', () => {
    expect(latticeStreet(spec, createRng(5))).not.toEqual(latticeStreet(spec, createRng(6)));
  });

  it('moves interior lattice points off the regular lattice, by at most 15% of a cell', () => {
    const street = latticeStreet(spec, createRng(8));
    const [w, s, e, n] = spec.bbox;
    const dx = (e - w) / 3;
    const dy = (n - s) / 3;
    // Cell (1,1) starts at the interior lattice point P(1,1).
    const [x, y] = exterior(street.cells[4]!.polygon)[0] as [number, number];
    expect(x).not.toBe(w + dx);
    expect(Math.abs(x - (w + dx))).toBeLessThanOrEqual(0.15 * dx + 1e-7);
    expect(Math.abs(y - (s + dy))).toBeLessThanOrEqual(0.15 * dy + 1e-7);
  });
});
