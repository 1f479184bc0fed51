import { type Queryable, queryOne } from '../../platform/db/index.js';

export interface StoredRecord {
  id: string;
  datasetId: string;
  contentHash: string;
  upstreamModified: string | null;
  mergedReason: string | null;
  withdrawnAt: Date | null;
}

/** `harvest.records`: each upstream dataset a source reached, and the portal's dataset it became. */
export function createRecordsRepo(db: Queryable) {
  return {
    findRecord: (sourceId: string, upstreamId: string) =>
      queryOne<StoredRecord>(
        db,
        `SELECT id, dataset_id AS "datasetId", content_hash AS "contentHash",
           upstream_modified AS "upstreamModified", merged_reason AS "mergedReason", withdrawn_at AS "withdrawnAt"
         FROM harvest.records WHERE source_id = $1 AND upstream_id = $2`,
        [sourceId, upstreamId],
      ),

    async putRecord(record: {
      id: string;
      sourceId: string;
      upstreamId: string;
      datasetId: string;
      upstreamUrl: string | null;
      upstreamModified: string | null;
      contentHash: string;
      mergedReason: string | null;
      runId: string;
    }): Promise<void> {
      await db.query(
        `INSERT INTO harvest.records (id, source_id, upstream_id, dataset_id, upstream_url, upstream_modified,
           content_hash, merged_reason, last_run)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (source_id, upstream_id) DO UPDATE SET dataset_id = excluded.dataset_id,
           upstream_url = excluded.upstream_url, upstream_modified = excluded.upstream_modified,
           content_hash = excluded.content_hash, merged_reason = excluded.merged_reason,
           withdrawn_at = NULL, last_run = excluded.last_run`,
        [
          record.id,
          record.sourceId,
          record.upstreamId,
          record.datasetId,
          record.upstreamUrl,
          record.upstreamModified,
          record.contentHash,
          record.mergedReason,
          record.runId,
        ],
      );
    },

    touchRecord: async (id: string, runId: string) => {
      await db.query('UPDATE harvest.records SET last_run = $2 WHERE id = $1', [id, runId]);
    },

    /** The source's live records that a complete run did not find upstream. */
    missingRecords: (sourceId: string, runId: string) =>
      db.query<{ id: string; upstreamId: string; datasetId: string; mergedReason: string | null }>(
        `SELECT r.id, r.upstream_id AS "upstreamId", r.dataset_id AS "datasetId", r.merged_reason AS "mergedReason"
         FROM harvest.records r
         WHERE r.source_id = $1 AND r.withdrawn_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM harvest.run_items i WHERE i.run_id = $2 AND i.upstream_id = r.upstream_id)`,
        [sourceId, runId],
      ),

    sourceDatasets: async (sourceId: string) =>
      (
        await db.query<{ datasetId: string }>(
          'SELECT DISTINCT dataset_id AS "datasetId" FROM harvest.records WHERE source_id = $1',
          [sourceId],
        )
      ).map((row) => row.datasetId),

    markWithdrawn: async (id: string) => {
      await db.query('UPDATE harvest.records SET withdrawn_at = now() WHERE id = $1', [id]);
    },

    /** Datasets merged from several sources, with why (the duplicates report). */
    mergedRecords: (sourceId: string) =>
      db.query<{ upstreamId: string; datasetId: string; reason: string }>(
        `SELECT upstream_id AS "upstreamId", dataset_id AS "datasetId", merged_reason AS reason
         FROM harvest.records WHERE source_id = $1 AND merged_reason IS NOT NULL AND withdrawn_at IS NULL
         ORDER BY upstream_id`,
        [sourceId],
      ),
  };
}
