import type { BlobStore } from './blob-store.js';

export interface BlobMigration {
  copied: number;
  /** Already in the target with the same size (a run that was cut and started again). */
  skipped: number;
  /** Blobs whose copy did not hash to their name, or could not be read: named, not copied. */
  failed: { sha256: string; reason: string }[];
}

/**
 * Copies every blob of one store to another (the local directory to S3, or back). Resumable: a
 * blob the target already holds with the same size is skipped, so a cut run is simply run again.
 * Each copy is verified: the target hashes what it receives, and a hash other than the blob's
 * name is reported (and that copy, stored under its own hash, is not what the catalogue names).
 */
export async function migrateBlobs(
  from: BlobStore,
  to: BlobStore,
  onBlob: (sha256: string, outcome: 'copied' | 'skipped' | 'failed') => void = () => {},
): Promise<BlobMigration> {
  const result: BlobMigration = { copied: 0, skipped: 0, failed: [] };
  for await (const sha256 of from.list()) {
    try {
      const size = await from.size(sha256);
      if (size === null) continue;
      if ((await to.size(sha256)) === size) {
        result.skipped++;
        onBlob(sha256, 'skipped');
        continue;
      }
      const stored = await to.put(from.read(sha256), { maxBytes: size });
      if (stored.sha256 !== sha256) throw new Error(`its bytes hash to ${stored.sha256}`);
      result.copied++;
      onBlob(sha256, 'copied');
    } catch (error) {
      result.failed.push({ sha256, reason: error instanceof Error ? error.message : String(error) });
      onBlob(sha256, 'failed');
    }
  }
  return result;
}
