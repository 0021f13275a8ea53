import { describe, expect, it } from 'vitest';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { CAMERA_MAKE, contains, jpegWithGps } from '../../../tests/helpers/exif-jpeg.js';
import { exifOrientation, metadataSegments } from './jpeg-segments.js';
import { ImageError, PHOTO_LONG_SIDE, processPhoto, THUMB_LONG_SIDE } from './process.js';
import { sniffImage } from './sniff.js';
import { fitSize, orient, shrink } from './pixels.js';

const statusOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof ImageError ? e.status : 'other';
  }
  return 'none';
};

describe('station photo processing', () => {
  it('the test JPEG really carries EXIF with GPS and the orientation', () => {
    const src = jpegWithGps(64, 32, 6);
    expect(contains(src, 'Exif')).toBe(true);
    expect(contains(src, CAMERA_MAKE)).toBe(true);
    expect(exifOrientation(src)).toBe(6);
    expect(metadataSegments(src)).toHaveLength(1);
  });

  it('keeps the pixels and drops EXIF (GPS, make), turning the picture upright first', () => {
    const out = processPhoto(jpegWithGps(64, 32, 6));
    for (const b of [out.photo, out.thumb]) {
      expect(sniffImage(b)).toBe('jpeg');
      expect(metadataSegments(b)).toEqual([]);
      expect(contains(b, 'Exif')).toBe(false);
      expect(contains(b, CAMERA_MAKE)).toBe(false);
      expect(exifOrientation(b)).toBe(1);
    }
    // Orientation 6 is a quarter turn clockwise: 64×32 stored, 32×64 seen, red (left) on top.
    expect([out.width, out.height]).toEqual([32, 64]);
    const img = jpeg.decode(out.photo, { useTArray: true });
    const px = (x: number, y: number) => [...img.data.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 3)];
    expect(px(16, 5)[0]).toBeGreaterThan(180);
    expect(px(16, 58)[2]).toBeGreaterThan(180);
  });

  it('shrinks to the photo and thumbnail sizes, never enlarging', () => {
    const big = processPhoto(jpegWithGps(2000, 1000));
    expect([big.width, big.height]).toEqual([PHOTO_LONG_SIDE, 800]);
    expect([big.thumbWidth, big.thumbHeight]).toEqual([THUMB_LONG_SIDE, 200]);
    const small = processPhoto(jpegWithGps(100, 50));
    expect([small.width, small.height, small.thumbWidth]).toEqual([100, 50, 100]);
  });

  it('reads PNG, flattening transparency onto white', () => {
    const png = new PNG({ width: 8, height: 8 });
    png.data.fill(0);
    const out = processPhoto(new Uint8Array(PNG.sync.write(png)));
    const img = jpeg.decode(out.photo, { useTArray: true });
    expect(img.data[0]).toBeGreaterThan(240);
  });

  it('answers 422 for what is not an image or is cut short, 415 for formats it cannot read, 413 for too many pixels', () => {
    expect(statusOf(() => processPhoto(new TextEncoder().encode('%PDF-1.7 not a picture at all')))).toBe(422);
    const src = jpegWithGps(64, 64);
    expect(statusOf(() => processPhoto(src.subarray(0, 400)))).toBe(422);
    expect(statusOf(() => processPhoto(new TextEncoder().encode('GIF89a\x01\x00\x01\x00\x00\x00\x00;')))).toBe(415);
    // A PNG header claiming 10 000 × 10 000 pixels: refused before anything is decoded.
    const header = new Uint8Array(PNG.sync.write(new PNG({ width: 1, height: 1 })));
    new DataView(header.buffer).setUint32(16, 10_000);
    new DataView(header.buffer).setUint32(20, 10_000);
    expect(statusOf(() => processPhoto(header))).toBe(413);
  });

  it('orients and shrinks pixel buffers exactly', () => {
    const p = { width: 2, height: 1, data: new Uint8Array([1, 1, 1, 1, 2, 2, 2, 2]) };
    expect([...orient(p, 6).data]).toEqual([1, 1, 1, 1, 2, 2, 2, 2]);
    expect(orient(p, 6).height).toBe(2);
    expect([...orient(p, 2).data]).toEqual([2, 2, 2, 2, 1, 1, 1, 1]);
    expect([...shrink(p, 1, 1).data]).toEqual([2, 2, 2, 2]); // (1+2)/2 rounded
    expect(fitSize(3000, 1000, 1600)).toEqual({ width: 1600, height: 533 });
  });
});
