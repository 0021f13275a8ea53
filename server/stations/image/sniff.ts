// What an uploaded file is, from its first bytes (never from its name or the Content-Type the client sent).
export type ImageType = 'jpeg' | 'png' | 'gif' | 'webp' | 'heic' | 'bmp' | 'tiff';

/** The image type of the bytes, or null when they are not an image this recognises. */
export function sniffImage(b: Uint8Array): ImageType | null {
  const at = (i: number, ...xs: number[]) => xs.every((x, k) => b[i + k] === x);
  const ascii = (i: number, s: string) => [...s].every((ch, k) => b[i + k] === ch.charCodeAt(0));
  if (b.length < 12) return null;
  if (at(0, 0xff, 0xd8, 0xff)) return 'jpeg';
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'gif';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'webp';
  if (ascii(4, 'ftyp') && ['heic', 'heix', 'mif1', 'msf1', 'hevc', 'avif'].some((brand) => ascii(8, brand))) return 'heic';
  if (ascii(0, 'BM')) return 'bmp';
  if (at(0, 0x49, 0x49, 0x2a, 0x00) || at(0, 0x4d, 0x4d, 0x00, 0x2a)) return 'tiff';
  return null;
}

/** Types the pure-JS codecs decode: the rest are answered 415 with advice to save as JPEG or PNG. */
export const DECODABLE: readonly ImageType[] = ['jpeg', 'png'];
