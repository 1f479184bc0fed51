import { createReadStream, createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export type TextEncoding = 'utf-8' | 'windows-1252';

const SAMPLE_BYTES = 8 * 1024 * 1024;

/**
 * Tells UTF-8 from Windows-1252, the encoding of many Québec government files (its accents and
 * curly quotes are invalid UTF-8). A BOM settles it; otherwise the first 8 MB must decode as
 * UTF-8. A NUL byte means the file is not text at all.
 */
export async function detectEncoding(file: string): Promise<TextEncoding | 'binary'> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    const sample = buffer.subarray(0, bytesRead);
    if (sample.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))) return 'utf-8';
    if (sample.includes(0)) return 'binary';
    // A multi-byte character cut by the end of the sample is not an error.
    const decoder = new TextDecoder('utf-8', { fatal: true });
    try {
      decoder.decode(sample, { stream: bytesRead === SAMPLE_BYTES });
      return 'utf-8';
    } catch {
      return 'windows-1252';
    }
  } finally {
    await handle.close();
  }
}

/** Windows-1252's characters at 0x80–0x9F (five codes are unassigned and kept as C1 controls). */
const C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

const C1_RANGE = /[\u0080-\u009f]/g;

/**
 * One chunk of Windows-1252 as UTF-8. Latin-1 decoding (native, fast) is right for every byte
 * but 0x80–0x9F, where Windows-1252 puts its curly quotes, dashes, € and œ: those are mapped.
 */
export function windows1252ToUtf8(chunk: Buffer): Buffer {
  const text = chunk.toString('latin1');
  C1_RANGE.lastIndex = 0;
  const fixed = C1_RANGE.test(text)
    ? text.replace(C1_RANGE, (char) => C1[char.charCodeAt(0) - 0x80] as string)
    : text;
  return Buffer.from(fixed, 'utf8');
}

/** Rewrites a Windows-1252 file as UTF-8, streaming (memory stays flat whatever the size). */
export async function transcodeToUtf8(
  source: string,
  target: string,
  onBytes: (bytes: number) => void,
): Promise<void> {
  let bytes = 0;
  const transcode = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      onBytes(bytes);
      done(null, windows1252ToUtf8(chunk));
    },
  });
  await pipeline(
    createReadStream(source, { highWaterMark: 1024 * 1024 }),
    transcode,
    createWriteStream(target),
  );
}
