// The poster: the publication drawn onto a 2D canvas at A3 or A1 (300 dpi), with title, legend, scale
// bar, north arrow, dates, data source, the 审图号 line and the 示意 note. PNG download, or print to
// PDF through the browser (@page size set to the paper).
import type { PublicSnapshot } from '../../../../server/publications/contract';
import { labelPoint, projectionFor, rateColor, RATE_STEPS } from './geo';
import { PUBLIC_MESSAGES, STATION_TYPES, typeLabel, type PublicLocale } from './i18n';

export type PaperSize = 'A3' | 'A1';
/** Paper in millimetres (portrait) and the pixels at 300 dpi (print shops ask for 300; mm ÷ 25.4 × 300, rounded up). */
export const PAPER: Record<PaperSize, { mm: [number, number]; px: [number, number] }> = {
  A3: { mm: [297, 420], px: [3508, 4961] },
  A1: { mm: [594, 841], px: [7016, 9933] },
};

const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif';

function niceLength(m: number): number {
  const p = 10 ** Math.floor(Math.log10(m));
  for (const k of [5, 2, 1]) if (k * p <= m) return k * p;
  return p;
}

export function drawPoster(canvas: HTMLCanvasElement, data: PublicSnapshot, size: PaperSize, locale: PublicLocale): void {
  const t = PUBLIC_MESSAGES[locale];
  const [W, H] = PAPER[size].px;
  canvas.width = W;
  canvas.height = H;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const u = W / 1754; // one unit = one pixel of A3 at 150 dpi (the layout's design size)
  const font = (px: number, weight = 400) => `${weight} ${Math.round(px * u)}px ${FONT}`;
  const margin = 90 * u;

  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, W, H);
  // Title band.
  ctx.fillStyle = '#b3261e';
  ctx.fillRect(0, 0, W, 14 * u);
  ctx.fillStyle = '#212529';
  ctx.textBaseline = 'top';
  ctx.font = font(72, 700);
  ctx.fillText(data.title, margin, 70 * u, W - 2 * margin);
  ctx.font = font(32);
  ctx.fillStyle = '#495057';
  ctx.fillText(`${data.scope.name} · ${t.asOf} ${data.asOf}`, margin, 165 * u, W - 2 * margin);

  // Map frame.
  const mx = margin, my = 240 * u, mw = W - 2 * margin, mh = H * 0.62;
  ctx.fillStyle = '#eef1f4';
  ctx.fillRect(mx, my, mw, mh);
  const proj = projectionFor(data.bbox);
  const k = Math.min(mw / proj.width, mh / proj.height) * 0.9;
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
  for (const s of data.streets) {
    ctx.beginPath();
    s.geometry.coordinates.forEach(trace);
    ctx.fillStyle = '#fbfaf7';
    ctx.fill('evenodd');
    ctx.setLineDash([14 * u, 7 * u]);
    ctx.strokeStyle = '#868e96';
    ctx.lineWidth = 3 * u;
    ctx.stroke();
    ctx.setLineDash([]);
  }
  for (const g of data.grids) {
    ctx.beginPath();
    trace(g.geometry.coordinates);
    if (data.layers.coverage) {
      ctx.globalAlpha = 0.75;
      ctx.fillStyle = rateColor(g.stats?.rates.partyOrg ?? null);
      ctx.fill();
      ctx.globalAlpha = 1;
    }
    ctx.strokeStyle = '#adb5bd';
    ctx.lineWidth = 1.5 * u;
    ctx.stroke();
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
  for (const b of data.businessDistricts) {
    const [x, y] = P(...labelPoint(b.geometry.coordinates));
    ctx.font = font(26, 700);
    ctx.lineWidth = 6 * u;
    ctx.strokeStyle = '#ffffff';
    ctx.strokeText(b.name, x, y);
    ctx.fillStyle = '#3b2a85';
    ctx.fillText(b.name, x, y);
  }
  for (const s of data.stations) {
    const [x, y] = P(s.lon, s.lat);
    ctx.beginPath();
    ctx.arc(x, y, 11 * u, 0, Math.PI * 2);
    ctx.fillStyle = STATION_TYPES[s.type]?.color ?? '#495057';
    ctx.fill();
    ctx.lineWidth = 3 * u;
    ctx.strokeStyle = '#ffffff';
    ctx.stroke();
  }
  ctx.restore();
  ctx.strokeStyle = '#495057';
  ctx.lineWidth = 2 * u;
  ctx.strokeRect(mx, my, mw, mh);

  // North arrow (the projection keeps north up).
  const nx = mx + mw - 70 * u, ny = my + 40 * u;
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
  ctx.fillText('N', nx, ny + 78 * u);

  // Scale bar: projected units are metres, so k is pixels per metre.
  const target = niceLength((mw * 0.22) / k);
  const barPx = target * k;
  const bx = mx + mw - barPx - 40 * u, by = my + mh - 50 * u;
  ctx.fillStyle = 'rgba(255,255,255,0.85)';
  ctx.fillRect(bx - 16 * u, by - 44 * u, barPx + 32 * u, 74 * u);
  ctx.fillStyle = '#212529';
  ctx.fillRect(bx, by, barPx, 8 * u);
  ctx.fillRect(bx, by - 10 * u, 3 * u, 18 * u);
  ctx.fillRect(bx + barPx - 3 * u, by - 10 * u, 3 * u, 18 * u);
  ctx.font = font(24);
  ctx.textBaseline = 'bottom';
  ctx.fillText(target >= 1000 ? `${target / 1000} km` : `${target} m`, bx + barPx / 2, by - 12 * u);

  // Legend.
  let ly = my + mh + 50 * u;
  const lx = margin;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.font = font(30, 700);
  ctx.fillStyle = '#212529';
  ctx.fillText(t.legend, lx, ly);
  ly += 50 * u;
  ctx.font = font(24);
  const types = [...new Set(data.stations.map((s) => s.type))];
  const colW = (W - 2 * margin) / 3;
  types.forEach((type, i) => {
    const x = lx + (i % 3) * colW, y = ly + Math.floor(i / 3) * 40 * u;
    ctx.beginPath();
    ctx.arc(x + 12 * u, y, 11 * u, 0, Math.PI * 2);
    ctx.fillStyle = STATION_TYPES[type]?.color ?? '#495057';
    ctx.fill();
    ctx.fillStyle = '#212529';
    ctx.fillText(typeLabel(type, locale), x + 34 * u, y);
  });
  ly += Math.ceil(types.length / 3) * 40 * u + 10 * u;
  ctx.strokeStyle = '#5f3dc4';
  ctx.lineWidth = 4 * u;
  ctx.strokeRect(lx, ly - 12 * u, 24 * u, 24 * u);
  ctx.fillStyle = '#212529';
  ctx.fillText(t.businessDistricts, lx + 34 * u, ly);
  ctx.setLineDash([10 * u, 5 * u]);
  ctx.strokeStyle = '#868e96';
  ctx.lineWidth = 3 * u;
  ctx.strokeRect(lx + colW, ly - 12 * u, 24 * u, 24 * u);
  ctx.setLineDash([]);
  ctx.fillText(locale === 'en' ? 'Street (approximate)' : '街道（示意范围）', lx + colW + 34 * u, ly);
  ly += 46 * u;
  if (data.layers.coverage) {
    ctx.fillText(`${t.partyOrg}（${t.grids}）`, lx, ly);
    let x = lx + ctx.measureText(`${t.partyOrg}（${t.grids}）`).width + 20 * u;
    for (const [c, label] of [...RATE_STEPS, ['#e9ecef', t.suppressed] as [string, string]]) {
      ctx.fillStyle = c;
      ctx.fillRect(x, ly - 12 * u, 24 * u, 24 * u);
      ctx.strokeStyle = '#adb5bd';
      ctx.lineWidth = 1 * u;
      ctx.strokeRect(x, ly - 12 * u, 24 * u, 24 * u);
      ctx.fillStyle = '#212529';
      ctx.fillText(label, x + 30 * u, ly);
      x += ctx.measureText(label).width + 60 * u;
    }
  }

  // Footer: source, dates, approval number, the 示意 note.
  ctx.textBaseline = 'alphabetic';
  ctx.font = font(24);
  ctx.fillStyle = '#343a40';
  const lines = [
    `${t.dataSource}：${data.texts.dataSource || '—'}`,
    `${t.published}：${(data.publishedAt ?? '').slice(0, 10) || '—'}${data.version ? `  ·  ${t.version} ${data.version}` : ''}  ·  ${t.asOf} ${data.asOf}`,
    ...(data.texts.approvalNumber ? [`${t.approval}：${data.texts.approvalNumber}`] : []),
    // One 示意图 mark: the sentence starts with it (zh) or says "Illustrative map" (en).
    t.illustrative,
  ];
  lines.reverse().forEach((line, i) => ctx.fillText(line, margin, H - 70 * u - i * 40 * u, W - 2 * margin));
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
