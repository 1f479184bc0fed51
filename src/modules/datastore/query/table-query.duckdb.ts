import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdentifier, quoteLiteral } from '../../../platform/duckdb/index.js';
import type { Column } from '../datastore.types.js';

/**
 * A read of one published table, built from validated parts only: column names are checked
 * against the table's dictionary and quoted, values are bound as parameters. `_id` is the row's
 * position in the file (1-based), as CKAN numbers rows.
 */
export interface TableQuery {
  file: string;
  columns: Column[];
  select: string[];
  /** Column → accepted values (equality; several values mean any of them). */
  equals: Record<string, string[]>;
  /** Column → [operator, value] comparisons. */
  ranges: { column: string; operator: '<' | '<=' | '>' | '>='; value: string }[];
  /** Words every row must contain (accents and case ignored), in any column or in one. */
  contains: { column: string | null; words: string[] }[];
  sort: { column: string; descending: boolean }[];
  distinct: boolean;
  /** Grouping for charts: the rows become one per group, with the aggregates asked for. */
  groupBy?: string[];
  aggregates?: Aggregate[];
  /** Keyset paging on `_id` (no sort): rows after this one. */
  afterId?: number;
}

export const AGGREGATES = ['count', 'sum', 'avg', 'min', 'max'] as const;
export interface Aggregate {
  fn: (typeof AGGREGATES)[number];
  /** null for count(*). */
  column: string | null;
}

/** The name of an aggregate's output column: "count", "sum_montant". */
export function aggregateName(aggregate: Aggregate): string {
  return aggregate.column ? `${aggregate.fn}_${aggregate.column}` : aggregate.fn;
}

function selectList(query: TableQuery): string {
  if (query.groupBy && query.groupBy.length > 0) {
    const aggregates = (query.aggregates ?? []).map(
      (aggregate) =>
        `${aggregate.fn === 'count' && !aggregate.column ? 'count(*)' : `${aggregate.fn}(${quoteIdentifier(aggregate.column ?? '')})`} AS ${quoteIdentifier(aggregateName(aggregate))}`,
    );
    return [...query.groupBy.map(quoteIdentifier), ...aggregates].join(', ');
  }
  return `${query.distinct ? 'DISTINCT ' : ''}${query.select.map(quoteIdentifier).join(', ')}`;
}

export interface Statement {
  sql: string;
  params: string[];
}

export function tableSource(file: string): string {
  // Tables written through the API store their `_id` (stable across deletes); loaded ones number their rows.
  if (storesIds(file)) return `(SELECT * FROM read_parquet(${quoteLiteral(file)}))`;
  return `(SELECT file_row_number + 1 AS _id, * EXCLUDE (file_row_number) FROM read_parquet(${quoteLiteral(file)}, file_row_number = true))`;
}

export function whereClause(query: TableQuery, params: string[]): string {
  const conditions: string[] = [];
  const add = (value: string) => {
    params.push(value);
    return `$${params.length}`;
  };
  for (const [column, values] of Object.entries(query.equals)) {
    const type = query.columns.find((candidate) => candidate.id === column)?.sourceType;
    conditions.push(equalsCondition(column, type, values.map(add)));
  }
  for (const range of query.ranges) {
    const column = query.columns.find((candidate) => candidate.id === range.column);
    const cast =
      column && column.type !== 'text'
        ? `CAST(${add(range.value)} AS ${column.sourceType})`
        : add(range.value);
    conditions.push(`${quoteIdentifier(range.column)} ${range.operator} ${cast}`);
  }
  if (query.afterId !== undefined) conditions.push(`_id > ${add(String(query.afterId))}::BIGINT`);
  for (const { column, words } of query.contains) {
    const text = column
      ? `CAST(${quoteIdentifier(column)} AS VARCHAR)`
      : `concat_ws(' ', ${query.columns.map((c) => `CAST(${quoteIdentifier(c.id)} AS VARCHAR)`).join(', ')})`;
    for (const word of words) {
      conditions.push(`strip_accents(lower(${text})) LIKE '%' || strip_accents(lower(${add(word)})) || '%'`);
    }
  }
  return conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
}

