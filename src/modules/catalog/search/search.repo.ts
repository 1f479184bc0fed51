import type { Queryable } from '../../../platform/db/index.js';
import { SqlParams } from '../../../platform/db/sql-params.js';
import { queryToSql, rankingTsquery } from './query.sql.js';
import type { QueryNode } from './query-syntax.js';
import type { Visibility } from './visibility.js';
import { visibilitySql } from './visibility.js';

export const FACET_FIELDS = [
  'organization',
  'groups',
  'tags',
  'res_format',
  'license_id',
  'quality',
] as const;
export type FacetField = (typeof FACET_FIELDS)[number];

export const SORT_FIELDS = [
  'score',
  'metadata_modified',
  'metadata_created',
  'title',
  'name',
  'quality_score',
] as const;
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
  quality_score: 'quality_score',
};
/** Datasets not scored yet come last whichever way the scores are sorted. */
const NULLS_LAST: ReadonlySet<SortField> = new Set(['quality_score']);

/** The prefix of each facet's values in `facet_keys` (see the catalog migration). */
const FACET_PREFIXES: Record<FacetField, string> = {
  organization: 'o',
  groups: 'g',
  tags: 't',
  res_format: 'r',
  license_id: 'l',
  quality: 'q',
};
const FIELD_OF_PREFIX = new Map(
  Object.entries(FACET_PREFIXES).map(([field, prefix]) => [prefix, field as FacetField]),
);

/**
 * Builds the one statement that answers a search: total, the page of ids and the counts of every
 * facet value, all over the same set of matching, visible datasets. Facets are counted in a single
 * pass over `facet_keys`; organisations and groups come back with their names and titles.
 */
export function buildSearchSql(statement: SearchStatement): { sql: string; values: unknown[] } {
  const params = new SqlParams();
  const where = queryToSql(statement.query, params);
  const visible = visibilitySql(statement.visibility, params);
  const ranking = rankingTsquery(statement.query, params);
  const rank = ranking ? `ts_rank(d.search_vector, ${ranking}, 1)` : '0::real';
  const order = [
    ...statement.sort.map(
      (key) =>
        `${SORT_COLUMNS[key.field]} ${key.direction.toUpperCase()}${NULLS_LAST.has(key.field) ? ' NULLS LAST' : ''}`,
    ),
    'id',
  ].join(', ');
  const selects = ['(SELECT count(*)::int FROM matched) AS count'];
  if (statement.rows > 0) {
    selects.push(`(SELECT coalesce(json_agg(id), '[]') FROM (
      SELECT id FROM matched ORDER BY ${order}
      LIMIT ${params.add(statement.rows)} OFFSET ${params.add(statement.start)}) page) AS ids`);
  }
  if (statement.facets.length > 0) {
    // Filtering keys costs more than counting them: only when some facets are left out.
    const wanted =
      statement.facets.length === FACET_FIELDS.length
        ? ''
        : `WHERE left(k, 1) = ANY(${params.add(statement.facets.map((field) => FACET_PREFIXES[field]))}::text[])`;
    selects.push(`(SELECT coalesce(json_agg(json_build_array(f.k, f.n, g.name, g.title_fr, g.title_en)), '[]')
      FROM (SELECT k, count(*)::int AS n FROM matched, unnest(facet_keys) AS k ${wanted} GROUP BY k) f
      LEFT JOIN catalog.groups g ON left(f.k, 1) IN ('o', 'g') AND g.id::text = substr(f.k, 2)) AS facets`);
  }
  const sql = `WITH matched AS MATERIALIZED (
    SELECT d.id, d.facet_keys, d.name, d.title_sort, d.metadata_modified, d.metadata_created,
      d.quality_score, ${rank} AS rank
    FROM catalog.datasets d
    WHERE ${visible} AND ${where})
  SELECT ${selects.join(',\n')}`;
  return { sql, values: params.values };
}

type FacetRow = [
  key: string,
  count: number,
  name: string | null,
  titleFr: string | null,
  titleEn: string | null,
];

export async function runSearch(db: Queryable, statement: SearchStatement): Promise<SearchRows> {
  const { sql, values } = buildSearchSql(statement);
  const [row] = await db.query<Record<string, unknown>>(sql, values);
  if (!row) throw new Error('search returned no row');
  return {
    count: row.count as number,
    ids: (row.ids ?? []) as string[],
    facets: groupFacets((row.facets ?? []) as FacetRow[], statement),
  };
}

/** Counted keys back into facets: most frequent first, at most `facetLimit` values each. */
function groupFacets(rows: FacetRow[], statement: SearchStatement): SearchRows['facets'] {
  const facets: SearchRows['facets'] = Object.fromEntries(statement.facets.map((field) => [field, []]));
  for (const [key, count, name, titleFr, titleEn] of rows) {
    const field = FIELD_OF_PREFIX.get(key[0] as string);
    if (!field) continue;
    if (field === 'organization' || field === 'groups') {
      // A key whose group is gone (deleted theme) counts for nothing.
      if (name !== null)
        facets[field]?.push({ value: name, count, title: { fr: titleFr ?? name, en: titleEn } });
    } else {
      facets[field]?.push({ value: key.slice(1), count });
    }
  }
  for (const items of Object.values(facets)) {
    items.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    if (statement.facetLimit !== null) items.splice(statement.facetLimit);
  }
  return facets;
}
