import { stringify } from 'csv-stringify/sync';
import { type DatastoreRows, ROWS_MAX } from '../../datastore/index.js';
import { fieldOf } from '../datastore-fields.js';
import {
  type CkanData,
  readBoolean,
  readInteger,
  readList,
  readObject,
  readString,
  requireString,
} from '../params.js';
import { type ActionTable, readAction } from './action.js';

const RECORDS_FORMATS = ['objects', 'lists', 'csv', 'tsv'] as const;

function records(result: DatastoreRows, format: (typeof RECORDS_FORMATS)[number]): unknown {
  if (format === 'lists') return result.rows;
  if (format === 'csv' || format === 'tsv') {
    return stringify(
      result.rows.map((row) =>
        row.map((value) => (value !== null && typeof value === 'object' ? JSON.stringify(value) : value)),
      ),
      { delimiter: format === 'csv' ? ',' : '\t' },
    );
  }
  return result.rows.map((row) =>
    Object.fromEntries(result.columns.map((column, index) => [column.id, row[index]])),
  );
}

/** The query string of a datastore_search call, as CKAN writes it in `_links`. */
function linkTo(data: CkanData, offset: number | null): string {
  const params = new URLSearchParams();
  if (offset !== null) params.set('offset', String(offset));
  for (const [key, value] of Object.entries(data)) {
    if (key === 'offset' || value === undefined || value === null) continue;
    params.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return `/api/3/action/datastore_search?${params}`;
}

export const datastoreActions: ActionTable = {
  datastore_search: readAction(
    'Search a resource\'s data (its datastore table).\n\n:param resource_id: the resource\n:param filters: {"column": value or [values]}\n:param q: words in any column, or {"column": "words"}\n:param fields: columns to return (list or "a,b")\n:param sort: "a, b desc"\n:param limit: default 100, at most 32000\n:param offset: rows to skip\n:param distinct: distinct rows only\n:param include_total: default true\n:param records_format: objects (default), lists, csv or tsv\n:rtype: dictionary',
    async ({ actor, data, deps }) => {
      const resourceId = readString(data, 'resource_id') ?? requireString(data, 'id');
      const limit = readInteger(data, 'limit', 100);
      const offset = readInteger(data, 'offset', 0);
      const format = (readString(data, 'records_format') ?? 'objects') as (typeof RECORDS_FORMATS)[number];
      const fieldsText =
        typeof data.fields === 'string' && !data.fields.trim().startsWith('[') ? data.fields : null;
      const fields =
        fieldsText !== null
          ? fieldsText
              .split(',')
              .map((field) => field.trim())
              .filter(Boolean)
          : (readList(data, 'fields') as string[] | null);
      const q =
        typeof data.q === 'object' && data.q !== null
          ? (data.q as Record<string, string>)
          : typeof data.q === 'string' && data.q.trim().startsWith('{')
            ? (readObject(data, 'q') as Record<string, string>)
            : readString(data, 'q');
      const includeTotal = readBoolean(data, 'include_total', true);
      const result = await deps.datastore.search(actor, {
        resourceId,
        filters: readObject(data, 'filters') ?? {},
        q,
        fields,
        sort: readString(data, 'sort'),
        limit: Math.min(limit, ROWS_MAX),
        offset,
        distinct: readBoolean(data, 'distinct', false),
        includeTotal,
      });
      const shown = Math.min(limit, ROWS_MAX);
      return {
        include_total: includeTotal,
        limit: shown,
        records_format: RECORDS_FORMATS.includes(format) ? format : 'objects',
        resource_id: resourceId,
        total_estimation_threshold: null,
        ...(data.filters !== undefined ? { filters: readObject(data, 'filters') } : {}),
        ...(q !== null ? { q } : {}),
        ...(data.sort !== undefined ? { sort: readString(data, 'sort') } : {}),
        ...(offset > 0 ? { offset } : {}),
        records: records(result, format),
        fields: result.columns.map(fieldOf),
        // Rows left out to keep the answer within its size: the next page starts after those sent.
        _links: {
          start: linkTo(data, null),
          next: linkTo(data, offset + (result.truncated ? result.rows.length : shown)),
        },
        ...(result.total !== null ? { total: result.total, total_was_estimated: false } : {}),
      };
    },
  ),

  datastore_search_sql: readAction(
    'Run one read-only query (a single SELECT) on datastore tables (named by their resource id, in double quotes). Files, settings, extensions and other tables are out of reach; 10 s and 32000 rows at most.\n\n:param sql: the SELECT\n:rtype: dictionary',
    async ({ actor, data, deps }) => {
      const result = await deps.datastore.sql(actor, requireString(data, 'sql'));
      return {
        sql: requireString(data, 'sql'),
        fields: result.columns.map(fieldOf),
        records: result.rows.map((row) =>
          Object.fromEntries(result.columns.map((column, index) => [column.id, row[index]])),
        ),
        ...(result.truncated ? { records_truncated: true } : {}),
      };
    },
  ),

  datastore_info: readAction(
    "The columns and row count of a resource's datastore table.\n\n:param id: the resource\n:rtype: dictionary",
    async ({ actor, data, deps }) => {
      const id = readString(data, 'id') ?? requireString(data, 'resource_id');
      const table = await deps.datastore.readableTable(actor, id);
      return {
        meta: {
          id: table.resourceId,
          count: table.rowCount,
          table_type: 'BASE TABLE',
          aliases: await deps.datastore.aliasesOf(table.resourceId),
        },
        fields: table.columns.map(fieldOf),
      };
    },
  ),
};
