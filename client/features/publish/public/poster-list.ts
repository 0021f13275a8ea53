// The poster's numbered station list (poster.ts draws the rest of the sheet): the numbers match the map's markers.
import { STATION_TYPES, typeLabel, type PublicLocale } from './i18n';
import { weekLine, type PosterEntry } from './poster-content';
import { POSTER_FONT, type PosterCtx } from './poster-ctx';

/** The numbered list: number badge, name, then address · phone and the week, shrinking to fit its box; two columns when long. */
export function drawList(ctx: PosterCtx, entries: PosterEntry[], box: { x: number; y: number; w: number; h: number }, u: number, locale: PublicLocale, heading: string, tel: string): void {
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = '#212529';
  ctx.font = `700 ${Math.round(30 * u)}px ${POSTER_FONT}`;
  ctx.fillText(heading, box.x, box.y + 14 * u);
  const y0 = box.y + 56 * u;
  const avail = box.h - 56 * u;
  const columns = entries.length * 96 * u > avail * 1.25 ? 2 : 1;
  const perColumn = Math.ceil(entries.length / columns);
  // Shrinks a long list to fit; a short one grows (to 1.2×) so the box is filled, not left blank below it.
  const s = Math.min(1.2, avail / Math.max(1, perColumn * 96 * u));
  const rowH = 96 * u * s;
  const colW = box.w / columns;
  entries.forEach(({ n, station: st }, i) => {
    const col = Math.floor(i / perColumn);
    const x = box.x + col * colW, y = y0 + (i % perColumn) * rowH;
    ctx.beginPath();
    ctx.arc(x + 19 * u * s, y + 18 * u * s, 18 * u * s, 0, Math.PI * 2);
    ctx.fillStyle = STATION_TYPES[st.type]?.color ?? '#495057';
    ctx.fill();
    ctx.fillStyle = '#ffffff';
    ctx.textAlign = 'center';
    ctx.font = `700 ${Math.round(20 * u * s)}px ${POSTER_FONT}`;
    ctx.fillText(String(n), x + 19 * u * s, y + 19 * u * s);
    ctx.textAlign = 'left';
    const tx = x + 50 * u * s, tw = colW - 60 * u * s;
    ctx.fillStyle = '#212529';
    ctx.font = `700 ${Math.round(24 * u * s)}px ${POSTER_FONT}`;
    ctx.fillText(st.name, tx, y + 18 * u * s, tw);
    ctx.fillStyle = '#495057';
    ctx.font = `400 ${Math.round(19 * u * s)}px ${POSTER_FONT}`;
    const where = [st.address ?? st.buildingName, st.floor, st.phone ? `${tel} ${st.phone}` : null].filter(Boolean).join(' · ');
    ctx.fillText(where || typeLabel(st.type, locale), tx, y + 48 * u * s, tw);
    const hours = weekLine(st.week, locale) ?? st.hours;
    if (hours) ctx.fillText(hours, tx, y + 74 * u * s, tw);
  });
}
