import type { Readable } from 'node:stream';

export interface StoredBlob {
  /** Lower-case hex SHA-256 of the content: the blob's name in the store. */
  sha256: string;
  size: number;
  /** False when identical content was already stored (uploads are deduplicated). */
  created: boolean;
}

export interface ByteRange {
  start: number;
  /** Inclusive, as in HTTP `Range`. */
  end: number;
}

/**
 * Content-addressed file storage. The local directory is the default; an S3-compatible store can
 * implement the same interface.
 */
export interface BlobStore {
  /**
   * Streams `source` into the store while hashing it. All or nothing: when the source fails, is
   * cut, or grows past `maxBytes`, the partial file is removed and the promise rejects.
   */
  put(source: Readable, options: { maxBytes: number }): Promise<StoredBlob>;
  /** Size of a stored blob, or null when the store does not have it. */
  size(sha256: string): Promise<number | null>;
  read(sha256: string, range?: ByteRange): Readable;
  /** The blob as a local file that tools such as DuckDB can open, or null when not stored locally. */
  localPath(sha256: string): string | null;
  delete(sha256: string): Promise<void>;
  /** Every stored blob's name (order unspecified). */
  list(): AsyncIterable<string>;
  close(): Promise<void>;
}

export function isSha256(value: string): boolean {
  return /^[0-9a-f]{64}$/.test(value);
}
