import { open } from 'node:fs/promises';
import yauzl from 'yauzl';

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
/** Sizes that do not fit in 32 bits are written as this (ZIP64): at least 4 GiB. */
const ZIP64 = 0xffffffff;

/**
 * What a ZIP archive's entries add up to once inflated, as its central directory declares it
 * (read without inflating anything). Null when the archive has no readable directory.
 */
export async function declaredInflatedSize(file: string): Promise<number | null> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const tailLength = Math.min(size, 22 + 65_535);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    let end = -1;
    for (let at = tailLength - 22; at >= 0; at--) {
      if (tail.readUInt32LE(at) === END_OF_DIRECTORY) {
        end = at;
        break;
      }
    }
    if (end < 0) return null;
    const entries = tail.readUInt16LE(end + 10);
    const directorySize = tail.readUInt32LE(end + 12);
    const directoryOffset = tail.readUInt32LE(end + 16);
    if (directoryOffset + directorySize > size) return null;
    const directory = Buffer.alloc(directorySize);
    await handle.read(directory, 0, directorySize, directoryOffset);
    let total = 0;
    let at = 0;
    for (let entry = 0; entry < entries && at + 46 <= directory.length; entry++) {
      if (directory.readUInt32LE(at) !== DIRECTORY_ENTRY) return null;
      const inflated = directory.readUInt32LE(at + 24);
      total += inflated === ZIP64 ? 4 * 1024 ** 3 : inflated;
      at +=
        46 +
        directory.readUInt16LE(at + 28) +
        directory.readUInt16LE(at + 30) +
        directory.readUInt16LE(at + 32);
    }
    return total;
  } finally {
    await handle.close();
  }
}

/** What a workbook's inflation may reach before it is refused. */
export interface InflationBounds {
  /** Bytes inflated, all entries together. */
  maxBytes: number;
  /** The longest text between two XML tags (Excel's cells hold 32,767 characters at most). */
  maxRun: number;
}

/**
 * Inflates every entry once, counting, before anything parses the XML: a directory that lies
 * about sizes is caught by yauzl's size checks, a workbook that inflates beyond `maxBytes` is
 * stopped there, and one text of hundreds of megabytes (which no parser can hold as a string)
 * is stopped at `maxRun` bytes. Memory stays flat: the bytes are counted and dropped.
 */
export async function checkInflation(
  file: string,
  bounds: InflationBounds,
  signal?: AbortSignal,
): Promise<'ok' | 'too-large' | 'unreadable'> {
  const zip = await new Promise<yauzl.ZipFile | null>((resolve) =>
    yauzl.open(file, { lazyEntries: true, autoClose: true, validateEntrySizes: true }, (error, opened) =>
      resolve(error || !opened ? null : opened),
    ),
  );
  if (!zip) return 'unreadable';
  let total = 0;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: 'ok' | 'too-large' | 'unreadable') => {
      if (settled) return;
      settled = true;
      zip.close();
      resolve(outcome);
    };
    zip.on('error', (error: Error) =>
      finish(/too many bytes|expected/i.test(error.message) ? 'too-large' : 'unreadable'),
    );
    zip.on('end', () => finish('ok'));
    zip.on('entry', (entry: yauzl.Entry) => {
      if (signal?.aborted) return finish('unreadable');
      zip.openReadStream(entry, (error, stream) => {
        if (error || !stream)
          return finish(/too many bytes|expected/i.test(error?.message ?? '') ? 'too-large' : 'unreadable');
        let run = 0;
        // Pictures and other binary parts have no tags to count between.
        const xml = /\.(xml|rels)$/i.test(entry.fileName);
        stream.on('data', (chunk: Buffer) => {
          total += chunk.length;
          if (xml) run = longestRun(chunk, run, bounds.maxRun);
          if (total > bounds.maxBytes || run > bounds.maxRun) {
            stream.destroy();
            finish('too-large');
          }
        });
        stream.on('error', (streamError: Error) =>
          finish(/too many bytes|expected/i.test(streamError.message) ? 'too-large' : 'unreadable'),
        );
        stream.on('end', () => zip.readEntry());
      });
    });
    zip.readEntry();
  });
}

const TAG_START = 0x3c;
const TAG_END = 0x3e;

/** The length of the run of bytes without a tag mark that ends this chunk, given the run before it. */
function longestRun(chunk: Buffer, carried: number, limit: number): number {
  let run = carried;
  let from = 0;
  while (from < chunk.length) {
    const lt = chunk.indexOf(TAG_START, from);
    const gt = chunk.indexOf(TAG_END, from);
    const mark = lt === -1 ? gt : gt === -1 ? lt : Math.min(lt, gt);
    if (mark === -1) return run + (chunk.length - from);
    if (run + (mark - from) > limit) return run + (mark - from);
    run = 0;
    from = mark + 1;
  }
  return run;
}
