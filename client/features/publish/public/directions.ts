// Getting to a station: links that open it in the map apps people in China use, by their public web URIs
// (each app's own coordinate system: 高德 and 腾讯 GCJ-02, 百度 BD-09; Apple and Google take WGS84, the
// publication's own), and a tel: link for its public line. Pure: no request is made by the page itself.
// The shifted coordinates come in the publication (converted with gcoord when it is published), so the page
// carries no conversion code; a version published before they existed gets the Apple and Google links only.

export interface NavLink {
  id: 'amap' | 'baidu' | 'tencent' | 'apple' | 'google';
  zh: string;
  en: string;
  href: string;
}

/** Seven decimals: about 1 cm, so a link lands where the station is. */
const f = (v: number) => v.toFixed(7);

export function navLinks(s: { name: string; address?: string | null; lon: number; lat: number; gcj02?: [number, number]; bd09?: [number, number] }): NavLink[] {
  const name = encodeURIComponent(s.name);
  const addr = encodeURIComponent(s.address ?? '');
  const world: NavLink[] = [
    { id: 'apple', zh: 'Apple 地图', en: 'Apple Maps', href: `https://maps.apple.com/?ll=${f(s.lat)},${f(s.lon)}&q=${name}&dirflg=w` },
    { id: 'google', zh: 'Google 地图', en: 'Google Maps', href: `https://www.google.com/maps/dir/?api=1&destination=${f(s.lat)},${f(s.lon)}&travelmode=walking` },
  ];
  if (!s.gcj02 || !s.bd09) return world;
  const [gLon, gLat] = s.gcj02;
  const [bLon, bLat] = s.bd09;
  return [
    { id: 'amap', zh: '高德地图', en: 'Amap', href: `https://uri.amap.com/marker?position=${f(gLon)},${f(gLat)}&name=${name}&coordinate=gaode&callnative=1&src=pbmap` },
    { id: 'baidu', zh: '百度地图', en: 'Baidu Maps', href: `https://api.map.baidu.com/marker?location=${f(bLat)},${f(bLon)}&title=${name}&content=${addr}&coord_type=bd09ll&output=html&src=webapp.pbmap` },
    { id: 'tencent', zh: '腾讯地图', en: 'Tencent Maps', href: `https://apis.map.qq.com/uri/v1/marker?marker=coord:${f(gLat)},${f(gLon)};title:${name};addr:${addr}&referer=pbmap` },
    ...world,
  ];
}

/** The position a nav link points at, in the link's own system, as written in its URI. */
export function navLinkPosition(link: NavLink): { system: 'wgs84' | 'gcj02' | 'bd09'; lon: number; lat: number } {
  const u = new URL(link.href);
  const q = (k: string) => u.searchParams.get(k) ?? '';
  const pair = (text: string, latFirst: boolean) => {
    const [a, b] = text.split(',').map(Number) as [number, number];
    return latFirst ? { lon: b, lat: a } : { lon: a, lat: b };
  };
  switch (link.id) {
    case 'amap':
      return { system: 'gcj02', ...pair(q('position'), false) };
    case 'baidu':
      return { system: 'bd09', ...pair(q('location'), true) };
    case 'tencent':
      return { system: 'gcj02', ...pair(/coord:([-\d.]+,[-\d.]+)/.exec(q('marker'))?.[1] ?? '', true) };
    case 'apple':
      return { system: 'wgs84', ...pair(q('ll'), true) };
    case 'google':
      return { system: 'wgs84', ...pair(q('destination'), true) };
  }
}

/** A tel: URI for a public line: digits only (and a leading +), as dialers expect. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/** Walking pace for times shown to the public: 4.5 km/h, 75 m a minute. */
export const WALK_M_PER_MIN = 75;
export const walkMinutes = (m: number): number => Math.max(1, Math.round(m / WALK_M_PER_MIN));
