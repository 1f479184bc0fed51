import path from 'node:path';
import type { Db } from '../../platform/db/index.js';
import type { Duck } from '../../platform/duckdb/index.js';
import { NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { localized } from '../../platform/i18n/index.js';
import type { Actor } from '../accounts/index.js';
import type { CatalogService } from '../catalog/index.js';
import { type Column, createDatastoreRepo, type LoadRow, type TableRow } from './datastore.repo.js';
import { countStatement, readRows, rowsStatement, type TableQuery } from './query/table-query.duckdb.js';

export interface DatastoreSearch {
  resourceId: string;
  /** Column → value or values (CKAN's `filters`). */
  filters: Record<string, unknown>;
  /** Words in any column, or column → words (CKAN's `q`). */
  q: string | Record<string, string> | null;
  fields: string[] | null;
  /** "a, b desc" (CKAN's `sort`). */
  sort: string | null;
  limit: number;
  offset: number;
  distinct: boolean;
  includeTotal: boolean;
}

export interface DatastoreRows {
  columns: Column[];
  rows: unknown[][];
  total: number | null;
}

export const ROWS_MAX = 32_000;
const ID_COLUMN: Column = {
  id: '_id',
  type: 'integer',
  sourceType: 'BIGINT',
  label: null,
  description: null,
};

/** Reading the published tables: what the caller may see of them, through DuckDB. */
export function createDatastoreService(deps: { db: Db; duck: Duck; catalog: CatalogService; root: string }) {
  const repo = createDatastoreRepo(deps.db);

  /** The table of a resource the actor may read; "not found" otherwise (existence stays private). */
  async function readableTable(actor: Actor, resourceId: string): Promise<TableRow> {
    await deps.catalog.resources.get(actor, resourceId);
    const table = await repo.table(resourceId);
    if (!table) {
      throw new NotFoundError(
        'datastore table',
        resourceId,
        localized(
          'Les données de cette ressource ne sont pas (encore) interrogeables.',
          'Resource has no datastore table (yet).',
        ),
      );
    }
    return table;
  }

  return {
    readableTable,

    /** The resource's latest load (progress or failure) and its table, for the publisher and the API. */
    async status(
      actor: Actor,
      resourceId: string,
    ): Promise<{ load: LoadRow | null; table: TableRow | null }> {
      await deps.catalog.resources.get(actor, resourceId);
      const [load, table] = await Promise.all([repo.latestLoad(resourceId), repo.table(resourceId)]);
      return { load, table };
    },

    async search(actor: Actor, request: DatastoreSearch): Promise<DatastoreRows> {
      const table = await readableTable(actor, request.resourceId);
      const query = tableQuery(table, path.join(deps.root, table.file), request);
      const connection = await deps.duck.connect();
      try {
        const page = { limit: Math.min(request.limit, ROWS_MAX), offset: request.offset };
        const rows = await readRows(connection, rowsStatement(query, page));
        const selected = query.select.map((id) =>
          id === '_id' ? ID_COLUMN : (table.columns.find((column) => column.id === id) as Column),
        );
        let total: number | null = null;
        if (request.includeTotal) {
          const unfiltered =
            Object.keys(query.equals).length === 0 && query.contains.length === 0 && !query.distinct;
          total = unfiltered
            ? table.rowCount
            : Number((await readRows(connection, countStatement(query)))[0]?.[0] ?? 0);
        }
        return {
          columns: selected,
          rows: rows.map((row) => row.map((value, index) => jsonValue(selected[index] as Column, value))),
          total,
        };
      } finally {
        connection.closeSync();
      }
    },
  };
}

export type DatastoreService = ReturnType<typeof createDatastoreService>;

function tableQuery(table: TableRow, file: string, request: DatastoreSearch): TableQuery {
  const known = new Set(['_id', ...table.columns.map((column) => column.id)]);
  const unknown = (field: string, name: string) =>
    new ValidationError([
      {
        path: field,
        code: 'unknown_field',
        message: localized(`colonne « ${name} » absente de la table`, `field "${name}" not in table`),
      },
    ]);
  const select = request.fields ?? ['_id', ...table.columns.map((column) => column.id)];
  for (const name of select) if (!known.has(name)) throw unknown('fields', name);
  const equals: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(request.filters)) {
    if (!known.has(name)) throw unknown('filters', name);
    equals[name] = (Array.isArray(value) ? value : [value]).map((item) => String(item));
  }
  const contains: TableQuery['contains'] = [];
  if (typeof request.q === 'string' && request.q.trim() !== '')
    contains.push({ column: null, words: words(request.q) });
  else if (request.q && typeof request.q === 'object') {
    for (const [name, text] of Object.entries(request.q)) {
      if (!known.has(name)) throw unknown('q', name);
      contains.push({ column: name, words: words(String(text)) });
    }
  }
  const sort = (request.sort ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = /^"?(.+?)"?(?:\s+(asc|desc))?(?:\s+nulls\s+(?:first|last))?$/i.exec(part);
      const column = match?.[1] ?? part;
      if (!known.has(column)) throw unknown('sort', column);
      if (request.distinct && !select.includes(column)) throw unknown('sort', column);
      return { column, descending: match?.[2]?.toLowerCase() === 'desc' };
    });
  return {
    file,
    columns: [ID_COLUMN, ...table.columns],
    select,
    equals,
    ranges: [],
    contains,
    sort,
    distinct: request.distinct,
  };
}

function words(text: string): string[] {
  return text
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .slice(0, 20);
}

/** DuckDB's JSON rendering → the JSON CKAN clients expect (numbers as numbers, ISO timestamps). */
function jsonValue(column: Column, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if ((column.type === 'integer' || column.type === 'decimal') && typeof value === 'string') {
    const number = Number(value);
    return Number.isSafeInteger(number) || column.type === 'decimal' ? number : value;
  }
  if (column.type === 'timestamp' && typeof value === 'string') return value.replace(' ', 'T');
  return value;
}
