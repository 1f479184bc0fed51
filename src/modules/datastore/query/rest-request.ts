import { ValidationError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import type { Table } from '../datastore.types.js';
import { AGGREGATES, type Aggregate, aggregateName, type TableQuery } from './table-query.duckdb.js';
import { ID_COLUMN } from './values.js';

/** Parameters of GET /resources/{id}/data that are not column filters. */
export const RESERVED = new Set([
  'select',
  'sort',
  'limit',
  'cursor',
  'format',
  'group_by',
  'agg',
  'q',
  'count',
]);
const OPERATORS = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/**
 * The REST query of a table, from its query string: `col=v` (several values: any of them),
 * `col__gt=`/`__gte=`/`__lt=`/`__lte=`, `col__contains=` (words, accents and case ignored),
 * `q=` (words anywhere), `select=a,b`, `sort=a,-b`, `group_by=a&agg=count,sum:b`.
 */
export function restQuery(table: Table, file: string, params: Record<string, string | string[]>): TableQuery {
  const known = new Set(['_id', ...table.columns.map((column) => column.id)]);
  const issues: { path: string; name: string }[] = [];
  const check = (path: string, name: string) => {
    if (!known.has(name)) issues.push({ path, name });
    return name;
  };
  const list = (value: string | string[] | undefined) =>
    (Array.isArray(value) ? value : value === undefined ? [] : [value])
      .flatMap((item) => item.split(','))
      .map((item) => item.trim())
      .filter(Boolean);
  const query: TableQuery = {
    file,
    columns: [ID_COLUMN, ...table.columns],
    select: params.select
      ? list(params.select).map((name) => check('select', name))
      : ['_id', ...table.columns.map((column) => column.id)],
    equals: {},
    ranges: [],
    contains: [],
    sort: list(params.sort).map((key) => ({
      column: key.replace(/^-/, ''),
      descending: key.startsWith('-'),
    })),
    distinct: false,
  };
  if (typeof params.q === 'string' && params.q.trim())
    query.contains.push({ column: null, words: params.q.split(/\s+/).filter(Boolean) });
  for (const [key, raw] of Object.entries(params)) {
    if (RESERVED.has(key)) continue;
    const values = Array.isArray(raw) ? raw : [raw];
    const [name, operator] = key.split('__') as [string, string | undefined];
    check('filters', name);
    if (operator === undefined || operator === 'exact') query.equals[name] = values;
    else if (operator === 'contains')
      query.contains.push({ column: name, words: values.join(' ').split(/\s+/).filter(Boolean) });
    else if (operator in OPERATORS)
      for (const value of values)
        query.ranges.push({ column: name, operator: OPERATORS[operator as keyof typeof OPERATORS], value });
    else issues.push({ path: 'filters', name: key });
  }
  if (params.group_by) {
    query.groupBy = list(params.group_by).map((name) => check('group_by', name));
    query.aggregates = (list(params.agg).length > 0 ? list(params.agg) : ['count']).map((text): Aggregate => {
      const [fn, column] = text.split(':') as [string, string | undefined];
      if (!(AGGREGATES as readonly string[]).includes(fn)) issues.push({ path: 'agg', name: text });
      return { fn: fn as Aggregate['fn'], column: column ? check('agg', column) : null };
    });
  }
  // Sorting: by a column, or, when grouped, by a group or an aggregate.
  const sortable = query.groupBy
    ? new Set([...query.groupBy, ...(query.aggregates ?? []).map(aggregateName)])
    : known;
  for (const key of query.sort)
    if (!sortable.has(key.column)) issues.push({ path: 'sort', name: key.column });
  if (issues.length > 0) {
    throw new ValidationError(
      issues.map(({ path, name }) => ({
        path,
        code: 'unknown_field',
        message: localized(
          `« ${name} » : colonne ou opération inconnue`,
          `"${name}": unknown column or operation`,
        ),
      })),
    );
  }
  return query;
}
