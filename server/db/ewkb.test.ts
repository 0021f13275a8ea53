import { describe, it, expect } from 'vitest';
import type { Position } from 'geojson';
import { decodeEwkbHex } from './ewkb.js';

// A tiny (E)WKB writer, so each test spells out the bytes it feeds the decoder.
type Order = 'LE' | 'BE';
const SRID_FLAG = 0x20000000;
const Z_FLAG = 0x80000000;
const M_FLAG = 0x40000000;

class Wkb {
  private readonly bytes: number[] = [];
  constructor(private readonly order: Order) {}
  private push(size: number, write: (v: DataView) => void): this {
    const v = new DataView(new ArrayBuffer(size));
    write(v);
    for (let i = 0; i < size; i++) this.bytes.push(v.getUint8(i));
    return this;
  }
  header(type: number, srid?: number): this {
    this.bytes.push(this.order === 'LE' ? 1 : 0);
    this.u32(srid === undefined ? type : (type | SRID_FLAG) >>> 0);
    if (srid !== undefined) this.u32(srid);
    return this;
  }
  u32(n: number): this {
    return this.push(4, (v) => v.setUint32(0, n >>> 0, this.order === 'LE'));
  }
  f64(...xs: number[]): this {
    for (const x of xs) this.push(8, (v) => v.setFloat64(0, x, this.order === 'LE'));
    return this;
  }
  points(ps: Position[]): this {
    this.u32(ps.length);
    for (const p of ps) this.f64(...p);
    return this;
  }
  rings(rs: Position[][]): this {
    this.u32(rs.length);
    for (const r of rs) this.points(r);
    return this;
  }
  raw(hex: string): this {
    for (let i = 0; i < hex.length; i += 2) this.bytes.push(parseInt(hex.slice(i, i + 2), 16));
    return this;
  }
  hex(): string {
    return this.bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  }
}

const wkb = (order: Order) => new Wkb(order);

const square: Position[] = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]];
const hole: Position[] = [[2, 2], [2, 4], [4, 4], [4, 2], [2, 2]];
const triangle: Position[] = [[121.4701234, 31.2301234], [121.48, 31.23], [121.475, 31.24], [121.4701234, 31.2301234]];

describe('decodeEwkbHex: known hex from PostGIS', () => {
  it('decodes ST_AsEWKB(ST_SetSRID(ST_MakePoint(1, 2), 4326)) as PostgreSQL sends it', () => {
    expect(decodeEwkbHex('0101000020E6100000000000000000F03F0000000000000040')).toEqual({ type: 'Point', coordinates: [1, 2] });
  });

  it('decodes a plain WKB point (ST_AsBinary(ST_MakePoint(1, 2)))', () => {
    expect(decodeEwkbHex('0101000000000000000000f03f0000000000000040')).toEqual({ type: 'Point', coordinates: [1, 2] });
  });

  it('decodes a big-endian WKB point', () => {
    expect(decodeEwkbHex('00000000013FF00000000000004000000000000000')).toEqual({ type: 'Point', coordinates: [1, 2] });
  });
});

