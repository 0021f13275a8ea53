// A JPEG as a phone writes it: pixels plus an EXIF block with the camera's make, an orientation and a GPS
// position, so tests can prove the stored and served photo keeps the pixels and none of that.
import jpeg from 'jpeg-js';

export const CAMERA_MAKE = 'SentinelCam-GPS-7731';
/** 31°13'48.5"N 121°28'12.25"E. */
export const GPS = { lat: [31, 13, 48.5], lon: [121, 28, 12.25] } as const;

function tiff(orientation: number): Uint8Array {
  const make = new TextEncoder().encode(`${CAMERA_MAKE}\0`);
  const buf = new Uint8Array(512);
  const v = new DataView(buf.buffer);
  buf.set([0x49, 0x49, 0x2a, 0x00]);
  v.setUint32(4, 8, true);
  let data = 8 + 2 + 3 * 12 + 4; // after IFD0
  const gpsIfd = data + make.length + (make.length % 2);
  const gpsData = gpsIfd + 2 + 4 * 12 + 4;
  const entry = (at: number, tag: number, type: number, count: number, value: number) => {
    v.setUint16(at, tag, true);
    v.setUint16(at + 2, type, true);
    v.setUint32(at + 4, count, true);
    if (type === 3 && count === 1) v.setUint16(at + 8, value, true);
    else v.setUint32(at + 8, value, true);
  };
  v.setUint16(8, 3, true);
  entry(10, 0x010f, 2, make.length, data);
  entry(22, 0x0112, 3, 1, orientation);
  entry(34, 0x8825, 4, 1, gpsIfd);
  buf.set(make, data);
  data = gpsIfd;
  v.setUint16(data, 4, true);
  const rationals = (at: number, dms: readonly number[]) => dms.forEach((x, i) => { v.setUint32(at + i * 8, Math.round(x * 100), true); v.setUint32(at + i * 8 + 4, 100, true); });
  entry(data + 2, 0x0001, 2, 2, 0x4e); // 'N'
  entry(data + 14, 0x0002, 5, 3, gpsData);
  entry(data + 26, 0x0003, 2, 2, 0x45); // 'E'
  entry(data + 38, 0x0004, 5, 3, gpsData + 24);
  rationals(gpsData, GPS.lat);
  rationals(gpsData + 24, GPS.lon);
  return buf.subarray(0, gpsData + 48);
}

/** A w×h JPEG whose left half is red and right half blue, with EXIF (make, orientation, GPS) in APP1. */
export function jpegWithGps(w: number, h: number, orientation = 1): Uint8Array {
  const data = Buffer.alloc(w * h * 4);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set(x < w / 2 ? [220, 30, 30, 255] : [30, 30, 220, 255], (y * w + x) * 4);
  const plain = jpeg.encode({ width: w, height: h, data }, 90).data;
  const exif = tiff(orientation);
  const payload = new Uint8Array(6 + exif.length);
  payload.set([0x45, 0x78, 0x69, 0x66, 0, 0]);
  payload.set(exif, 6);
  const seg = new Uint8Array(4 + payload.length);
  seg.set([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]);
  seg.set(payload, 4);
  // Right after SOI, before jpeg-js's own JFIF header: where cameras put it.
  const out = new Uint8Array(plain.length + seg.length);
  out.set(plain.subarray(0, 2));
  out.set(seg, 2);
  out.set(plain.subarray(2), 2 + seg.length);
  return out;
}

/** Whether the bytes contain the sequence anywhere. */
export function contains(hay: Uint8Array, needle: Uint8Array | string): boolean {
  const n = typeof needle === 'string' ? new TextEncoder().encode(needle) : needle;
  return Buffer.from(hay.buffer, hay.byteOffset, hay.byteLength).indexOf(Buffer.from(n)) >= 0;
}
