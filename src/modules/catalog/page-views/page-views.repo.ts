import type { Queryable } from '../../../platform/db/index.js';
import { SqlParams } from '../../../platform/db/sql-params.js';
import { type Visibility, visibilitySql } from '../search/visibility.js';

export function createPageViewsRepo(db: Queryable) {
  return {
    /** Adds counts; datasets deleted meanwhile are skipped. */
    async add(counts: ReadonlyMap<string, number>): Promise<void> {
      if (counts.size === 0) return;
      await db.query(
        `INSERT INTO catalog.dataset_views (dataset_id, views)
         SELECT c.id, c.n FROM unnest($1::uuid[], $2::bigint[]) AS c(id, n)
         JOIN catalog.datasets d ON d.id = c.id
         ON CONFLICT (dataset_id) DO UPDATE SET views = catalog.dataset_views.views + excluded.views`,
        [[...counts.keys()], [...counts.values()]],
      );
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
