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

/** A resource's use over some months, all months together. */
export interface ResourceUsage {
  resourceId: string;
  views: number;
  downloads: number;
  api: number;
}

/** Where a subject's counts live: a dataset's, or one of its resources'. */
const USAGE_TABLES = {
  dataset: { table: 'catalog.dataset_usage', id: 'dataset_id', parent: 'catalog.datasets' },
  resource: { table: 'catalog.resource_usage', id: 'resource_id', parent: 'catalog.resources' },
} as const;

export type UsageSubject = keyof typeof USAGE_TABLES;

type CountRow = { month: string; kind: UsageKind; count: string | number };

function byMonth(rows: CountRow[]): UsageMonth[] {
  const months = new Map<string, UsageMonth>();
  for (const row of rows) {
    const entry = months.get(row.month) ?? { month: row.month, views: 0, downloads: 0, api: 0 };
    addCount(entry, row.kind, Number(row.count));
    months.set(row.month, entry);
  }
  return [...months.values()];
}

function addCount(entry: { views: number; downloads: number; api: number }, kind: UsageKind, count: number) {
  if (kind === 'view') entry.views += count;
  else if (kind === 'download') entry.downloads += count;
  else entry.api += count;
}

/** Rows newer than the given number of months, counting the current one. */
const WITHIN_MONTHS = `month > (date_trunc('month', now()) - make_interval(months => $2))::date`;

export function createPageViewsRepo(db: Queryable) {
  /** Adds counts to a subject's table, by "id kind month" key; subjects deleted meanwhile are skipped. */
  async function addTo(subject: UsageSubject, counts: ReadonlyMap<string, number>): Promise<void> {
    if (counts.size === 0) return;
    const { table, id, parent } = USAGE_TABLES[subject];
    const keys = [...counts.keys()].map((key) => key.split(' '));
    await db.query(
      `INSERT INTO ${table} (${id}, kind, month, count)
       SELECT c.id, c.kind, c.month, c.n FROM unnest($1::uuid[], $2::text[], $3::date[], $4::bigint[]) AS c(id, kind, month, n)
       JOIN ${parent} p ON p.id = c.id
       ON CONFLICT (${id}, month, kind) DO UPDATE SET count = ${table}.count + excluded.count`,
      [keys.map((key) => key[0]), keys.map((key) => key[1]), keys.map((key) => key[2]), [...counts.values()]],
    );
  }

  return {
    /**
     * Adds counts, by "id kind month" key, to datasets and to resources. Dataset views also count
     * towards the all-time total that "most viewed" lists read.
     */
    async add(datasets: ReadonlyMap<string, number>, resources: ReadonlyMap<string, number>): Promise<void> {
      await addTo('dataset', datasets);
      await addTo('resource', resources);
      const views = [...datasets.entries()].filter(([key]) => key.split(' ')[1] === 'view');
      if (views.length === 0) return;
      await db.query(
        `INSERT INTO catalog.dataset_views (dataset_id, views)
         SELECT c.id, sum(c.n) FROM unnest($1::uuid[], $2::bigint[]) AS c(id, n)
         JOIN catalog.datasets d ON d.id = c.id GROUP BY c.id
         ON CONFLICT (dataset_id) DO UPDATE SET views = catalog.dataset_views.views + excluded.views`,
        [views.map(([key]) => key.split(' ')[0]), views.map(([, count]) => count)],
      );
    },

    /** A dataset's or a resource's use by month, the latest first, over the months given. */
    async usage(subject: UsageSubject, subjectId: string, months: number): Promise<UsageMonth[]> {
      const { table, id } = USAGE_TABLES[subject];
      const rows = await db.query<CountRow>(
        `SELECT to_char(month, 'YYYY-MM-DD') AS month, kind, count FROM ${table}
         WHERE ${id} = $1 AND ${WITHIN_MONTHS} ORDER BY month DESC`,
        [subjectId, months],
      );
      return byMonth(rows);
    },

    /** The use of each of a dataset's resources over the months given, in the dataset's order. */
    async byResource(datasetId: string, months: number): Promise<ResourceUsage[]> {
      const rows = await db.query<{ resource_id: string; kind: UsageKind; count: string | number }>(
        `SELECT u.resource_id, u.kind, sum(u.count) AS count
         FROM catalog.resource_usage u JOIN catalog.resources r ON r.id = u.resource_id
         WHERE r.dataset_id = $1 AND ${WITHIN_MONTHS}
         GROUP BY u.resource_id, u.kind, r.position ORDER BY r.position`,
        [datasetId, months],
      );
      const byId = new Map<string, ResourceUsage>();
      for (const row of rows) {
        const entry = byId.get(row.resource_id) ?? {
          resourceId: row.resource_id,
          views: 0,
          downloads: 0,
          api: 0,
        };
        addCount(entry, row.kind, Number(row.count));
        byId.set(row.resource_id, entry);
      }
      return [...byId.values()];
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
