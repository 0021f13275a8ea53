// Decodes (E)WKB as PostgreSQL sends geometry values (hex text) into GeoJSON geometries.
// Only the 2D subset we store; Z/M ordinates are dropped.
import type { Geometry, Position } from 'geojson';

const WKB_Z = 0x80000000;
const WKB_M = 0x40000000;
const WKB_SRID = 0x20000000;

class Reader {
  private offset = 0;
  private little = true;
  constructor(private readonly view: DataView) {}
  setOrder(flag: number): void {
    this.little = flag === 1;
  }
  u8(): number {
    return this.view.getUint8(this.offset++);
  }
  u32(): number {
    const v = this.view.getUint32(this.offset, this.little);
    this.offset += 4;
    return v;
  }
  f64(): number {
    const v = this.view.getFloat64(this.offset, this.little);
    this.offset += 8;
    return v;
  }
}

function readGeometry(r: Reader): Geometry {
  r.setOrder(r.u8());
  const raw = r.u32();
  const iso = raw & 0x0fffffff;
  const isoDims = Math.floor(iso / 1000); // ISO WKB: 1xxx Z, 2xxx M, 3xxx ZM
  const hasZ = (raw & WKB_Z) !== 0 || isoDims === 1 || isoDims === 3;
  const hasM = (raw & WKB_M) !== 0 || isoDims === 2 || isoDims === 3;
  if (raw & WKB_SRID) r.u32();
  const type = iso % 1000;
  const position = (): Position => {
    const p: Position = [r.f64(), r.f64()];
    if (hasZ) r.f64();
    if (hasM) r.f64();
    return p;
  };
  const ring = (): Position[] => Array.from({ length: r.u32() }, position);
  const polygon = (): Position[][] => Array.from({ length: r.u32() }, ring);
  switch (type) {
    case 1:
      return { type: 'Point', coordinates: position() };
    case 2:
      return { type: 'LineString', coordinates: ring() };
    case 3:
      return { type: 'Polygon', coordinates: polygon() };
    case 4:
    case 5:
    case 6:
    case 7: {
      const parts = Array.from({ length: r.u32() }, () => readGeometry(r));
      if (type === 7) return { type: 'GeometryCollection', geometries: parts };
      const coords = parts.map((p) => (p as { coordinates: unknown }).coordinates);
      if (type === 4) return { type: 'MultiPoint', coordinates: coords as Position[] };
      if (type === 5) return { type: 'MultiLineString', coordinates: coords as Position[][] };
      return { type: 'MultiPolygon', coordinates: coords as Position[][][] };
    }
    default:
      throw new Error(`Unsupported WKB geometry type ${type}`);
  }
}

export function decodeEwkbHex(hex: string): Geometry {
  if (!/^([0-9a-fA-F]{2})+$/.test(hex)) throw new Error('Not a hex-encoded WKB value');
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return readGeometry(new Reader(new DataView(bytes.buffer)));
}
