// The poster out of the page: a PNG at 300 dpi (drawn on a canvas) to download, or the same drawing
// recorded as SVG and printed on one sheet of the chosen paper (@page size), so "save as PDF" gives a
// vector PDF: paths and real, selectable text, sharp at any size. Both run poster.ts's one drawing code.
import type { PublicSnapshot } from '../../../../server/publications/contract';
import { drawPoster, PAPER, type PaperSize, type QrPlace } from './poster';
import { SvgContext, type Measure } from './poster-svg';
import type { PublicLocale } from './i18n';

/** The page's own address (without query or fragment): what the QR code opens. */
export function pageUrl(): string {
  const u = new URL(window.location.href);
  u.search = '';
  u.hash = '';
  return u.href;
}

/** The poster on a new canvas at 300 dpi; the QR code's place is kept on it (data-qr) for tests. */
export function posterCanvas(data: PublicSnapshot, size: PaperSize, locale: PublicLocale, url: string = pageUrl()): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  [canvas.width, canvas.height] = PAPER[size].px;
  const ctx = canvas.getContext('2d');
  const qr: QrPlace | null = ctx ? drawPoster(ctx, data, size, locale, url) : null;
  if (qr) canvas.dataset.qr = JSON.stringify(qr);
  return canvas;
}

/** Text metrics from a real canvas, so the SVG's text sits where the PNG's does. */
function canvasMeasure(): Measure {
  const ctx = document.createElement('canvas').getContext('2d');
  return (text, font) => {
    if (!ctx) return { width: text.length * 10, ascent: 8, descent: 2 };
    ctx.font = font;
    const m = ctx.measureText(text);
    const size = Number(/(\d+(?:\.\d+)?)px/.exec(font)?.[1] ?? 10);
    return { width: m.width, ascent: m.emHeightAscent ?? m.fontBoundingBoxAscent ?? size * 0.88, descent: m.emHeightDescent ?? m.fontBoundingBoxDescent ?? size * 0.12 };
  };
}

/** The poster as an SVG document, sized in millimetres to its paper. */
export function posterSvg(data: PublicSnapshot, size: PaperSize, locale: PublicLocale, url: string = pageUrl()): string {
  const [w, h] = PAPER[size].px;
  const svg = new SvgContext(w, h, canvasMeasure());
  drawPoster(svg, data, size, locale, url);
  return svg.toSvg(PAPER[size].mm);
}

export function posterBlob(data: PublicSnapshot, size: PaperSize, locale: PublicLocale, url: string = pageUrl()): Promise<Blob> {
  const canvas = posterCanvas(data, size, locale, url);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('canvas.toBlob failed'))), 'image/png'));
}

/** `url` is what the QR code opens: this page's address on the public page, the public page's on the admin's. */
export async function downloadPoster(data: PublicSnapshot, size: PaperSize, locale: PublicLocale, url: string = pageUrl()): Promise<void> {
  const blob = await posterBlob(data, size, locale, url);
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = `${data.slug}-${size}.png`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/**
 * Lays the vector poster out for printing on one page of the chosen paper (hidden on screen) and returns
 * a function that removes it again. Kept apart from window.print() so a test can print it to PDF itself.
 */
export function preparePrint(data: PublicSnapshot, size: PaperSize, locale: PublicLocale, url: string = pageUrl()): () => void {
  const [w, h] = PAPER[size].mm;
  const style = document.createElement('style');
  style.textContent = `@page { size: ${w}mm ${h}mm; margin: 0 } .pm-print { display: none } @media print { html, body { margin: 0 !important; padding: 0 !important } body > *:not(.pm-print) { display: none !important } .pm-print { display: block !important } .pm-print svg { width: ${w}mm; height: ${h}mm; display: block } }`;
  const holder = document.createElement('div');
  holder.className = 'pm-print';
  holder.setAttribute('aria-hidden', 'true');
  // Parsed as XML, not set as HTML: the texts are escaped, and a mistake would fail to parse, not run.
  const doc = new DOMParser().parseFromString(posterSvg(data, size, locale, url), 'image/svg+xml');
  holder.append(document.importNode(doc.documentElement, true));
  document.head.append(style);
  document.body.append(holder);
  return () => {
    style.remove();
    holder.remove();
  };
}

/** Prints the vector poster (the browser's "save as PDF" makes the PDF). */
export function printPoster(data: PublicSnapshot, size: PaperSize, locale: PublicLocale, url: string = pageUrl()): void {
  const done = preparePrint(data, size, locale, url);
  const after = () => {
    done();
    window.removeEventListener('afterprint', after);
  };
  window.addEventListener('afterprint', after);
  window.print();
}
