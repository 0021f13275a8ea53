// A recording 2D context that writes SVG: the poster's own drawing code (poster.ts) run against it gives
// the same sheet as vectors (paths and real text), which the browser prints to a PDF that stays sharp at
// any size and keeps its text selectable. Only what PosterCtx needs: paths of lines, rectangles and full
// circles, fills and strokes, dashes, one clip at a time per save, translate/rotate, text with the
// canvas's alignment and baselines (converted with the canvas's own font metrics, so both agree).
import type { PosterCtx } from './poster-ctx';

/** Width and the em box above/below the alphabetic baseline of a text in a CSS font (from a real canvas). */
export type Measure = (text: string, font: string) => { width: number; ascent: number; descent: number };

interface State {
  fillStyle: string;
  strokeStyle: string;
  lineWidth: number;
  font: string;
  textAlign: CanvasTextAlign;
  textBaseline: CanvasTextBaseline;
  lineCap: CanvasLineCap;
  lineJoin: CanvasLineJoin;
  globalAlpha: number;
  dash: number[];
  m: [number, number, number, number, number, number];
  groups: number;
}

const esc = (v: string) => v.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const n = (v: number) => String(Math.round(v * 100) / 100);

export class SvgContext implements PosterCtx {
  private out: string[] = [];
  private defs: string[] = [];
  private d = '';
  private clips = 0;
  private st: State = { fillStyle: '#000', strokeStyle: '#000', lineWidth: 1, font: '10px sans-serif', textAlign: 'start', textBaseline: 'alphabetic', lineCap: 'butt', lineJoin: 'miter', globalAlpha: 1, dash: [], m: [1, 0, 0, 1, 0, 0], groups: 0 };
  private stack: State[] = [];

  constructor(private readonly width: number, private readonly height: number, private readonly measure: Measure) {}

  get fillStyle() { return this.st.fillStyle; }
  set fillStyle(v: string | CanvasGradient | CanvasPattern) { this.st.fillStyle = String(v); }
  get strokeStyle() { return this.st.strokeStyle; }
  set strokeStyle(v: string | CanvasGradient | CanvasPattern) { this.st.strokeStyle = String(v); }
  get lineWidth() { return this.st.lineWidth; }
  set lineWidth(v: number) { this.st.lineWidth = v; }
  get font() { return this.st.font; }
  set font(v: string) { this.st.font = v; }
  get textAlign() { return this.st.textAlign; }
  set textAlign(v: CanvasTextAlign) { this.st.textAlign = v; }
  get textBaseline() { return this.st.textBaseline; }
  set textBaseline(v: CanvasTextBaseline) { this.st.textBaseline = v; }
  get lineCap() { return this.st.lineCap; }
  set lineCap(v: CanvasLineCap) { this.st.lineCap = v; }
  get lineJoin() { return this.st.lineJoin; }
  set lineJoin(v: CanvasLineJoin) { this.st.lineJoin = v; }
  get globalAlpha() { return this.st.globalAlpha; }
  set globalAlpha(v: number) { this.st.globalAlpha = v; }

  /** The recorded sheet as an SVG document, `mm` its printed size. */
  toSvg(mm: [number, number]): string {
    while (this.st.groups > 0) this.closeGroup();
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${mm[0]}mm" height="${mm[1]}mm" viewBox="0 0 ${this.width} ${this.height}">` +
      `<defs>${this.defs.join('')}</defs>${this.out.join('')}</svg>`;
  }

  private pt(x: number, y: number): string {
    const [a, b, c, d, e, f] = this.st.m;
    return `${n(a * x + c * y + e)} ${n(b * x + d * y + f)}`;
  }
  private opacity(): string {
    return this.st.globalAlpha < 1 ? ` opacity="${n(this.st.globalAlpha)}"` : '';
  }
  private strokeAttrs(): string {
    const s = this.st;
    const dash = s.dash.length ? ` stroke-dasharray="${s.dash.map(n).join(' ')}"` : '';
    return ` fill="none" stroke="${esc(s.strokeStyle)}" stroke-width="${n(s.lineWidth)}" stroke-linecap="${s.lineCap}" stroke-linejoin="${s.lineJoin}"${dash}`;
  }
  private closeGroup(): void {
    this.out.push('</g>');
    this.st.groups -= 1;
  }

