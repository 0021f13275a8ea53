// A station photo as stored: the upload decoded to pixels, turned upright by its EXIF orientation, shrunk
// to a photo (long side ≤ PHOTO_LONG_SIDE) and a thumbnail, and encoded again as baseline JPEG. Only pixels
// survive the round trip: EXIF (GPS position, camera, time), XMP, ICC and comments are not copied. Pure
// JavaScript codecs (jpeg-js, pngjs): no native dependency. CPU-heavy: run it in photo-thread.ts.
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { DECODABLE, sniffImage } from './sniff.js';
import { exifOrientation } from './jpeg-segments.js';
import { fitSize, onWhite, orient, shrink, type Pixels } from './pixels.js';

export const PHOTO_LONG_SIDE = 1600;
export const THUMB_LONG_SIDE = 400;
/** Decoded pixels one upload may have (a 48 MP phone photo fits; a decompression bomb does not). */
export const MAX_PIXELS = 50_000_000;
const QUALITY = 82;

export class ImageError extends Error {
  constructor(
    readonly status: 413 | 415 | 422,
    message: string,
  ) {
    super(message);
  }
}

export interface ProcessedPhoto {
  photo: Uint8Array;
  thumb: Uint8Array;
  width: number;
  height: number;
  thumbWidth: number;
  thumbHeight: number;
}

function pixelCountOf(b: Uint8Array, type: 'jpeg' | 'png'): number | null {
  if (type === 'png') {
    const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
    return b.length >= 24 ? v.getUint32(16) * v.getUint32(20) : null;
  }
  // Start-of-frame segments (SOF0–SOF15 except DHT, JPG, DAC) give the size before anything is decoded.
  let i = 2;
  while (i + 9 < b.length && b[i] === 0xff) {
    const m = b[i + 1] as number;
    const len = ((b[i + 2] as number) << 8) | (b[i + 3] as number);
    if (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) return (((b[i + 5] as number) << 8) | (b[i + 6] as number)) * (((b[i + 7] as number) << 8) | (b[i + 8] as number));
    i += 2 + len;
  }
  return null;
}

function decode(bytes: Uint8Array): Pixels {
  const type = sniffImage(bytes);
  if (!type) throw new ImageError(422, 'The file is not an image (its first bytes are neither JPEG nor PNG nor any other picture format)');
  if (!DECODABLE.includes(type)) throw new ImageError(415, `A ${type.toUpperCase()} picture cannot be used: save it as JPEG or PNG and upload it again`);
  const pixels = pixelCountOf(bytes, type as 'jpeg' | 'png');
  if (pixels !== null && pixels > MAX_PIXELS) throw new ImageError(413, `The picture has ${pixels.toLocaleString('en')} pixels, more than the ${MAX_PIXELS.toLocaleString('en')} allowed; make it smaller and upload it again`);
  try {
    if (type === 'png') {
      const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
    }
    const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: MAX_PIXELS / 1e6, maxMemoryUsageInMB: 1024 });
    const upright = orient({ width: img.width, height: img.height, data: img.data }, exifOrientation(bytes));
    return upright;
  } catch (e) {
    if (e instanceof ImageError) throw e;
    throw new ImageError(422, `The picture could not be read (${type.toUpperCase()} file damaged or cut short)`);
  }
}

function encode(p: Pixels): Uint8Array {
  // jpeg-js writes SOI, a JFIF APP0 header and the image: no EXIF or comment unless given one.
  const out = jpeg.encode({ width: p.width, height: p.height, data: Buffer.from(p.data.buffer, p.data.byteOffset, p.data.byteLength) }, QUALITY);
  return new Uint8Array(out.data.buffer, out.data.byteOffset, out.data.byteLength);
}

export function processPhoto(bytes: Uint8Array): ProcessedPhoto {
  const upright = onWhite(decode(bytes));
  const size = fitSize(upright.width, upright.height, PHOTO_LONG_SIDE);
  const photo = shrink(upright, size.width, size.height);
  const t = fitSize(photo.width, photo.height, THUMB_LONG_SIDE);
  const thumb = shrink(photo, t.width, t.height);
  return { photo: encode(photo), thumb: encode(thumb), width: photo.width, height: photo.height, thumbWidth: thumb.width, thumbHeight: thumb.height };
}