/** Types a value given as text is converted to for an equality test on the column itself. */
const SCALAR_TYPE =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|REAL|DOUBLE|DECIMAL\(\d+, ?\d+\)|BOOLEAN|DATE|TIMESTAMP|TIMESTAMP WITH TIME ZONE|TIMESTAMP_(S|MS|NS))$/;

/**
 * `column IN (values)`, the values converted to the column's type so that DuckDB compares the
 * column as stored and skips the row groups whose statistics exclude the values (a text cast of
 * the column would read every row). A value that is not of the type matches nothing. Other
 * types (lists, structures) are compared as text.
 */
export function equalsCondition(
  column: string,
  sourceType: string | undefined,
  placeholders: string[],
): string {
  const type = sourceType?.toUpperCase();
  const list = placeholders.join(', ');
  if (type === 'VARCHAR') return `${quoteIdentifier(column)} IN (${list})`;
  if (type && SCALAR_TYPE.test(type)) {
    return `${quoteIdentifier(column)} IN (${placeholders.map((placeholder) => `TRY_CAST(${placeholder} AS ${type})`).join(', ')})`;
  }
  return `CAST(${quoteIdentifier(column)} AS VARCHAR) IN (${list})`;
}

/** Whether a table's file holds its `_id` column (tables written through the API: `….ids.parquet`). */
export function storesIds(file: string): boolean {
  return file.endsWith('.ids.parquet');
}

export function rowsStatement(query: TableQuery, page: { limit: number; offset: number } | null): Statement {
  // Rows in file order with nothing filtered: `_id` is 1, 2, 3…, so skipping n rows is `_id > n`,
  // which DuckDB answers from the row groups it needs instead of sorting every row before them.
  const plain =
    page !== null &&
    !storesIds(query.file) &&
    page.offset > 0 &&
    query.sort.length === 0 &&
    !query.distinct &&
    !(query.groupBy && query.groupBy.length > 0) &&
    Object.keys(query.equals).length === 0 &&
    query.ranges.length === 0 &&
    query.contains.length === 0;
  if (plain) {
    const after = (query.afterId ?? 0) + page.offset;
    return rowsStatement({ ...query, afterId: after }, { limit: page.limit, offset: 0 });
  }
  const params: string[] = [];
  const where = whereClause(query, params);
  const grouped = query.groupBy && query.groupBy.length > 0;
  const order =
    query.sort.length > 0
      ? query.sort
      : query.distinct || grouped
        ? grouped
          ? (query.groupBy ?? []).map((column) => ({ column, descending: false }))
          : []
        : storesIds(query.file)
          ? [{ column: '_id', descending: false }]
          : // A loaded file is read in its own order, which is `_id`'s (DuckDB keeps the order of
            // what it reads unless told otherwise: `preserve_insertion_order`), so the first rows
            // that match end the read; `ORDER BY _id` would read every matching row first.
            [];
  const orderBy =
    order.length > 0
      ? `ORDER BY ${order.map((key) => `${quoteIdentifier(key.column)} ${key.descending ? 'DESC' : 'ASC'} NULLS LAST`).join(', ')}`
      : '';
  const groupBy = grouped ? `GROUP BY ${(query.groupBy ?? []).map(quoteIdentifier).join(', ')}` : '';
  const limit = page ? `LIMIT ${page.limit} OFFSET ${page.offset}` : '';
  return {
    sql: `SELECT ${selectList(query)} FROM ${tableSource(query.file)} ${where} ${groupBy} ${orderBy} ${limit}`,
    params,
  };
}

