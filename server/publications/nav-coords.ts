// The station positions the Chinese map apps expect, added to a publication when it is made so the public
// page needs no conversion code: GCJ-02 (高德, 腾讯) and BD-09 (百度) from the stored WGS84, 7 decimals (~1 cm).
import gcoord from 'gcoord';

const r7 = (v: number) => Math.round(v * 1e7) / 1e7;

export function shiftedPositions(lon: number, lat: number): { gcj02: [number, number]; bd09: [number, number] } {
  const [gx, gy] = gcoord.transform([lon, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
  const [bx, by] = gcoord.transform([lon, lat], gcoord.WGS84, gcoord.BD09) as [number, number];
  return { gcj02: [r7(gx), r7(gy)], bd09: [r7(bx), r7(by)] };
}
