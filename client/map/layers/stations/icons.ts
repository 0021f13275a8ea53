// Station icons: a round badge in the type's colour with its character (党, 站, 点, 驿, 家…), made as
// SVG data URLs at run time so nothing is fetched.
import { STATION_COLORS, STATION_GLYPHS } from '../../colors';

export const ICON_SIZE = 64;

export function stationIconUrl(type: string): string {
  const [r, g, b] = STATION_COLORS[type] ?? [120, 120, 120, 255];
  const glyph = STATION_GLYPHS[type] ?? '站';
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${ICON_SIZE}" height="${ICON_SIZE}" viewBox="0 0 64 64">` +
    `<circle cx="32" cy="32" r="29" fill="rgb(${r},${g},${b})" stroke="#fff" stroke-width="4"/>` +
    `<text x="32" y="43" font-size="30" font-weight="700" text-anchor="middle" fill="#fff" ` +
    `font-family="PingFang SC, Microsoft YaHei, Noto Sans CJK SC, sans-serif">${glyph}</text></svg>`;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** Several stations in one place: a party-red badge (the count is drawn over it). */
export function clusterIconUrl(): string {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${ICON_SIZE}" height="${ICON_SIZE}" viewBox="0 0 64 64">` +
    `<circle cx="32" cy="32" r="30" fill="rgba(200,22,29,0.35)"/>` +
    `<circle cx="32" cy="32" r="23" fill="rgb(200,22,29)" stroke="#fff" stroke-width="3"/></svg>`;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
