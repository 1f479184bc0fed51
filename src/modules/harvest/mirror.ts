import type { CatalogService, Dataset, ReceivedUpload, UploadedFile } from '../catalog/index.js';
import type { FetchLimits } from './fetch.js';
import { downloadFile } from './files.js';
import type { HarvestedDataset } from './harvest.types.js';

/** A resource's extras that say where its copied file comes from, and how it was last served. */
export const MIRRORED_FROM = 'harvest_mirrored_from';
const ETAG = 'harvest_etag';
const LAST_MODIFIED = 'harvest_last_modified';

/** A copied file for one upstream URL: a new upload, or the one the resource already has. */
export interface MirroredFile {
  upload: UploadedFile | 'keep';
  extras: Record<string, string>;
}

export interface Mirrored {
  /** By upstream URL; a URL missing here stays a link (its download failed: see `problems`). */
  files: Map<string, MirroredFile>;
  /** The new uploads, to settle once the dataset is written. */
  uploads: ReceivedUpload[];
  problems: string[];
}

/**
 * Copies a harvested dataset's files (a source with `mirror`): each upstream file is downloaded
 * and stored, or kept when the upstream server says it has not changed since (ETag,
 * Last-Modified). A file that cannot be copied stays a link, and the run's report says why.
 */
export async function mirrorFiles(
  deps: { catalog: CatalogService; limits: FetchLimits },
  record: HarvestedDataset,
  current: Dataset | null,
): Promise<Mirrored> {
  const result: Mirrored = { files: new Map(), uploads: [], problems: [] };
  const existing = new Map(
    (current?.resources ?? [])
      .filter((resource) => resource.extras[MIRRORED_FROM] && resource.upload)
      .map((resource) => [resource.extras[MIRRORED_FROM] as string, resource]),
  );
  for (const resource of record.resources.slice(0, 100)) {
    if (result.files.has(resource.url)) continue;
    const before = existing.get(resource.url);
    try {
      const fetched = await downloadFile(deps.catalog, deps.limits, resource.url, {
        mimetype: resource.mimetype,
        etag: before?.extras[ETAG] ?? null,
        lastModified: before?.extras[LAST_MODIFIED] ?? null,
      });
      if (fetched.notModified) {
        result.files.set(resource.url, { upload: 'keep', extras: before?.extras ?? {} });
        continue;
      }
      result.uploads.push(fetched.upload);
      if (!fetched.upload.file) continue;
      result.files.set(resource.url, {
        upload: fetched.upload.file,
        extras: {
          [MIRRORED_FROM]: resource.url,
          ...(fetched.etag ? { [ETAG]: fetched.etag } : {}),
          ...(fetched.lastModified ? { [LAST_MODIFIED]: fetched.lastModified } : {}),
        },
      });
    } catch (error) {
      result.problems.push(
        `${resource.url}: not copied (${error instanceof Error ? error.message : String(error)}); kept as a link`,
      );
    }
  }
  return result;
}
