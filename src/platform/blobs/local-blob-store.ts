import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PayloadTooLargeError } from '../http/errors.js';
import { localized } from '../i18n/index.js';
import { type BlobStore, type ByteRange, isSha256, type StoredBlob } from './blob-store.js';

/** A temp file nobody wrote to for this long was left by a process that died mid-upload. */
const STALE_TEMP_MS = 10 * 60 * 1000;

/**
 * Blobs as files under `root/sha256/ab/cd/<hash>`. Uploads are written to `root/tmp`, flushed to
 * disk, then renamed into place, so a reader never sees a partial blob.
 */
export async function openLocalBlobStore(root: string): Promise<BlobStore> {
  const tempDir = path.join(root, 'tmp');
  await mkdir(tempDir, { recursive: true });
  await removeStaleTempFiles(tempDir);
  // A process that runs for months still clears what crashed others left behind.
  const sweeper = setInterval(() => void removeStaleTempFiles(tempDir).catch(() => {}), STALE_TEMP_MS);
  sweeper.unref();

  const blobPath = (sha256: string) => {
    if (!isSha256(sha256)) throw new Error(`Not a SHA-256: ${sha256}`);
    return path.join(root, 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };

  return {
    localPath: blobPath,

    async *list() {
      const top = path.join(root, 'sha256');
      if (!existsSync(top)) return;
      for (const a of await readdir(top))
        for (const b of await readdir(path.join(top, a)).catch(() => []))
          for (const name of await readdir(path.join(top, a, b)).catch(() => []))
            if (isSha256(name)) yield name;
    },

    async put(source, { maxBytes }): Promise<StoredBlob> {
      const tempPath = path.join(tempDir, randomUUID());
      const meter = new HashingMeter(maxBytes);
      try {
        // flush: the bytes reach the disk before the rename makes the blob visible.
        await pipeline(source, meter, createWriteStream(tempPath, { flush: true }));
      } catch (error) {
        await rm(tempPath, { force: true });
        throw error;
      }
      const sha256 = meter.digest();
      const finalPath = blobPath(sha256);
      if ((await fileSize(finalPath)) !== null) {
        await rm(tempPath, { force: true });
        return { sha256, size: meter.bytes, created: false };
      }
      await mkdir(path.dirname(finalPath), { recursive: true });
      await rename(tempPath, finalPath);
      return { sha256, size: meter.bytes, created: true };
    },
    size: (sha256) => fileSize(blobPath(sha256)),
    read: (sha256, range?: ByteRange) =>
      createReadStream(blobPath(sha256), range ? { start: range.start, end: range.end } : {}),
    delete: (sha256) => rm(blobPath(sha256), { force: true }),
    close: async () => clearInterval(sweeper),
  };
}

/** Counts and hashes the bytes flowing through; fails the stream once it passes `maxBytes`. */
class HashingMeter extends Transform {
  bytes = 0;
  private readonly hash = createHash('sha256');

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      done(
        new PayloadTooLargeError(
          localized(
            `Le fichier dépasse la taille maximale de ${this.maxBytes} octets.`,
            `The file exceeds the maximum size of ${this.maxBytes} bytes.`,
          ),
        ),
      );
      return;
    }
    this.hash.update(chunk);
    done(null, chunk);
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

async function fileSize(file: string): Promise<number | null> {
  try {
    return (await stat(file)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Temp files left by a process killed mid-upload: untouched for ten minutes (an upload under way,
 * here or in another process sharing the directory, writes to its file all the time).
 */
async function removeStaleTempFiles(tempDir: string): Promise<void> {
  const now = Date.now();
  for (const name of await readdir(tempDir)) {
    const file = path.join(tempDir, name);
    const info = await stat(file).catch(() => null);
    if (info && now - info.mtimeMs > STALE_TEMP_MS) await rm(file, { force: true });
  }
}
