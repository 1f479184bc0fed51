import sharp from 'sharp';

/** The largest image accepted, before processing. */
export const IMAGE_MAX_BYTES = 5 * 1024 * 1024;
/** Pixels decoded at most (a small file may claim a huge canvas: a decompression bomb). */
const MAX_PIXELS = 40_000_000;
const WIDTH = 1200;
const HEIGHT = 800;

export type ImageResult =
  | { ok: true; webp: Buffer }
  | { ok: false; reason: 'format' | 'unreadable' | 'too_large' };

/**
 * A reuse's image as the portal shows it: JPEG, PNG or WebP only, decoded within bounds,
 * turned upright, fitted within 1200 × 800, re-encoded as WebP without any metadata (no EXIF,
 * no GPS position, no camera serial, no ICC profile beyond sRGB).
 */
export async function processImage(bytes: Buffer): Promise<ImageResult> {
  if (bytes.length > IMAGE_MAX_BYTES) return { ok: false, reason: 'too_large' };
  try {
    const input = sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error' });
    const { format } = await input.metadata();
    if (format !== 'jpeg' && format !== 'png' && format !== 'webp') return { ok: false, reason: 'format' };
    const webp = await input
      .rotate()
      .resize({ width: WIDTH, height: HEIGHT, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 82 })
      .toBuffer();
    return { ok: true, webp };
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
}
