import type { Queryable } from '../../../platform/db/index.js';
import type { DatasetOrigin } from '../catalog.types.js';

/** An origin as the harvester writes it (the date is the write's). */
export type NewOrigin = Omit<DatasetOrigin, 'harvestedAt'>;

/** Why two upstream records are one dataset. */
export type DuplicateReason = 'identifier' | 'landing_page' | 'resource_url';

/** `catalog.dataset_origins`: where harvested datasets come from. */
export function createOriginsRepo(db: Queryable) {
  return {
    /** Adds or refreshes a source's origin of a dataset. */
    async put(datasetId: string, origin: Omit<DatasetOrigin, 'harvestedAt'>): Promise<void> {
      // The source that brought the dataset takes its authority back from one that stood in.
      if (origin.authoritative)
        await db.query(
          'UPDATE catalog.dataset_origins SET authoritative = false WHERE dataset_id = $1 AND source_id <> $2',
          [datasetId, origin.sourceId],
        );
      await db.query(
        `INSERT INTO catalog.dataset_origins (dataset_id, source_id, source_title, source_url,
           upstream_identifier, upstream_url, authoritative, record_id, harvested_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
         ON CONFLICT (dataset_id, source_id) DO UPDATE SET source_title = excluded.source_title,
           source_url = excluded.source_url, upstream_identifier = excluded.upstream_identifier,
           upstream_url = excluded.upstream_url, authoritative = excluded.authoritative,
           record_id = excluded.record_id, harvested_at = now()`,
        [
          datasetId,
          origin.sourceId,
          origin.sourceTitle,
          origin.sourceUrl,
          origin.upstreamIdentifier,
          origin.upstreamUrl,
          origin.authoritative,
          origin.recordId,
        ],
      );
    },

    /** Removes a source's origin; when it was the authority, the oldest other origin takes over. */
    async remove(datasetId: string, sourceId: string): Promise<number> {
      await db.query('DELETE FROM catalog.dataset_origins WHERE dataset_id = $1 AND source_id = $2', [
        datasetId,
        sourceId,
      ]);
      await db.query(
        `UPDATE catalog.dataset_origins SET authoritative = true
         WHERE dataset_id = $1 AND source_id = (
           SELECT source_id FROM catalog.dataset_origins WHERE dataset_id = $1
           ORDER BY harvested_at LIMIT 1)
         AND NOT EXISTS (SELECT 1 FROM catalog.dataset_origins WHERE dataset_id = $1 AND authoritative)`,
        [datasetId],
      );
      const [row] = await db.query<{ count: string }>(
        'SELECT count(*) AS count FROM catalog.dataset_origins WHERE dataset_id = $1',
        [datasetId],
      );
      return Number(row?.count ?? 0);
    },

    /**
     * A harvested dataset another source already reaches with the same upstream identifier, the
     * same landing page or one of the same file links (in that order of evidence); null if none.
     */
    async findDuplicate(probe: {
      exceptSourceId: string;
      identifiers: readonly string[];
      landingPage: string | null;
      resourceUrls: readonly string[];
    }): Promise<{ datasetId: string; reason: DuplicateReason } | null> {
      const harvested = `EXISTS (SELECT 1 FROM catalog.dataset_origins o
        WHERE o.dataset_id = d.id AND o.source_id <> $1)`;
      const checks: [DuplicateReason, string, unknown][] = [
        [
          'identifier',
          `SELECT d.id FROM catalog.dataset_origins x JOIN catalog.datasets d ON d.id = x.dataset_id
           WHERE x.upstream_identifier = ANY($2::text[]) AND x.source_id <> $1 AND d.state <> 'deleted'
           LIMIT 1`,
          probe.identifiers,
        ],
        [
          'landing_page',
          `SELECT d.id FROM catalog.datasets d WHERE d.url = $2 AND d.state <> 'deleted' AND ${harvested} LIMIT 1`,
          probe.landingPage,
        ],
        [
          'resource_url',
          `SELECT d.id FROM catalog.resources r JOIN catalog.datasets d ON d.id = r.dataset_id
           WHERE r.url = $2 AND r.state = 'active' AND d.state <> 'deleted' AND ${harvested}
           LIMIT 1`,
          null,
        ],
      ];
      // One probe per link (a hash index answers equality, not a list).
      const probes: [DuplicateReason, string, unknown][] = checks.flatMap(
        ([reason, sql, value]): [DuplicateReason, string, unknown][] =>
          reason === 'resource_url'
            ? probe.resourceUrls.slice(0, 50).map((url) => [reason, sql, url])
            : [[reason, sql, value]],
      );
      for (const [reason, sql, value] of probes) {
        if (value === null || (Array.isArray(value) && value.length === 0)) continue;
        const [row] = await db.query<{ id: string }>(sql, [probe.exceptSourceId, value]);
        if (row) return { datasetId: row.id, reason };
      }
      return null;
    },
  };
}
