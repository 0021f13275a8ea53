// The poster: the publication drawn onto a 2D canvas at A3 or A1 (300 dpi): title, the map (water, roads with
// names, streets, grids, numbered station markers), the numbered station list with addresses, phones and hours,
// legend, QR code to the page, scale bar, north arrow, dates, data source, the 审图号 line and one 示意图 note.
// It draws through the few 2D-context calls in PosterCtx, so the same code paints the PNG's canvas and
// records the vector SVG the PDF is printed from (poster-svg.ts; poster-output.ts saves and prints).
import type { PublicSnapshot } from '../../../../server/publications/contract';
import { labelPoint, projectionFor, rateColor } from './geo';
import { PUBLIC_MESSAGES, STATION_TYPES, type PublicLocale } from './i18n';
import { posterEntries, qrMatrix } from './poster-content';
import { drawList } from './poster-list';
import { POSTER_FONT, type PosterCtx } from './poster-ctx';
import { drawLegend } from './poster-legend';
import { placeAreaLabel, placeRoadLabels, type Box } from './poster-labels';

/** Where the QR code was drawn (pixels), for tests that decode it. */
export interface QrPlace {
  x: number;
  y: number;
  cell: number;
  quiet: number;
  modules: number;
}

export type PaperSize = 'A3' | 'A1';
/** Paper in millimetres (portrait) and the pixels at 300 dpi (print shops ask for 300; mm ÷ 25.4 × 300, rounded up). */
export const PAPER: Record<PaperSize, { mm: [number, number]; px: [number, number] }> = {
  A3: { mm: [297, 420], px: [3508, 4961] },
  A1: { mm: [594, 841], px: [7016, 9933] },
};


function niceLength(m: number): number {
  const p = 10 ** Math.floor(Math.log10(m));
  for (const k of [5, 2, 1]) if (k * p <= m) return k * p;
  return p;
}

