import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NotFound,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { BlobStore, ByteRange, StoredBlob } from './blob-store.js';
import { isSha256 } from './blob-store.js';

export class BlobTooLargeError extends Error {
  override name = 'BlobTooLargeError';
}

export interface S3Location {
  bucket: string;
  /** Key prefix, without leading or trailing slash ('' for the bucket's root). */
  prefix: string;
}

/** `s3://bucket/some/prefix` → bucket and prefix. */
export function parseS3Url(url: string): S3Location {
  const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(\/.*)?$/.exec(url);
  if (!match?.[1]) throw new Error(`not an s3:// address: ${url}`);
  return { bucket: match[1], prefix: (match[2] ?? '').replace(/^\/+|\/+$/g, '') };
}

const isMissing = (error: unknown) =>
  error instanceof NotFound ||
  (error as { name?: string }).name === 'NotFound' ||
  (error as { name?: string }).name === 'NoSuchKey' ||
  (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404;

/**
 * Content-addressed blobs in S3-compatible object storage (AWS S3, MinIO, Ceph RGW, Garage…)
 * with the AWS SDK v3. A file is streamed to a temporary key by multipart upload while it is
 * hashed and counted; once whole, it is copied to its content address (`<prefix>/blobs/<sha256>`)
 * and the temporary key removed: a reader never sees part of a file, and a failed or oversized
 * upload is aborted and leaves nothing at any content address. Reads stream with HTTP ranges.
 * Credentials and region come from the usual AWS environment variables.
 */
export function openS3BlobStore(options: {
  url: string;
  endpoint?: string | null;
  region?: string | null;
  forcePathStyle?: boolean;
  /** Bytes per part of a multipart upload (at least 5 MiB, S3's minimum). */
  partSize?: number;
  client?: S3Client;
}): BlobStore {
  const { bucket, prefix } = parseS3Url(options.url);
  const key = (name: string) => (prefix ? `${prefix}/${name}` : name);
  const client =
    options.client ??
    new S3Client({
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      region: options.region ?? 'us-east-1',
      forcePathStyle: options.forcePathStyle ?? Boolean(options.endpoint),
      // Checksums only where the operation needs one: S3-compatible servers differ in how they
      // treat the SDK's default trailing checksums. Each file's SHA-256 is verified by the store.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });

  async function head(name: string): Promise<number | null> {
    try {
      const found = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key(name) }));
      return found.ContentLength ?? 0;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  return {
    async put(source: Readable, { maxBytes }): Promise<StoredBlob> {
      const hash = createHash('sha256');
      let size = 0;
      const temporary = `tmp/${randomUUID()}`;
      const counted = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          size += chunk.length;
          if (size > maxBytes) {
            done(new BlobTooLargeError(`larger than ${maxBytes} bytes`));
            return;
          }
          hash.update(chunk);
          done(null, chunk);
        },
      });
      const body = new PassThrough();
      const upload = new Upload({
        client,
        params: { Bucket: bucket, Key: key(temporary), Body: body },
        partSize: Math.max(options.partSize ?? 8 * 1024 * 1024, 5 * 1024 * 1024),
        queueSize: 2,
        leavePartsOnError: false,
      });
      const uploaded = upload.done();
      try {
        await pipeline(source, counted, body);
        await uploaded;
      } catch (error) {
        await upload.abort().catch(() => {});
        await uploaded.catch(() => {});
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key(temporary) })).catch(() => {});
        throw error;
      }
      const sha256 = hash.digest('hex');
      const final = `blobs/${sha256}`;
      try {
        if ((await head(final)) !== null) return { sha256, size, created: false };
        await client.send(
          new CopyObjectCommand({
            Bucket: bucket,
            Key: key(final),
            CopySource: `${bucket}/${key(temporary)}`,
          }),
        );
        return { sha256, size, created: true };
      } finally {
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key(temporary) })).catch(() => {});
      }
    },

    async size(sha256: string): Promise<number | null> {
      if (!isSha256(sha256)) return null;
      return head(`blobs/${sha256}`);
    },

    read(sha256: string, range?: ByteRange): Readable {
      const out = new PassThrough();
      if (!isSha256(sha256)) {
        out.destroy(new Error('not a blob name'));
        return out;
      }
      client
        .send(
          new GetObjectCommand({
            Bucket: bucket,
            Key: key(`blobs/${sha256}`),
            ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
          }),
        )
        .then((found) => pipeline(found.Body as Readable, out))
        .catch((error: unknown) => out.destroy(error as Error));
      return out;
    },

    localPath: () => null,

    async *list() {
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({
            Bucket: bucket,
            Prefix: key('blobs/'),
            ...(token ? { ContinuationToken: token } : {}),
          }),
        );
        for (const object of page.Contents ?? []) {
          const name = object.Key?.split('/').pop() ?? '';
          if (isSha256(name)) yield name;
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    },

    async delete(sha256: string): Promise<void> {
      if (!isSha256(sha256)) return;
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key(`blobs/${sha256}`) }));
    },

    async close(): Promise<void> {
      client.destroy();
    },
  };
}

/**
 * A blob as a local file for tools that open files (DuckDB): the store's own path when it has
 * one, or a copy kept in `cacheDir` (written whole under a temporary name, then renamed).
 */
export async function localFile(blobs: BlobStore, sha256: string, cacheDir: string): Promise<string> {
  const local = blobs.localPath(sha256);
  if (local) return local;
  const file = path.join(cacheDir, sha256);
  if (existsSync(file)) return file;
  await mkdir(cacheDir, { recursive: true });
  const partial = `${file}.${randomUUID()}.part`;
  try {
    await pipeline(blobs.read(sha256), createWriteStream(partial));
    await rename(partial, file);
  } finally {
    await rm(partial, { force: true });
  }
  return file;
}
