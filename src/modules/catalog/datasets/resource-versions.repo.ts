import type { Queryable } from '../../../platform/db/index.js';
import type { ResourceRow } from './dataset.rows.js';

/** A file (or link) a resource had before it was replaced. */
export interface ResourceVersion {
  resourceId: string;
  /** 1 for the resource's first file, counting up. */
  version: number;
  url: string | null;
  upload: { sha256: string; filename: string } | null;
  format: string | null;
  mimetype: string | null;
  size: number | null;
  /** When that file became the resource's file, and when it was replaced. */
  published: Date;
  replaced: Date;
}

interface VersionRow {
  resource_id: string;
  version: number;
  url: string | null;
  blob_sha256: string | null;
  filename: string | null;
  format: string | null;
  mimetype: string | null;
  size: string | number | null;
  published: Date | string;
  replaced: Date | string;
}

const versionOf = (row: VersionRow): ResourceVersion => ({
  resourceId: row.resource_id,
  version: row.version,
  url: row.url,
  upload: row.blob_sha256 && row.filename ? { sha256: row.blob_sha256, filename: row.filename } : null,
  format: row.format,
  mimetype: row.mimetype,
  size: row.size === null ? null : Number(row.size),
  published: new Date(row.published),
  replaced: new Date(row.replaced),
});

/** Whether a write gives the resource another file or link than the one it had. */
export function fileReplaced(before: ResourceRow | undefined, after: ResourceRow): before is ResourceRow {
  if (before?.state !== 'active') return false;
  if (!before.blob_sha256 && !before.url) return false;
  return before.blob_sha256 !== after.blob_sha256 || (!after.blob_sha256 && before.url !== after.url);
}

/** The earlier files of resources (catalog.resource_versions). */
export function createResourceVersionsRepo(db: Queryable) {
  return {
    /** Keeps the file a resource had before a write replaced it, as its next version. */
    async keep(before: ResourceRow, replacedBy: string | null): Promise<void> {
      await db.query(
        `INSERT INTO catalog.resource_versions
           (resource_id, version, url, blob_sha256, filename, format, mimetype, size, published, replaced_by)
         SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9
         FROM catalog.resource_versions WHERE resource_id = $1`,
        [
          before.id,
          before.blob_sha256 ? null : before.url,
          before.blob_sha256,
          before.filename,
          before.format,
          before.mimetype,
          before.size,
          before.last_modified ?? before.created,
          replacedBy,
        ],
      );
    },

    /** A resource's earlier files, the latest first. */
    async list(resourceId: string): Promise<ResourceVersion[]> {
      const rows = await db.query<VersionRow>(
        `SELECT resource_id, version, url, blob_sha256, filename, format, mimetype, size, published, replaced
         FROM catalog.resource_versions WHERE resource_id = $1 ORDER BY version DESC`,
        [resourceId],
      );
      return rows.map(versionOf);
    },
  };
}
