import { open } from 'node:fs/promises';

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
