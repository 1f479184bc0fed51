import { createReadStream, createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export type TextEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

const SAMPLE_BYTES = 8 * 1024 * 1024;

/**
 * Tells the encoding of a text file: UTF-8, Windows-1252 (the encoding of many Québec
 * government files: its accents and curly quotes are invalid UTF-8) or UTF-16 (what Excel's
 * "Unicode text" writes). A BOM settles it. Otherwise UTF-16 shows as zero bytes in every other
 * position, the first 8 MB of UTF-8 must decode as UTF-8, and any other zero byte means the file
 * is not text at all.
 */
export async function detectEncoding(file: string): Promise<TextEncoding | 'binary'> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    const sample = buffer.subarray(0, bytesRead);
    if (sample.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))) return 'utf-8';
    if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
    if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
    if (sample.includes(0)) return utf16WithoutBom(sample) ?? 'binary';
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

/** Latin text in UTF-16 has a zero in nearly every odd (LE) or even (BE) byte, and few others. */
function utf16WithoutBom(sample: Buffer): 'utf-16le' | 'utf-16be' | null {
  const pairs = Math.min(Math.floor(sample.length / 2), 64 * 1024);
  if (pairs < 2) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < pairs; i++) {
    if (sample[2 * i] === 0) evenZeros++;
    if (sample[2 * i + 1] === 0) oddZeros++;
  }
  if (oddZeros > pairs * 0.9 && evenZeros < pairs * 0.01) return 'utf-16le';
  if (evenZeros > pairs * 0.9 && oddZeros < pairs * 0.01) return 'utf-16be';
  return null;
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

/** A chunk-by-chunk decoder to UTF-8 for an encoding (a character cut between chunks is kept). */
function toUtf8(encoding: Exclude<TextEncoding, 'utf-8'>): (chunk: Buffer | null) => Buffer {
  if (encoding === 'windows-1252') return (chunk) => (chunk ? windows1252ToUtf8(chunk) : Buffer.alloc(0));
  const decoder = new TextDecoder(encoding, { ignoreBOM: false });
  return (chunk) => Buffer.from(chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode(), 'utf8');
}

/** Rewrites a file in UTF-8, streaming (memory stays flat whatever the size); a BOM is dropped. */
export async function transcodeToUtf8(
  source: string,
  target: string,
  encoding: Exclude<TextEncoding, 'utf-8'>,
  onBytes: (bytes: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  let bytes = 0;
  const decode = toUtf8(encoding);
  const transcode = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      onBytes(bytes);
      done(null, decode(chunk));
    },
    flush(done) {
      done(null, decode(null));
    },
  });
  await pipeline(
    createReadStream(source, { highWaterMark: 1024 * 1024 }),
    transcode,
    createWriteStream(target),
    ...(signal ? [{ signal }] : []),
  );
}

/**
 * Whether a Windows-1252 file holds none of the bytes 0x80–0x9F (its curly quotes, €, œ…):
 * then it is Latin-1 byte for byte, and DuckDB reads it as such. One pass over the bytes, much
 * quicker than writing a UTF-8 copy.
 */
export async function readsAsLatin1(file: string, signal?: AbortSignal): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const block = Buffer.alloc(4 * 1024 * 1024);
    for (let start = 0; ; start += block.length) {
      signal?.throwIfAborted();
      const { bytesRead } = await handle.read(block, 0, block.length, start);
      if (bytesRead === 0) return true;
      if (/[\u0080-\u009f]/.test(block.toString('latin1', 0, bytesRead))) return false;
    }
  } finally {
    await handle.close();
  }
}

/**
 * The text DuckDB reads for a file in `encoding`: UTF-8 as it is; a Windows-1252 CSV without
 * Windows-1252's own characters as it is too (it is Latin-1); anything else copied to `copy` in
 * UTF-8.
 */
export async function textForDuck(
  file: string,
  encoding: TextEncoding,
  format: string,
  copy: string,
  onBytes: (bytes: number) => void,
  signal?: AbortSignal,
): Promise<{ text: string; latin1: boolean }> {
  if (encoding === 'utf-8') return { text: file, latin1: false };
  if (
    encoding === 'windows-1252' &&
    (format === 'csv' || format === 'tsv') &&
    (await readsAsLatin1(file, signal))
  ) {
    return { text: file, latin1: true };
  }
  await transcodeToUtf8(file, copy, encoding, onBytes, signal);
  return { text: copy, latin1: false };
}
