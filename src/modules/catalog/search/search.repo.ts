import type { Queryable } from '../../../platform/db/index.js';
import { SqlParams } from '../../../platform/db/sql-params.js';
import { queryToSql, rankingTsquery } from './query-sql.js';
import type { QueryNode } from './query-syntax.js';
import type { Visibility } from './visibility.js';
import { visibilitySql } from './visibility.js';

export const FACET_FIELDS = ['organization', 'groups', 'tags', 'res_format', 'license_id'] as const;
export type FacetField = (typeof FACET_FIELDS)[number];

export const SORT_FIELDS = ['score', 'metadata_modified', 'metadata_created', 'title', 'name'] as const;
export type SortField = (typeof SORT_FIELDS)[number];
export interface SortKey {
  field: SortField;
  direction: 'asc' | 'desc';
}

export interface SearchStatement {
  query: QueryNode;
  visibility: Visibility;
  sort: SortKey[];
  rows: number;
  start: number;
  facets: readonly FacetField[];
  /** Most values returned per facet; null for all of them. */
  facetLimit: number | null;
}

/** A facet value with its count; groups and organisations also carry their title. */
export interface FacetCount {
  value: string;
  count: number;
  title?: { fr: string; en: string | null };
}

export interface SearchRows {
  count: number;
  ids: string[];
  facets: Partial<Record<FacetField, FacetCount[]>>;
}

const SORT_COLUMNS: Record<SortField, string> = {
  score: 'rank',
  metadata_modified: 'metadata_modified',
  metadata_created: 'metadata_created',
  title: 'title_sort',
  name: 'name',
};

/**
 * Builds the one statement that answers a search: total, the page of ids and every facet's
 * counts, all computed over the same set of matching, visible datasets.
 */
export function buildSearchSql(statement: SearchStatement): { sql: string; values: unknown[] } {
  const params = new SqlParams();
  const where = queryToSql(statement.query, params);
  const visible = visibilitySql(statement.visibility, params);
  const ranking = rankingTsquery(statement.query, params);
  const rank = ranking ? `ts_rank(d.search_vector, ${ranking}, 1)` : '0::real';
  const order = [
    ...statement.sort.map((key) => `${SORT_COLUMNS[key.field]} ${key.direction.toUpperCase()}`),
    'id',
  ].join(', ');
  const selects = ['(SELECT count(*)::int FROM matched) AS count'];
  if (statement.rows > 0) {
    selects.push(`(SELECT coalesce(json_agg(id), '[]') FROM (
      SELECT id FROM matched ORDER BY ${order}
      LIMIT ${params.add(statement.rows)} OFFSET ${params.add(statement.start)}) page) AS ids`);
  }
  if (statement.facets.length > 0) {
    const limit = statement.facetLimit === null ? '' : `LIMIT ${params.add(statement.facetLimit)}`;
    for (const field of statement.facets) selects.push(`(${facetSql(field, limit)}) AS facet_${field}`);
  }

  const sql = `WITH matched AS MATERIALIZED (
    SELECT d.id, d.owner_org, d.group_ids, d.tags, d.res_formats, d.license_id, d.name, d.title_sort,
           d.metadata_modified, d.metadata_created, ${rank} AS rank
    FROM catalog.datasets d
    WHERE ${visible} AND ${where})
  SELECT ${selects.join(',\n')}`;
  return { sql, values: params.values };
}

function facetSql(field: FacetField, limit: string): string {
  const counted = (expression: string, from = 'matched') => `SELECT ${expression} AS value, count(*)::int AS n
    FROM ${from} GROUP BY 1 ORDER BY n DESC, 1 ${limit}`;
  switch (field) {
    case 'organization':
    case 'groups': {
      const inner =
        field === 'organization' ? counted('owner_org') : counted('g', 'matched, unnest(group_ids) AS g');
      return `SELECT coalesce(json_agg(json_build_array(c.name, f.n, c.title_fr, c.title_en) ORDER BY f.n DESC, c.name), '[]')
        FROM (${inner}) f JOIN catalog.groups c ON c.id = f.value`;
    }
    case 'tags':
      return facetJson(counted('t', 'matched, unnest(tags) AS t'));
    case 'res_format':
      return facetJson(counted('f', 'matched, unnest(res_formats) AS f'));
    case 'license_id':
      return facetJson(
        counted('license_id', '(SELECT license_id FROM matched WHERE license_id IS NOT NULL) l'),
      );
  }
}

function facetJson(counted: string): string {
  return `SELECT coalesce(json_agg(json_build_array(f.value, f.n) ORDER BY f.n DESC, f.value), '[]') FROM (${counted}) f`;
}

type FacetJson = [string, number, string?, (string | null)?][];

export async function runSearch(db: Queryable, statement: SearchStatement): Promise<SearchRows> {
  const { sql, values } = buildSearchSql(statement);
  const [row] = await db.query<Record<string, unknown>>(sql, values);
  if (!row) throw new Error('search returned no row');
  const facets: SearchRows['facets'] = {};
  for (const field of statement.facets) {
    const items = (row[`facet_${field}`] ?? []) as FacetJson;
    facets[field] = items.map(([value, count, fr, en]) =>
      fr === undefined ? { value, count } : { value, count, title: { fr, en: en ?? null } },
    );
  }
  return { count: row.count as number, ids: (row.ids ?? []) as string[], facets };
}
