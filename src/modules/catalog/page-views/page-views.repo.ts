import type { Queryable } from '../../../platform/db/index.js';
import { SqlParams } from '../../../platform/db/sql-params.js';
import { type Visibility, visibilitySql } from '../search/visibility.js';

/** What a dataset's use is counted as. */
export type UsageKind = 'view' | 'download' | 'api';

/** One month of a dataset's use. */
export interface UsageMonth {
  /** The month's first day, YYYY-MM-01. */
  month: string;
  views: number;
  downloads: number;
  api: number;
}

export function createPageViewsRepo(db: Queryable) {
  return {
    /**
     * Adds counts, by "dataset kind month" key; datasets deleted meanwhile are skipped. Views
     * also count towards the all-time total that "most viewed" lists read.
     */
    async add(counts: ReadonlyMap<string, number>): Promise<void> {
      if (counts.size === 0) return;
      const keys = [...counts.keys()].map((key) => key.split(' '));
      await db.query(
        `INSERT INTO catalog.dataset_usage (dataset_id, kind, month, count)
         SELECT c.id, c.kind, c.month, c.n FROM unnest($1::uuid[], $2::text[], $3::date[], $4::bigint[]) AS c(id, kind, month, n)
         JOIN catalog.datasets d ON d.id = c.id
         ON CONFLICT (dataset_id, month, kind) DO UPDATE SET count = catalog.dataset_usage.count + excluded.count`,
        [
          keys.map((key) => key[0]),
          keys.map((key) => key[1]),
          keys.map((key) => key[2]),
          [...counts.values()],
        ],
      );
      const views = [...counts.entries()].filter(([key]) => key.split(' ')[1] === 'view');
      if (views.length === 0) return;
      await db.query(
        `INSERT INTO catalog.dataset_views (dataset_id, views)
         SELECT c.id, sum(c.n) FROM unnest($1::uuid[], $2::bigint[]) AS c(id, n)
         JOIN catalog.datasets d ON d.id = c.id GROUP BY c.id
         ON CONFLICT (dataset_id) DO UPDATE SET views = catalog.dataset_views.views + excluded.views`,
        [views.map(([key]) => key.split(' ')[0]), views.map(([, count]) => count)],
      );
    },

    /** A dataset's use by month, the latest first, over the months given. */
    async usage(datasetId: string, months: number): Promise<UsageMonth[]> {
      const rows = await db.query<{ month: string; kind: UsageKind; count: string | number }>(
        `SELECT to_char(month, 'YYYY-MM-DD') AS month, kind, count FROM catalog.dataset_usage
         WHERE dataset_id = $1 AND month > (date_trunc('month', now()) - make_interval(months => $2))::date
         ORDER BY month DESC`,
        [datasetId, months],
      );
      const byMonth = new Map<string, UsageMonth>();
      for (const row of rows) {
        const entry = byMonth.get(row.month) ?? { month: row.month, views: 0, downloads: 0, api: 0 };
        const count = Number(row.count);
        if (row.kind === 'view') entry.views = count;
        else if (row.kind === 'download') entry.downloads = count;
        else entry.api = count;
        byMonth.set(row.month, entry);
      }
      return [...byMonth.values()];
    },

    /** Ids of the most viewed datasets the caller may see, most viewed first. */
    async mostViewed(visibility: Visibility, limit: number): Promise<string[]> {
      const params = new SqlParams();
      const visible = visibilitySql(visibility, params);
      const rows = await db.query<{ id: string }>(
        `SELECT d.id FROM catalog.dataset_views v JOIN catalog.datasets d ON d.id = v.dataset_id
         WHERE ${visible} ORDER BY v.views DESC, d.metadata_modified DESC LIMIT ${params.add(limit)}`,
        params.values,
      );
      return rows.map((row) => row.id);
    },
  };
}