  beginPath(): void { this.d = ''; }
  moveTo(x: number, y: number): void { this.d += `M${this.pt(x, y)}`; }
  lineTo(x: number, y: number): void { this.d += `L${this.pt(x, y)}`; }
  closePath(): void { this.d += 'Z'; }
  rect(x: number, y: number, w: number, h: number): void {
    this.d += `M${this.pt(x, y)}L${this.pt(x + w, y)}L${this.pt(x + w, y + h)}L${this.pt(x, y + h)}Z`;
  }
  /** Full circles only (all the poster draws); transforms are translations and rotations, so r is kept. */
  arc(x: number, y: number, r: number): void {
    this.d += `M${this.pt(x + r, y)}A${n(r)} ${n(r)} 0 1 0 ${this.pt(x - r, y)}A${n(r)} ${n(r)} 0 1 0 ${this.pt(x + r, y)}Z`;
  }
  fill(rule?: CanvasFillRule): void {
    if (!this.d) return;
    this.out.push(`<path d="${this.d}" fill="${esc(this.st.fillStyle)}"${rule === 'evenodd' ? ' fill-rule="evenodd"' : ''}${this.opacity()}/>`);
  }
  stroke(): void {
    if (this.d) this.out.push(`<path d="${this.d}"${this.strokeAttrs()}${this.opacity()}/>`);
  }
  fillRect(x: number, y: number, w: number, h: number): void {
    const saved = this.d;
    this.d = '';
    this.rect(x, y, w, h);
    this.fill();
    this.d = saved;
  }
  strokeRect(x: number, y: number, w: number, h: number): void {
    const saved = this.d;
    this.d = '';
    this.rect(x, y, w, h);
    this.stroke();
    this.d = saved;
  }
  clip(): void {
    const id = `c${++this.clips}`;
    this.defs.push(`<clipPath id="${id}"><path d="${this.d}"/></clipPath>`);
    this.out.push(`<g clip-path="url(#${id})">`);
    this.st.groups += 1;
  }
  save(): void {
    // The saved state keeps its own open groups; the new level counts only the clip groups it opens.
    this.stack.push({ ...this.st, dash: [...this.st.dash], m: [...this.st.m] });
    this.st.groups = 0;
  }
  restore(): void {
    while (this.st.groups > 0) this.closeGroup();
    const prev = this.stack.pop();
    if (prev) this.st = prev;
  }
  translate(x: number, y: number): void {
    const [a, b, c, d, e, f] = this.st.m;
    this.st.m = [a, b, c, d, a * x + c * y + e, b * x + d * y + f];
  }
  rotate(r: number): void {
    const [a, b, c, d, e, f] = this.st.m;
    const cos = Math.cos(r), sin = Math.sin(r);
    this.st.m = [a * cos + c * sin, b * cos + d * sin, c * cos - a * sin, d * cos - b * sin, e, f];
  }
  setLineDash(segments: number[]): void { this.st.dash = [...segments]; }
  measureText(text: string): { width: number } {
    return { width: this.measure(text, this.st.font).width };
  }
  fillText(text: string, x: number, y: number, maxWidth?: number): void {
    this.text(text, x, y, maxWidth, ` fill="${esc(this.st.fillStyle)}"`);
  }
  strokeText(text: string, x: number, y: number, maxWidth?: number): void {
    this.text(text, x, y, maxWidth, this.strokeAttrs());
  }

  /** Text placed as the canvas places it: x by textAlign, y moved to the alphabetic baseline; squeezed like the canvas when wider than maxWidth. */
  private text(text: string, x: number, y: number, maxWidth: number | undefined, paint: string): void {
    const s = this.st;
    const m = this.measure(text, s.font);
    const base = s.textBaseline === 'top' || s.textBaseline === 'hanging' ? y + m.ascent : s.textBaseline === 'middle' ? y + (m.ascent - m.descent) / 2 : s.textBaseline === 'bottom' || s.textBaseline === 'ideographic' ? y - m.descent : y;
    const anchor = s.textAlign === 'center' ? 'middle' : s.textAlign === 'right' || s.textAlign === 'end' ? 'end' : 'start';
    const squeeze = maxWidth !== undefined && m.width > maxWidth ? ` textLength="${n(maxWidth)}" lengthAdjust="spacingAndGlyphs"` : '';
    const [a, b, c, d, e, f] = s.m;
    const transform = a === 1 && b === 0 && c === 0 && d === 1 && e === 0 && f === 0 ? '' : ` transform="matrix(${[a, b, c, d, e, f].map((v) => Math.round(v * 1e4) / 1e4).join(' ')})"`;
    this.out.push(`<text x="${n(x)}" y="${n(base)}" text-anchor="${anchor}" style="font:${esc(s.font)};white-space:pre"${squeeze}${paint}${this.opacity()}${transform}>${esc(text)}</text>`);
  }
}
