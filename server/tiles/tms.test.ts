// Tile addressing and the byte-bounded tile cache, without I/O.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ApiError } from '../http/errors.js';
import { MAX_ZOOM, parseTile, tileBboxWgs84, tileOf, webMercatorQuad } from './tms.js';
import { TileCache } from './cache.js';

const status = (f: () => unknown): number => {
  try {
    f();
    return 200;
  } catch (e) {
    return e instanceof ApiError ? e.status : 500;
  }
};

describe('WebMercatorQuad addressing', () => {
  it('the tile of a point holds it, at every zoom', () => {
    fc.assert(
      fc.property(fc.double({ min: -179.999, max: 179.999, noNaN: true }), fc.double({ min: -85, max: 85, noNaN: true }), fc.integer({ min: 0, max: MAX_ZOOM }), (lon, lat, z) => {
        const t = tileOf(lon, lat, z);
        const [w, s, e, n] = tileBboxWgs84(t);
        const eps = 1e-9;
        expect(lon).toBeGreaterThanOrEqual(w - eps);
        expect(lon).toBeLessThanOrEqual(e + eps);
        expect(lat).toBeGreaterThanOrEqual(s - eps);
        expect(lat).toBeLessThanOrEqual(n + eps);
        expect(status(() => parseTile(String(t.z), String(t.y), String(t.x)))).toBe(200);
      }),
    );
  });

  it('any other path segment is a 4xx, never a 500', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (z, y, x) => {
        expect([200, 400, 404]).toContain(status(() => parseTile(z, y, x)));
      }),
    );
    expect(status(() => parseTile('3', '8', '0'))).toBe(400);
    expect(status(() => parseTile(String(MAX_ZOOM + 1), '0', '0'))).toBe(404);
    expect(status(() => parseTile('01', '0', '0'))).toBe(400);
  });

  it('publishes halving scales from level 0 to the deepest', () => {
    const tms = webMercatorQuad() as { tileMatrices: { scaleDenominator: number; matrixWidth: number }[] };
    expect(tms.tileMatrices).toHaveLength(MAX_ZOOM + 1);
    expect(tms.tileMatrices[0]?.scaleDenominator).toBeCloseTo(559082264.0287178, 3);
    for (let z = 1; z <= MAX_ZOOM; z++) expect((tms.tileMatrices[z - 1]?.scaleDenominator ?? 0) / (tms.tileMatrices[z]?.scaleDenominator ?? 1)).toBeCloseTo(2, 12);
  });
});

describe('tile cache', () => {
  it('stays under its byte limit, drops the least recently used first, and never answers another version', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ key: fc.integer({ min: 0, max: 20 }), size: fc.integer({ min: 0, max: 3000 }), version: fc.integer({ min: 0, max: 2 }) }), { maxLength: 200 }), (ops) => {
        const cache = new TileCache(10_000);
        for (const op of ops) {
          const key = String(op.key);
          const v = String(op.version);
          const hit = cache.get(key, v);
          if (hit) expect(hit.version).toBe(v);
          else cache.set(key, { version: v, bytes: new Uint8Array(op.size), gzip: null, etag: 'x' });
          expect(cache.bytes).toBeLessThanOrEqual(10_000);
        }
      }),
    );
    const cache = new TileCache(1000);
    const tile = (n: number) => ({ version: '1', bytes: new Uint8Array(n), gzip: null, etag: 'x' });
    cache.set('a', tile(300));
    cache.set('b', tile(300));
    cache.get('a', '1');
    cache.set('c', tile(300));
    expect(cache.get('b', '1')).toBeUndefined();
    expect(cache.get('a', '1')).toBeDefined();
    expect(cache.get('c', '1')).toBeDefined();
    expect(cache.get('a', '2')).toBeUndefined();
  });
});
