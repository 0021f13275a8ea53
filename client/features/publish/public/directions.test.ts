import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import gcoord from 'gcoord';
import { navLinkPosition, navLinks, telHref, walkMinutes, type NavLink } from './directions';
import { distanceM } from './geo';
import { shiftedPositions } from '../../../../server/publications/nav-coords';

const SYSTEM = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;
/** A link's position converted back to WGS84. */
function decodeNavLink(l: NavLink): [number, number] {
  const p = navLinkPosition(l);
  return gcoord.transform([p.lon, p.lat], SYSTEM[p.system], gcoord.WGS84) as [number, number];
}
const station = (name: string, lon: number, lat: number, address?: string) => ({ name, address, lon, lat, ...shiftedPositions(lon, lat) });

describe('nav links', () => {
  it('each decodes to within 1 m of the station after converting back to WGS84', () => {
    fc.assert(
      fc.property(fc.double({ min: 73.7, max: 134.7, noNaN: true }), fc.double({ min: 18.2, max: 53.5, noNaN: true }), (lon, lat) => {
        // The station as published: its position rounded to 6 decimals, the shifted ones as the server adds them.
        const [x0, y0] = [Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6];
        const links = navLinks(station('南京西路街道党群服务中心', x0, y0, '威海路187号'));
        expect(links.map((l) => l.id)).toEqual(['amap', 'baidu', 'tencent', 'apple', 'google']);
        for (const l of links) {
          const [x, y] = decodeNavLink(l);
          expect(distanceM(x, y, x0, y0), l.id).toBeLessThan(1);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('shifts into each app\'s own system: GCJ-02 and BD-09 are hundreds of metres off WGS84 in Shanghai', () => {
    const links = navLinks(station('x', 121.4575, 31.2262));
    const raw = (id: string) => {
      const u = new URL(links.find((l) => l.id === id)?.href ?? '');
      const t = u.searchParams.get('position') ?? u.searchParams.get('location') ?? '';
      const [a, b] = t.split(',').map(Number) as [number, number];
      return id === 'baidu' ? [b, a] : [a, b];
    };
    const [ax, ay] = raw('amap') as [number, number];
    const [bx, by] = raw('baidu') as [number, number];
    expect(distanceM(ax, ay, 121.4575, 31.2262)).toBeGreaterThan(300);
    expect(distanceM(bx, by, 121.4575, 31.2262)).toBeGreaterThan(700);
  });

  it('encodes names so a link cannot be broken by the text', () => {
    const href = navLinks(station('站&q=1#x', 121.45, 31.22, 'a;b'))[0]?.href ?? '';
    expect(new URL(href).searchParams.get('name')).toBe('站&q=1#x');
  });

  it('gives Apple and Google only for a version published without the shifted positions', () => {
    expect(navLinks({ name: 'x', lon: 121.45, lat: 31.22 }).map((l) => l.id)).toEqual(['apple', 'google']);
  });
});

describe('tel and walking', () => {
  it('dials digits only', () => expect(telHref('021-5550 0101')).toBe('tel:02155500101'));
  it('walks 75 m a minute, at least one', () => {
    expect(walkMinutes(10)).toBe(1);
    expect(walkMinutes(750)).toBe(10);
  });
});