/** Draws the whole sheet (PAPER[size].px) on ctx; returns where the QR code is, or null when it did not fit. */
export function drawPoster(ctx: PosterCtx, data: PublicSnapshot, size: PaperSize, locale: PublicLocale, url: string): QrPlace | null {
  const t = PUBLIC_MESSAGES[locale];
  const [W, H] = PAPER[size].px;
  let qrPlace: QrPlace | null = null;
  const u = W / 1754; // one unit = one pixel of A3 at 150 dpi (the layout's design size)
  const font = (px: number, weight = 400) => `${weight} ${Math.round(px * u)}px ${POSTER_FONT}`;
  const margin = 80 * u;
  const entries = posterEntries(data.stations);

  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, W, H);
  // Title band.
  ctx.fillStyle = '#b3261e';
  ctx.fillRect(0, 0, W, 18 * u);
  ctx.fillStyle = '#212529';
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  ctx.font = font(68, 700);
  ctx.fillText(data.title, margin, 56 * u, W - 2 * margin);
  ctx.font = font(28);
  ctx.fillStyle = '#495057';
  ctx.fillText(`${data.scope.name} · ${entries.length} ${locale === 'en' ? 'stations' : '个服务站点'} · ${t.asOf} ${data.asOf}`, margin, 140 * u, W - 2 * margin);

  // Map frame: full width, as tall as the territory's shape asks (within bounds), so it is filled, not padded.
  const proj = projectionFor(data.bbox);
  const mx = margin, my = 196 * u, mw = W - 2 * margin;
  const mh = Math.min(1260 * u, Math.max(880 * u, (mw * proj.height) / Math.max(1, proj.width)));
  ctx.fillStyle = '#f4f1ea';
  ctx.fillRect(mx, my, mw, mh);
  const k = Math.min(mw / proj.width, mh / proj.height) * 0.92;
  const ox = mx + (mw - proj.width * k) / 2 - proj.minX * k;
  const oy = my + (mh - proj.height * k) / 2 - proj.minY * k;
  const P = (lon: number, lat: number): [number, number] => {
    const [x, y] = proj.project(lon, lat);
    return [ox + x * k, oy + y * k];
  };
  const trace = (coords: number[][][]) => {
    for (const ring of coords) ring.forEach(([x, y], i) => (i ? ctx.lineTo(...P(x as number, y as number)) : ctx.moveTo(...P(x as number, y as number))));
    ctx.closePath();
  };
  ctx.save();
  ctx.beginPath();
  ctx.rect(mx, my, mw, mh);
  ctx.clip();
  for (const w of data.water ?? []) {
    ctx.beginPath();
    w.geometry.coordinates.forEach(trace);
    ctx.fillStyle = '#b9d7ee';
    ctx.fill('evenodd');
  }
  for (const s of data.streets) {
    ctx.beginPath();
    s.geometry.coordinates.forEach(trace);
    ctx.fillStyle = 'rgba(255,255,255,0.75)';
    ctx.fill('evenodd');
  }
  for (const g of data.grids) {
    ctx.beginPath();
    trace(g.geometry.coordinates);
    if (data.layers.coverage) {
      ctx.globalAlpha = 0.6;
      ctx.fillStyle = rateColor(g.stats?.rates.partyOrg ?? null);
      ctx.fill();
      ctx.globalAlpha = 1;
    }
    ctx.strokeStyle = '#ced4da';
    ctx.lineWidth = 1.5 * u;
    ctx.stroke();
  }
  // Roads: casing then fill, widest class last so crossings read as a network.
  const roads = [...(data.roads ?? [])].sort((a, b) => (ROAD_W[a.class] ?? 3) - (ROAD_W[b.class] ?? 3));
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  for (const pass of ['casing', 'fill'] as const) {
    for (const r of roads) {
      const w = (ROAD_W[r.class] ?? 3) * u * 1.6;
      ctx.beginPath();
      for (const line of r.geometry.coordinates) line.forEach(([x, y], i) => (i ? ctx.lineTo(...P(x as number, y as number)) : ctx.moveTo(...P(x as number, y as number))));
      ctx.strokeStyle = pass === 'casing' ? '#c9bfae' : r.class === 'arterial' ? '#ffe3a3' : '#ffffff';
      ctx.lineWidth = pass === 'casing' ? w + 3 * u : w;
      ctx.stroke();
    }
  }
  for (const s of data.streets) {
    ctx.beginPath();
    s.geometry.coordinates.forEach(trace);
    ctx.setLineDash([16 * u, 8 * u]);
    ctx.strokeStyle = '#6c757d';
    ctx.lineWidth = 3.5 * u;
    ctx.stroke();
    ctx.setLineDash([]);
  }
  for (const b of data.businessDistricts) {
    ctx.beginPath();
    trace(b.geometry.coordinates);
    ctx.strokeStyle = '#5f3dc4';
    ctx.lineWidth = 4 * u;
    ctx.stroke();
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  const halo = (text: string, x: number, y: number, fill: string) => {
    ctx.lineWidth = 7 * u;
    ctx.strokeStyle = '#ffffff';
    ctx.strokeText(text, x, y);
    ctx.fillStyle = fill;
    ctx.fillText(text, x, y);
  };
  // Names, placed so none covers another, a station marker, the north arrow or the scale bar (boxes below).
  const nx = mx + mw - 70 * u, ny = my + 36 * u;
  const target = niceLength((mw * 0.2) / k); // projected units are metres, so k is pixels per metre
  const barPx = target * k;
  const bx = mx + mw - barPx - 40 * u, by = my + mh - 44 * u;
  const taken: Box[] = [
    [nx - 40 * u, ny - 14 * u, nx + 40 * u, ny + 124 * u],
    [bx - 16 * u, by - 44 * u, bx + barPx + 16 * u, by + 28 * u],
    ...entries.map(({ station: st }): Box => {
      const [x, y] = P(st.lon, st.lat);
      return [x - 25 * u, y - 25 * u, x + 25 * u, y + 25 * u];
    }),
  ];
  const frame: Box = [mx + 12 * u, my + 12 * u, mx + mw - 12 * u, my + mh - 12 * u];
  ctx.font = font(26, 700);
  const areaNames = data.businessDistricts.flatMap((b) => {
    const [x, y] = P(...labelPoint(b.geometry.coordinates));
    const spot = placeAreaLabel(b.name, x, y, ctx.measureText(b.name).width + 16 * u, 36 * u, frame, taken);
    return spot ? [{ name: b.name, ...spot }] : [];
  });
  // Road names along the longest roads, once per name.
  ctx.font = font(21);
  const byName = new Map<string, [number, number][]>();
  for (const r of [...(data.roads ?? [])].sort((a, b) => lineLength(b.geometry.coordinates) - lineLength(a.geometry.coordinates))) {
    if (r.name && !byName.has(r.name)) byName.set(r.name, longestPart(r.geometry.coordinates).map(([x, y]) => P(x as number, y as number)));
  }
  const roadNames = placeRoadLabels([...byName].map(([text, line]) => ({ text, line })), (text) => ctx.measureText(text).width, 21 * u, frame, taken);
  for (const l of roadNames) {
    ctx.save();
    ctx.translate(l.x, l.y);
    ctx.rotate(l.angle);
    const chars = l.vertical ? [...l.text] : [l.text];
    chars.forEach((c, i) => halo(c, 0, l.vertical ? (i - (chars.length - 1) / 2) * 21 * u * 1.05 : 0, '#6c5a3c'));
    ctx.restore();
  }
  ctx.font = font(26, 700);
  for (const l of areaNames) halo(l.name, l.x, l.y, '#3b2a85');
  // Numbered markers, keyed to the list below.
  for (const { n, station: s } of [...entries].reverse()) {
    const [x, y] = P(s.lon, s.lat);
    ctx.beginPath();
    ctx.arc(x, y, 21 * u, 0, Math.PI * 2);
    ctx.fillStyle = STATION_TYPES[s.type]?.color ?? '#495057';
    ctx.fill();
    ctx.lineWidth = 4 * u;
    ctx.strokeStyle = '#ffffff';
    ctx.stroke();
    ctx.font = font(n > 9 ? 20 : 24, 700);
    ctx.fillStyle = '#ffffff';
    ctx.fillText(String(n), x, y + 1 * u);
  }
  ctx.restore();
  ctx.strokeStyle = '#495057';
  ctx.lineWidth = 2 * u;
  ctx.strokeRect(mx, my, mw, mh);

  // North arrow (the projection keeps north up).
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.fillRect(nx - 40 * u, ny - 14 * u, 80 * u, 138 * u);
  ctx.beginPath();
  ctx.moveTo(nx, ny);
  ctx.lineTo(nx + 22 * u, ny + 70 * u);
  ctx.lineTo(nx, ny + 55 * u);
  ctx.lineTo(nx - 22 * u, ny + 70 * u);
  ctx.closePath();
  ctx.fillStyle = '#212529';
  ctx.fill();
  ctx.font = font(30, 700);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.fillText('N', nx, ny + 80 * u);

  // Scale bar.
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.fillRect(bx - 16 * u, by - 44 * u, barPx + 32 * u, 72 * u);
  ctx.fillStyle = '#212529';
  ctx.fillRect(bx, by, barPx, 8 * u);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(bx + barPx / 2, by + 2 * u, barPx / 2 - 2 * u, 4 * u);
  ctx.fillStyle = '#212529';
  ctx.font = font(24);
  ctx.textBaseline = 'bottom';
  ctx.fillText(target >= 1000 ? `${target / 1000} km` : `${target} m`, bx + barPx / 2, by - 10 * u);

  // Below the map: the station list (left), legend and QR code (right), footer across.
  const top = my + mh + 44 * u;
  const footerTop = H - 190 * u;
  const rightW = 470 * u;
  const listX = margin, listW = W - 2 * margin - rightW - 50 * u;
  const rx = W - margin - rightW;
  drawList(ctx, entries, { x: listX, y: top, w: listW, h: footerTop - top - 20 * u }, u, locale, t.posterStations, t.posterTel);

  const ly = drawLegend(ctx, data, rx, top, rightW, u, locale);

  // QR code to the page, in the right column's lower part, down beside the footer (as large as fits there).
  const matrix = qrMatrix(url);
  const quiet = 4;
  const qrBottom = H - 120 * u;
  const qrSize = Math.min(rightW * 0.8, qrBottom - ly - 30 * u);
  if (qrSize > 120 * u) {
    const cell = Math.floor(qrSize / (matrix.length + 2 * quiet));
    const side = cell * (matrix.length + 2 * quiet);
    const qx = Math.round(rx + (rightW - side) / 2);
    const qy = Math.round(qrBottom - side);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(qx, qy, side, side);
    ctx.fillStyle = '#000000';
    matrix.forEach((row, r) => row.forEach((dark, c) => { if (dark) ctx.fillRect(qx + (c + quiet) * cell, qy + (r + quiet) * cell, cell, cell); }));
    ctx.strokeStyle = '#adb5bd';
    ctx.lineWidth = 2 * u;
    ctx.strokeRect(qx, qy, side, side);
    qrPlace = { x: qx, y: qy, cell, quiet, modules: matrix.length };
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.fillStyle = '#212529';
    ctx.font = font(24, 700);
    ctx.fillText(t.posterScan, rx + rightW / 2, qy + side + 14 * u, rightW);
    ctx.font = font(15);
    ctx.fillStyle = '#495057';
    ctx.fillText(url, rx + rightW / 2, qy + side + 52 * u, rightW);
  }

  // Footer: source, dates, approval number, the 示意 note.
  ctx.strokeStyle = '#dee2e6';
  ctx.lineWidth = 2 * u;
  ctx.beginPath();
  ctx.moveTo(margin, footerTop);
  ctx.lineTo(listX + listW, footerTop);
  ctx.stroke();
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  ctx.font = font(22);
  ctx.fillStyle = '#343a40';
  const colon = locale === 'en' ? ': ' : '：';
  const lines = [
    `${t.dataSource}${colon}${data.texts.dataSource || '—'}`,
    `${t.published}${colon}${(data.publishedAt ?? '').slice(0, 10) || '—'}${data.version ? `  ·  ${t.version} ${data.version}` : ''}  ·  ${t.asOf} ${data.asOf}`,
    `${t.approval}${colon}${data.texts.approvalNumber || '—'}`,
    // One 示意图 mark: the sentence starts with it (zh) or says "Illustrative map" (en).
    t.illustrative,
  ];
  lines.forEach((line, i) => ctx.fillText(line, margin, footerTop + 44 * u + i * 36 * u, listW));
  ctx.fillStyle = '#b3261e';
  ctx.fillRect(0, H - 14 * u, W, 14 * u);
  return qrPlace;
}

const ROAD_W: Record<string, number> = { arterial: 7, secondary: 5, branch: 3, footway: 2 };

function lineLength(lines: number[][][]): number {
  let n = 0;
  for (const l of lines) for (let i = 1; i < l.length; i++) n += Math.hypot((l[i]?.[0] as number) - (l[i - 1]?.[0] as number), (l[i]?.[1] as number) - (l[i - 1]?.[1] as number));
  return n;
}

function longestPart(lines: number[][][]): number[][] {
  return lines.reduce((best, l) => (lineLength([l]) > lineLength([best]) ? l : best), lines[0] ?? []);
}
