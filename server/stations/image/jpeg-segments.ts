// The marker segments of a JPEG file before its image data: where EXIF (APP1), ICC profiles (APP2), XMP and
// comments live. Read to apply the EXIF orientation before the metadata is dropped, and by the leak guard to
// prove a published photo carries none.

export interface Segment {
  marker: number;
  /** Offset of the segment's payload (after the two length bytes) and its length. */
  start: number;
  length: number;
}

/** Segments from SOI up to SOS (the image data); stops quietly at anything malformed. */
export function jpegSegments(b: Uint8Array): Segment[] {
  const out: Segment[] = [];
  if (b[0] !== 0xff || b[1] !== 0xd8) return out;
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) break;
    const marker = b[i + 1] as number;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) break; // EOI, SOS: no more header segments
    const length = ((b[i + 2] as number) << 8) | (b[i + 3] as number);
    if (length < 2 || i + 2 + length > b.length) break;
    out.push({ marker, start: i + 4, length: length - 2 });
    i += 2 + length;
  }
  return out;
}

/** Markers that carry metadata rather than pixels: APP1–APP15 (EXIF, XMP, ICC, maker notes…) and COM. APP0 (JFIF) is a fixed header. */
export function metadataSegments(b: Uint8Array): Segment[] {
  return jpegSegments(b).filter((s) => (s.marker >= 0xe1 && s.marker <= 0xef) || s.marker === 0xfe);
}

/** The EXIF orientation (1–8) of a JPEG; 1 when absent or unreadable. */
export function exifOrientation(b: Uint8Array): number {
  for (const s of jpegSegments(b)) {
    if (s.marker !== 0xe1 || s.length < 14) continue;
    const p = s.start;
    // "Exif\0\0" then a TIFF header.
    if (!(b[p] === 0x45 && b[p + 1] === 0x78 && b[p + 2] === 0x69 && b[p + 3] === 0x66 && b[p + 4] === 0 && b[p + 5] === 0)) continue;
    const t = p + 6;
    const little = b[t] === 0x49;
    const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const end = p + s.length;
    const u16 = (o: number) => (o + 2 <= end ? view.getUint16(o, little) : -1);
    const u32 = (o: number) => (o + 4 <= end ? view.getUint32(o, little) : -1);
    const ifd = t + u32(t + 4);
    const n = u16(ifd);
    if (ifd < t || n < 0) return 1;
    for (let k = 0; k < n; k++) {
      const e = ifd + 2 + k * 12;
      if (u16(e) === 0x0112) {
        const v = u16(e + 8);
        return v >= 1 && v <= 8 ? v : 1;
      }
    }
  }
  return 1;
}