export function countStatement(query: TableQuery): Statement {
  const params: string[] = [];
  const where = whereClause({ ...query, afterId: undefined }, params);
  if (query.groupBy && query.groupBy.length > 0) {
    return {
      sql: `SELECT count(*)::DOUBLE AS n FROM (SELECT 1 FROM ${tableSource(query.file)} ${where} GROUP BY ${query.groupBy.map(quoteIdentifier).join(', ')})`,
      params,
    };
  }
  if (query.distinct) {
    const fields = query.select.map(quoteIdentifier).join(', ');
    return {
      sql: `SELECT count(*)::DOUBLE AS n FROM (SELECT DISTINCT ${fields} FROM ${tableSource(query.file)} ${where})`,
      params,
    };
  }
  return { sql: `SELECT count(*)::DOUBLE AS n FROM ${tableSource(query.file)} ${where}`, params };
}

/** Streams a statement's rows in batches (an export of millions of rows starts at once). */
export async function* streamRows(
  connection: DuckDBConnection,
  statement: Statement,
): AsyncGenerator<unknown[][]> {
  const result = await connection.stream(statement.sql, statement.params);
  for await (const rows of result.yieldRowsJson()) yield rows as unknown[][];
}

/** Writes a statement's rows to a Parquet file. */
export async function copyToParquet(
  connection: DuckDBConnection,
  statement: Statement,
  file: string,
): Promise<void> {
  await connection.run(
    `COPY (${statement.sql}) TO ${quoteLiteral(file)} (FORMAT parquet, COMPRESSION snappy)`,
    statement.params,
  );
}

/** The bounds of one answer built in memory: rows, and bytes of JSON (about). */
export interface AnswerBounds {
  maxRows: number;
  maxBytes: number;
}

/**
 * The rows of a statement, read chunk by chunk (DuckDB's vectors of about 2,000 rows) and stopped
 * at whichever bound comes first: a query of huge values cannot make an answer of hundreds of
 * megabytes, and the event loop is free between chunks. `truncated` says rows were left out.
 */
export async function readRowsBounded(
  connection: DuckDBConnection,
  statement: Statement,
  bounds: AnswerBounds,
): Promise<{ columns: { id: string; duckType: string }[]; rows: unknown[][]; truncated: boolean }> {
  const result = await connection.stream(statement.sql, statement.params);
  const types = result.columnTypes();
  const columns = result.columnNames().map((id, index) => ({ id, duckType: String(types[index]) }));
  const rows: unknown[][] = [];
  let bytes = 0;
  for await (const chunk of result.yieldRowsJson()) {
    for (const row of chunk as unknown[][]) {
      bytes += rowBytes(row);
      if (rows.length >= bounds.maxRows || bytes > bounds.maxBytes) return { columns, rows, truncated: true };
      rows.push(row);
    }
  }
  return { columns, rows, truncated: false };
}

/** About how many bytes a row takes in a JSON answer. */
function rowBytes(row: unknown[]): number {
  let bytes = 2;
  for (const value of row) {
    if (value === null || value === undefined) bytes += 5;
    else if (typeof value === 'string') bytes += value.length + 3;
    else if (typeof value === 'number' || typeof value === 'boolean') bytes += 12;
    else bytes += JSON.stringify(value).length + 1;
  }
  return bytes;
}

/** Runs a statement and returns its rows as JSON arrays, in the order of `select` (small answers: counts, figures). */
export async function readRows(connection: DuckDBConnection, statement: Statement): Promise<unknown[][]> {
  const reader = await connection.runAndReadAll(statement.sql, statement.params);
  return reader.getRowsJson() as unknown[][];
}

/** Approximate distinct counts of some columns (to choose a chart's categories). */
export async function distinctCounts(
  connection: DuckDBConnection,
  file: string,
  columns: string[],
): Promise<number[]> {
  if (columns.length === 0) return [];
  const list = columns
    .map((column) => `approx_count_distinct(${quoteIdentifier(column)})::DOUBLE`)
    .join(', ');
  const reader = await connection.runAndReadAll(`SELECT ${list} FROM read_parquet(${quoteLiteral(file)})`);
  return (reader.getRowsJson()[0] ?? []).map((value) => Number(value));
}
