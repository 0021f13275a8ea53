// The poster's legend (right column, under the map): station types, roads, water, business districts,
// streets and, with the coverage layer, the rate classes. poster.ts draws the rest of the sheet.
import type { PublicSnapshot } from '../../../../server/publications/contract';
import { RATE_STEPS } from './geo';
import { PUBLIC_MESSAGES, STATION_TYPES, typeLabel, type PublicLocale } from './i18n';
import { POSTER_FONT, type PosterCtx } from './poster-ctx';

/** Draws the legend from (x0, top) within width w; returns the y below it. */
export function drawLegend(ctx: PosterCtx, data: PublicSnapshot, x0: number, top: number, w: number, u: number, locale: PublicLocale): number {
  const t = PUBLIC_MESSAGES[locale];
  const font = (px: number, weight = 400) => `${weight} ${Math.round(px * u)}px ${POSTER_FONT}`;
  let ly = top;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.font = font(30, 700);
  ctx.fillStyle = '#212529';
  ctx.fillText(t.legend, x0, ly + 14 * u);
  ly += 56 * u;
  ctx.font = font(22);
  const legendRow = (draw: (x: number, y: number) => void, label: string) => {
    draw(x0, ly);
    ctx.fillStyle = '#212529';
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    ctx.font = font(22);
    ctx.fillText(label, x0 + 44 * u, ly, w - 44 * u);
    ly += 38 * u;
  };
  for (const type of [...new Set(data.stations.map((s) => s.type))]) {
    legendRow((x, y) => {
      ctx.beginPath();
      ctx.arc(x + 16 * u, y, 14 * u, 0, Math.PI * 2);
      ctx.fillStyle = STATION_TYPES[type]?.color ?? '#495057';
      ctx.fill();
    }, typeLabel(type, locale));
  }
  legendRow((x, y) => {
    ctx.fillStyle = '#ffe3a3';
    ctx.fillRect(x, y - 6 * u, 32 * u, 12 * u);
    ctx.strokeStyle = '#c9bfae';
    ctx.lineWidth = 2 * u;
    ctx.strokeRect(x, y - 6 * u, 32 * u, 12 * u);
  }, locale === 'en' ? 'Road' : '道路');
  if ((data.water ?? []).length) legendRow((x, y) => { ctx.fillStyle = '#b9d7ee'; ctx.fillRect(x, y - 11 * u, 32 * u, 22 * u); }, locale === 'en' ? 'Water' : '水系');
  if (data.businessDistricts.length) legendRow((x, y) => { ctx.strokeStyle = '#5f3dc4'; ctx.lineWidth = 4 * u; ctx.strokeRect(x + 2 * u, y - 11 * u, 28 * u, 22 * u); }, t.businessDistricts);
  legendRow((x, y) => {
    ctx.setLineDash([10 * u, 5 * u]);
    ctx.strokeStyle = '#6c757d';
    ctx.lineWidth = 3 * u;
    ctx.strokeRect(x + 2 * u, y - 11 * u, 28 * u, 22 * u);
    ctx.setLineDash([]);
  }, locale === 'en' ? 'Street (approximate)' : '街道（示意范围）');
  if (data.layers.coverage) {
    ly += 6 * u;
    ctx.font = font(22);
    ctx.fillStyle = '#212529';
    ctx.fillText(locale === 'en' ? `${t.partyOrg} (${t.grids})` : `${t.partyOrg}（${t.grids}）`, x0, ly, w);
    ly += 34 * u;
    // The five classes in a row; "withheld" on its own row (squeezed into a sixth cell it could not be read).
    const sw = w / RATE_STEPS.length;
    RATE_STEPS.forEach(([c, label], i) => {
      ctx.fillStyle = c;
      ctx.fillRect(x0 + i * sw, ly - 12 * u, sw - 4 * u, 24 * u);
      ctx.fillStyle = '#212529';
      ctx.font = font(17);
      ctx.textAlign = 'center';
      ctx.fillText(label, x0 + i * sw + (sw - 4 * u) / 2, ly + 30 * u, sw - 4 * u);
    });
    ctx.textAlign = 'left';
    ly += 66 * u;
    legendRow((x, y) => { ctx.fillStyle = '#e9ecef'; ctx.fillRect(x, y - 11 * u, 32 * u, 22 * u); }, t.suppressed);
  }

  return ly;
}
