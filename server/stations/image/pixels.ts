// RGBA pixel buffers: turning by the EXIF orientation and shrinking by area averaging (every source pixel
// counts, so a thumbnail of a photo does not shimmer the way nearest-neighbour sampling does). Pure.

export interface Pixels {
  width: number;
  height: number;
  /** RGBA, row by row. */
  data: Uint8Array;
}

/** The pixels as they should be seen, for an EXIF orientation 1–8 (mirrors and quarter turns). */
export function orient(src: Pixels, orientation: number): Pixels {
  if (orientation <= 1 || orientation > 8) return src;
  const { width: w, height: h, data } = src;
  const swap = orientation >= 5;
  const W = swap ? h : w;
  const H = swap ? w : h;
  const out = new Uint8Array(W * H * 4);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      // Where the displayed pixel (x, y) comes from in the stored image.
      let sx: number, sy: number;
      switch (orientation) {
        case 2: sx = w - 1 - x; sy = y; break;
        case 3: sx = w - 1 - x; sy = h - 1 - y; break;
        case 4: sx = x; sy = h - 1 - y; break;
        case 5: sx = y; sy = x; break;
        case 6: sx = y; sy = h - 1 - x; break;
        case 7: sx = w - 1 - y; sy = h - 1 - x; break;
        default: sx = w - 1 - y; sy = x; break; // 8
      }
      const si = (sy * w + sx) * 4;
      const di = (y * W + x) * 4;
      out[di] = data[si] as number;
      out[di + 1] = data[si + 1] as number;
      out[di + 2] = data[si + 2] as number;
      out[di + 3] = data[si + 3] as number;
    }
  }
  return { width: W, height: H, data: out };
}

/** The size that fits the long side into `longSide`, never larger than the source. */
export function fitSize(width: number, height: number, longSide: number): { width: number; height: number } {
  const k = Math.min(1, longSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * k)), height: Math.max(1, Math.round(height * k)) };
}

/** Shrinks to width × height by averaging the source area under each target pixel (box filter with partial coverage). */
export function shrink(src: Pixels, width: number, height: number): Pixels {
  if (width >= src.width && height >= src.height) return src;
  const sx = src.width / width;
  const sy = src.height / height;
  const out = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const y0 = y * sy, y1 = y0 + sy;
    for (let x = 0; x < width; x++) {
      const x0 = x * sx, x1 = x0 + sx;
      let r = 0, g = 0, b = 0, a = 0, area = 0;
      for (let yy = Math.floor(y0); yy < Math.min(src.height, Math.ceil(y1)); yy++) {
        const wy = Math.min(y1, yy + 1) - Math.max(y0, yy);
        for (let xx = Math.floor(x0); xx < Math.min(src.width, Math.ceil(x1)); xx++) {
          const wgt = wy * (Math.min(x1, xx + 1) - Math.max(x0, xx));
          const i = (yy * src.width + xx) * 4;
          r += (src.data[i] as number) * wgt;
          g += (src.data[i + 1] as number) * wgt;
          b += (src.data[i + 2] as number) * wgt;
          a += (src.data[i + 3] as number) * wgt;
          area += wgt;
        }
      }
      const o = (y * width + x) * 4;
      out[o] = Math.round(r / area);
      out[o + 1] = Math.round(g / area);
      out[o + 2] = Math.round(b / area);
      out[o + 3] = Math.round(a / area);
    }
  }
  return { width, height, data: out };
}

/** Flattens transparency onto white (JPEG has no alpha; a transparent PNG would otherwise turn black). */
export function onWhite(p: Pixels): Pixels {
  const data = new Uint8Array(p.data);
  for (let i = 0; i < data.length; i += 4) {
    const a = (data[i + 3] as number) / 255;
    if (a === 1) continue;
    for (let k = 0; k < 3; k++) data[i + k] = Math.round((data[i + k] as number) * a + 255 * (1 - a));
    data[i + 3] = 255;
  }
  return { ...p, data };
}
