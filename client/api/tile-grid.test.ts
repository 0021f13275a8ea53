import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { childrenOf, pointTileLevel, tileOf, tilesCovering } from './tile-grid';
import { tileOf as serverTileOf } from '../../server/tiles/tms';

describe('tile grid', () => {
  it('finds the WebMercatorQuad tile of a place as the server cuts it', () => {
    fc.assert(
      fc.property(fc.double({ min: -179, max: 179, noNaN: true }), fc.double({ min: -80, max: 80, noNaN: true }), fc.integer({ min: 0, max: 20 }), (lon, lat, z) => {
        const [x, y] = tileOf(lon, lat, z);
        const t = serverTileOf(lon, lat, z);
        expect([Math.floor(x), Math.floor(y)]).toEqual([t.x, t.y]);
      }),
      { numRuns: 500 },
    );
    expect(tileOf(-180, 85.0511287798066, 3)).toEqual([0, expect.closeTo(0, 9)]);
  });

  it('covers a box with every tile it touches and no other', () => {
    fc.assert(
      fc.property(fc.double({ min: 100, max: 130, noNaN: true }), fc.double({ min: 20, max: 40, noNaN: true }), fc.double({ min: 0.001, max: 0.5, noNaN: true }), fc.integer({ min: 8, max: 16 }), (w, s, size, z) => {
        const box: [number, number, number, number] = [w, s, w + size, s + size * 0.7];
        const tiles = tilesCovering(box, z);
        const key = (x: number, y: number) => `${Math.floor(x)}/${Math.floor(y)}`;
        const have = new Set(tiles.map((t) => `${t.x}/${t.y}`));
        // Every corner and a lattice of inner points lies in a listed tile.
        for (let i = 0; i <= 4; i++) for (let j = 0; j <= 4; j++) expect(have.has(key(...tileOf(box[0] + ((box[2] - box[0]) * i) / 4, box[1] + ((box[3] - box[1]) * j) / 4, z)))).toBe(true);
        // And the list is exactly the rectangle between the corners' tiles.
        const [x0, y0] = tileOf(box[0], box[3], z);
        const [x1, y1] = tileOf(box[2], box[1], z);
        expect(tiles.length).toBe((Math.floor(x1) - Math.floor(x0) + 1) * (Math.floor(y1) - Math.floor(y0) + 1));
      }),
      { numRuns: 300 },
    );
  });

  it('splits a tile into the four of the next level, and reads points one level above the view’s whole zoom, within 8..16', () => {
    expect(childrenOf({ z: 3, x: 2, y: 5 })).toEqual([{ z: 4, x: 4, y: 10 }, { z: 4, x: 5, y: 10 }, { z: 4, x: 4, y: 11 }, { z: 4, x: 5, y: 11 }]);
    expect([2, 8.9, 12.3, 15.99, 19].map(pointTileLevel)).toEqual([8, 8, 11, 14, 16]);
  });
});
