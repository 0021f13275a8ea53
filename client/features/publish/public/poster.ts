// The poster: the publication drawn onto a 2D canvas at A3 or A1 (300 dpi): title, the map (water, roads with
// names, streets, grids, numbered station markers), the numbered station list with addresses, phones and hours,
// legend, QR code to the page, scale bar, north arrow, dates, data source, the 审图号 line and one 示意图 note. PNG download, or print to
// PDF through the browser (@page size set to the paper).
import type { PublicSnapshot } from '../../../../server/publications/contract';
import { labelPoint, projectionFor, rateColor, RATE_STEPS } from './geo';
import { PUBLIC_MESSAGES, STATION_TYPES, typeLabel, type PublicLocale } from './i18n';
import { posterEntries, qrMatrix } from './poster-content';
import { drawList, POSTER_FONT } from './poster-list';

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

/** The page's own address (without query or fragment): what the QR code opens. */
export function pageUrl(): string {
  const u = new URL(window.location.href);
  u.search = '';
  u.hash = '';
  return u.href;
}

export function drawPoster(canvas: HTMLCanvasElement, data: PublicSnapshot, size: PaperSize, locale: PublicLocale, url: string = pageUrl()): void {
  const t = PUBLIC_MESSAGES[locale];
  const [W, H] = PAPER[size].px;
  canvas.width = W;
  canvas.height = H;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
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
  // Road names along the longest roads, once per name.
  ctx.font = font(19);
  const named = new Set<string>();
  for (const r of [...(data.roads ?? [])].sort((a, b) => lineLength(b.geometry.coordinates) - lineLength(a.geometry.coordinates))) {
    if (!r.name || named.has(r.name) || named.size >= 14) continue;
    const line = longestPart(r.geometry.coordinates).map(([x, y]) => P(x as number, y as number));
    const mid = line[Math.floor(line.length / 2)];
    if (!mid || mid[0] < mx + 40 * u || mid[0] > mx + mw - 40 * u || mid[1] < my + 30 * u || mid[1] > my + mh - 30 * u) continue;
    named.add(r.name);
    halo(r.name, mid[0], mid[1], '#6c5a3c');
  }
  ctx.font = font(26, 700);
  for (const b of data.businessDistricts) {
    const [x, y] = P(...labelPoint(b.geometry.coordinates));
    halo(b.name, x, y - 40 * u, '#3b2a85');
  }
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
  const nx = mx + mw - 70 * u, ny = my + 36 * u;
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

  // Scale bar: projected units are metres, so k is pixels per metre.
  const target = niceLength((mw * 0.2) / k);
  const barPx = target * k;
  const bx = mx + mw - barPx - 40 * u, by = my + mh - 44 * u;
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

  // Legend.
  let ly = top;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.font = font(30, 700);
  ctx.fillStyle = '#212529';
  ctx.fillText(t.legend, rx, ly + 14 * u);
  ly += 56 * u;
  ctx.font = font(22);
  const legendRow = (draw: (x: number, y: number) => void, label: string) => {
    draw(rx, ly);
    ctx.fillStyle = '#212529';
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    ctx.font = font(22);
    ctx.fillText(label, rx + 44 * u, ly, rightW - 44 * u);
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
    ctx.fillText(`${t.partyOrg}（${t.grids}）`, rx, ly, rightW);
    ly += 34 * u;
    const steps = [...RATE_STEPS, ['#e9ecef', t.suppressed] as [string, string]];
    const sw = rightW / steps.length;
    steps.forEach(([c, label], i) => {
      ctx.fillStyle = c;
      ctx.fillRect(rx + i * sw, ly - 12 * u, sw - 4 * u, 24 * u);
      ctx.fillStyle = '#212529';
      ctx.font = font(15);
      ctx.textAlign = 'center';
      ctx.fillText(label, rx + i * sw + (sw - 4 * u) / 2, ly + 28 * u, sw);
    });
    ctx.textAlign = 'left';
    ly += 60 * u;
  }

  // QR code to the page, in the right column's lower part.
  const matrix = qrMatrix(url);
  const quiet = 4;
  const qrSize = Math.min(rightW * 0.72, footerTop - ly - 130 * u);
  if (qrSize > 120 * u) {
    const cell = Math.floor(qrSize / (matrix.length + 2 * quiet));
    const side = cell * (matrix.length + 2 * quiet);
    const qx = Math.round(rx + (rightW - side) / 2);
    const qy = Math.round(footerTop - 110 * u - side);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(qx, qy, side, side);
    ctx.fillStyle = '#000000';
    matrix.forEach((row, r) => row.forEach((dark, c) => { if (dark) ctx.fillRect(qx + (c + quiet) * cell, qy + (r + quiet) * cell, cell, cell); }));
    ctx.strokeStyle = '#adb5bd';
    ctx.lineWidth = 2 * u;
    ctx.strokeRect(qx, qy, side, side);
    canvas.dataset.qr = JSON.stringify({ x: qx, y: qy, cell, quiet, modules: matrix.length });
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
  ctx.lineTo(W - margin, footerTop);
  ctx.stroke();
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  ctx.font = font(22);
  ctx.fillStyle = '#343a40';
  const lines = [
    `${t.dataSource}：${data.texts.dataSource || '—'}`,
    `${t.published}：${(data.publishedAt ?? '').slice(0, 10) || '—'}${data.version ? `  ·  ${t.version} ${data.version}` : ''}  ·  ${t.asOf} ${data.asOf}`,
    `${t.approval}：${data.texts.approvalNumber || '—'}`,
    // One 示意图 mark: the sentence starts with it (zh) or says "Illustrative map" (en).
    t.illustrative,
  ];
  lines.forEach((line, i) => ctx.fillText(line, margin, footerTop + 44 * u + i * 36 * u, W - 2 * margin));
  ctx.fillStyle = '#b3261e';
  ctx.fillRect(0, H - 14 * u, W, 14 * u);
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

export function posterBlob(data: PublicSnapshot, size: PaperSize, locale: PublicLocale): Promise<Blob> {
  const canvas = document.createElement('canvas');
  drawPoster(canvas, data, size, locale);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('canvas.toBlob failed'))), 'image/png'));
}

export async function downloadPoster(data: PublicSnapshot, size: PaperSize, locale: PublicLocale): Promise<void> {
  const blob = await posterBlob(data, size, locale);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${data.slug}-${size}.png`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Prints the poster on one page of the chosen paper (the browser's "save as PDF" makes the PDF). */
export async function printPoster(data: PublicSnapshot, size: PaperSize, locale: PublicLocale): Promise<void> {
  const blob = await posterBlob(data, size, locale);
  const url = URL.createObjectURL(blob);
  const [w, h] = PAPER[size].mm;
  const style = document.createElement('style');
  style.textContent = `@page { size: ${size} portrait; margin: 0 } @media print { body > *:not(.pm-print) { display: none !important } .pm-print { display: block !important } .pm-print img { width: ${w}mm; height: ${h}mm; display: block } }`;
  const holder = document.createElement('div');
  holder.className = 'pm-print';
  holder.style.display = 'none';
  const img = document.createElement('img');
  img.alt = data.title;
  img.src = url;
  holder.append(img);
  document.head.append(style);
  document.body.append(holder);
  await img.decode().catch(() => undefined);
  const done = () => {
    style.remove();
    holder.remove();
    URL.revokeObjectURL(url);
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}