describe.each<Order>(['LE', 'BE'])('decodeEwkbHex, %s byte order', (order) => {
  describe.each([
    ['without SRID', undefined],
    ['with EWKB SRID 4326', 4326],
  ])('%s', (_label, srid) => {
    it('Point', () => {
      const hex = wkb(order).header(1, srid).f64(121.4737, 31.2304).hex();
      expect(decodeEwkbHex(hex)).toEqual({ type: 'Point', coordinates: [121.4737, 31.2304] });
    });

    it('Point with negative and fractional ordinates, exactly', () => {
      const hex = wkb(order).header(1, srid).f64(-0.1234567, -89.9999999).hex();
      expect(decodeEwkbHex(hex)).toEqual({ type: 'Point', coordinates: [-0.1234567, -89.9999999] });
    });

    it('LineString', () => {
      const line: Position[] = [[0, 0], [1, 1], [2, 0.5], [3, -1]];
      const hex = wkb(order).header(2, srid).points(line).hex();
      expect(decodeEwkbHex(hex)).toEqual({ type: 'LineString', coordinates: line });
    });

    it('empty LineString', () => {
      expect(decodeEwkbHex(wkb(order).header(2, srid).u32(0).hex())).toEqual({ type: 'LineString', coordinates: [] });
    });

    it('Polygon with a hole', () => {
      const hex = wkb(order).header(3, srid).rings([square, hole]).hex();
      expect(decodeEwkbHex(hex)).toEqual({ type: 'Polygon', coordinates: [square, hole] });
    });

    it('MultiPolygon (the outer geometry carries the SRID, the parts do not)', () => {
      const w = wkb(order).header(6, srid).u32(2);
      w.header(3).rings([square, hole]);
      w.header(3).rings([triangle]);
      expect(decodeEwkbHex(w.hex())).toEqual({ type: 'MultiPolygon', coordinates: [[square, hole], [triangle]] });
    });

    it('MultiPoint and MultiLineString', () => {
      const mp = wkb(order).header(4, srid).u32(2);
      mp.header(1).f64(1, 2);
      mp.header(1).f64(3, 4);
      expect(decodeEwkbHex(mp.hex())).toEqual({ type: 'MultiPoint', coordinates: [[1, 2], [3, 4]] });

      const ml = wkb(order).header(5, srid).u32(2);
      ml.header(2).points([[0, 0], [1, 1]]);
      ml.header(2).points([[2, 2], [3, 3], [4, 4]]);
      expect(decodeEwkbHex(ml.hex())).toEqual({
        type: 'MultiLineString',
        coordinates: [[[0, 0], [1, 1]], [[2, 2], [3, 3], [4, 4]]],
      });
    });

    it('GeometryCollection of a point and a line', () => {
      const w = wkb(order).header(7, srid).u32(2);
      w.header(1).f64(5, 6);
      w.header(2).points([[0, 0], [1, 0]]);
      expect(decodeEwkbHex(w.hex())).toEqual({
        type: 'GeometryCollection',
        geometries: [
          { type: 'Point', coordinates: [5, 6] },
          { type: 'LineString', coordinates: [[0, 0], [1, 0]] },
        ],
      });
    });

    it('drops Z from an EWKB Z point (flag 0x80000000)', () => {
      const hex = wkb(order).header((1 | Z_FLAG) >>> 0, srid).f64(1, 2, 99).hex();
      expect(decodeEwkbHex(hex)).toEqual({ type: 'Point', coordinates: [1, 2] });
    });

    it('drops Z from an EWKB Z polygon, keeping every vertex aligned', () => {
      const z = (ring: Position[]) => ring.map(([x, y], i) => [x as number, y as number, 100 + i]);
      const hex = wkb(order).header((3 | Z_FLAG) >>> 0, srid).rings([z(square), z(hole)]).hex();
      expect(decodeEwkbHex(hex)).toEqual({ type: 'Polygon', coordinates: [square, hole] });
    });

    it('drops M (EWKB flag 0x40000000) and ZM', () => {
      expect(decodeEwkbHex(wkb(order).header((1 | M_FLAG) >>> 0, srid).f64(1, 2, 7).hex())).toEqual({
        type: 'Point',
        coordinates: [1, 2],
      });
      expect(decodeEwkbHex(wkb(order).header((1 | Z_FLAG | M_FLAG) >>> 0, srid).f64(1, 2, 3, 4).hex())).toEqual({
        type: 'Point',
        coordinates: [1, 2],
      });
    });
  });

  it('drops Z from an ISO WKB Z point (type 1001)', () => {
    expect(decodeEwkbHex(wkb(order).header(1001).f64(1, 2, 3).hex())).toEqual({ type: 'Point', coordinates: [1, 2] });
  });

  it('drops M and ZM from ISO WKB (types 2002, 3003)', () => {
    expect(decodeEwkbHex(wkb(order).header(2002).points([[1, 2, 9], [3, 4, 9]]).hex())).toEqual({
      type: 'LineString',
      coordinates: [[1, 2], [3, 4]],
    });
    expect(decodeEwkbHex(wkb(order).header(3003).rings([square.map(([x, y]) => [x as number, y as number, 1, 2])]).hex())).toEqual({
      type: 'Polygon',
      coordinates: [square],
    });
  });

  it('decodes an ISO Z MultiPolygon (1006) with Z parts (1003)', () => {
    const w = wkb(order).header(1006).u32(1);
    w.header(1003).rings([triangle.map(([x, y]) => [x as number, y as number, 0])]);
    expect(decodeEwkbHex(w.hex())).toEqual({ type: 'MultiPolygon', coordinates: [[triangle]] });
  });

  it('rejects an unsupported geometry type', () => {
    expect(() => decodeEwkbHex(wkb(order).header(8).u32(0).hex())).toThrow(/Unsupported WKB geometry type 8/);
    expect(() => decodeEwkbHex(wkb(order).header(17).hex())).toThrow(/Unsupported/);
  });
});

describe('decodeEwkbHex: mixed byte orders', () => {
  it('reads each part in its own byte order', () => {
    const w = wkb('BE').header(6, 4326).u32(2);
    const le = wkb('LE').header(3).rings([square]).hex();
    const be = wkb('BE').header(3).rings([triangle]).hex();
    w.raw(le).raw(be);
    expect(decodeEwkbHex(w.hex())).toEqual({ type: 'MultiPolygon', coordinates: [[square], [triangle]] });
  });

  it('upper- and lower-case hex decode the same', () => {
    const hex = wkb('LE').header(3, 4326).rings([square, hole]).hex();
    expect(decodeEwkbHex(hex.toUpperCase())).toEqual(decodeEwkbHex(hex.toLowerCase()));
  });
});

describe('decodeEwkbHex: invalid input', () => {
  it.each([
    ['empty', ''],
    ['odd length', '0101000000000000000000f03f000000000000004'],
    ['non-hex characters', '01010000zz'],
    ['a 0x prefix', '0x0101000000000000000000f03f0000000000000040'],
    ['whitespace', '01 01000000'],
  ])('throws on %s', (_label, hex) => {
    expect(() => decodeEwkbHex(hex)).toThrow(/Not a hex-encoded WKB value/);
  });

  it('throws on a truncated value', () => {
    const hex = wkb('LE').header(3).rings([square]).hex();
    expect(() => decodeEwkbHex(hex.slice(0, hex.length - 16))).toThrow(RangeError);
    expect(() => decodeEwkbHex('0101000000')).toThrow(RangeError);
  });
});
