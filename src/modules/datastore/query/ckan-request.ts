import { ValidationError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import type { Table } from '../datastore.types.js';
import type { TableQuery } from './table-query.duckdb.js';
import { ID_COLUMN } from './values.js';

/** CKAN's datastore_search parameters. */
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

/** A table read as CKAN's datastore_search asks, checked against the table's columns. */
export function ckanQuery(table: Table, file: string, request: DatastoreSearch): TableQuery {
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
