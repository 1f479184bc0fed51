import { quoteIdentifier, quoteLiteral } from '../../../platform/duckdb/index.js';

/**
 * The PostgreSQL that CKAN users write in datastore_search_sql, on DuckDB: tables have CKAN's
 * `_id` and `_full_text` columns, full-text matches (`_full_text @@ to_tsquery('…')`) and common
 * PostgreSQL functions work, and unnamed columns are named as PostgreSQL names them (`count`,
 * not `count_star()`). The functions added are listed in docs/datastore-sql.md.
 */

/** A table as the query sees it: `_id`, `_full_text` (every value as text), then its columns. */
export function ckanTableView(name: string, file: string, columns: readonly string[]): string {
  const text =
    columns.length === 0
      ? "''"
      : `concat_ws(' ', ${columns.map((column) => `CAST(${quoteIdentifier(column)} AS VARCHAR)`).join(', ')})`;
  if (file.endsWith('.ids.parquet'))
    return `CREATE VIEW ${quoteIdentifier(name)} AS SELECT _id, ${text} AS _full_text, * EXCLUDE (_id) FROM read_parquet(${quoteLiteral(file)})`;
  return `CREATE VIEW ${quoteIdentifier(name)} AS SELECT file_row_number + 1 AS _id, ${text} AS _full_text, * EXCLUDE (file_row_number) FROM read_parquet(${quoteLiteral(file)}, file_row_number = true)`;
}

/** PostgreSQL's date pattern letters → strftime's, longest first. */
const DATE_PATTERNS: [string, string][] = [
  ['YYYY', '%Y'],
  ['HH24', '%H'],
  ['HH12', '%I'],
  ['Month', '%B'],
  ['Mon', '%b'],
  ['Day', '%A'],
  ['Dy', '%a'],
  ['MI', '%M'],
  ['SS', '%S'],
  ['MM', '%m'],
  ['DD', '%d'],
  ['YY', '%y'],
  ['HH', '%I'],
  ['AM', '%p'],
  ['PM', '%p'],
];

/** A PostgreSQL date format ('YYYY-MM-DD HH24:MI') as strftime's ('%Y-%m-%d %H:%M'). */
export function strftimeFormat(format: string): string {
  let result = '';
  for (let index = 0; index < format.length; ) {
    const found = DATE_PATTERNS.find(([pattern]) => format.startsWith(pattern, index));
    if (found) {
      result += found[1];
      index += found[0].length;
    } else {
      const char = format[index] as string;
      result += char === '%' ? '%%' : char;
      index++;
    }
  }
  return result;
}

/** Words of a text query, without PostgreSQL's operators (& | ! <-> :* and parentheses), folded. */
const WORDS = "list_filter(string_split_regex(lower(strip_accents(q)), '[^[:alnum:]]+'), w -> w <> '')";

/** Macros run in the sandbox before the query (each as one statement). */
export const POSTGRES_MACROS: string[] = [
  'CREATE MACRO unaccent(text) AS strip_accents(text)',
  'CREATE MACRO to_tsvector(text) AS lower(strip_accents(CAST(text AS VARCHAR))), (config, text) AS lower(strip_accents(CAST(text AS VARCHAR)))',
  'CREATE MACRO to_tsquery(q) AS q, (config, q) AS q',
  'CREATE MACRO plainto_tsquery(q) AS q, (config, q) AS q',
  'CREATE MACRO websearch_to_tsquery(q) AS q, (config, q) AS q',
  `CREATE MACRO quai_ts_match(document, q) AS list_bool_and(list_transform(${WORDS}, w -> contains(lower(strip_accents(CAST(document AS VARCHAR))), w)))`,
  "CREATE MACRO initcap(text) AS array_to_string(list_transform(string_split(lower(text), ' '), w -> upper(w[1]) || w[2:]), ' ')",
];

/**
 * Rewrites the calls DuckDB cannot take as PostgreSQL writes them: `to_char(date, 'YYYY-MM')` and
 * `to_date(text, 'DD/MM/YYYY')` (whose formats DuckDB needs as constants in its own letters).
 */
export function rewriteDateFunctions(sql: string): string {
  let result = sql;
  for (const [name, rewrite] of [
    ['to_char', (value: string, format: string) => `strftime(CAST(${value} AS TIMESTAMP), ${format})`],
    ['to_date', (value: string, format: string) => `CAST(strptime(${value}, ${format}) AS DATE)`],
  ] as const) {
    let from = 0;
    for (let guard = 0; guard < 50; guard++) {
      const at = findOutside(result, new RegExp(`${name}\\s*\\(`, 'iy'), from, true);
      if (at < 0) break;
      const open = result.indexOf('(', at);
      const call = operandAfter(result, open);
      if (!call) break;
      const args = splitArguments(result.slice(open + 1, call.end - 1));
      const format = args[1]?.trim() ?? '';
      if (args.length !== 2 || !/^'(?:[^']|'')*'$/.test(format)) {
        from = call.end;
        continue;
      }
      const converted = quoteLiteral(strftimeFormat(format.slice(1, -1).replace(/''/g, "'")));
      const replacement = rewrite((args[0] as string).trim(), converted);
      result = `${result.slice(0, at)}${replacement}${result.slice(call.end)}`;
      from = at + replacement.length;
    }
  }
  return result;
}

/** Top-level arguments of a call's inside, split at commas outside parentheses and strings. */
function splitArguments(inside: string): string[] {
  const args: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < inside.length; index++) {
    const char = inside[index];
    if (char === "'") index = Math.max(index, inside.indexOf("'", index + 1));
    else if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (char === ',' && depth === 0) {
      args.push(inside.slice(start, index));
      start = index + 1;
    }
  }
  args.push(inside.slice(start));
  return args;
}

/** Where a sticky pattern first matches at or after `from`, outside quoted text and comments; -1 if nowhere. */
function findOutside(sql: string, pattern: RegExp, from: number, wordStart = false): number {
  for (let index = from; index < sql.length; index++) {
    const char = sql[index];
    if (char === "'" || char === '"') {
      const close = sql.indexOf(char, index + 1);
      if (close < 0) return -1;
      index = close;
      continue;
    }
    if (char === '-' && sql[index + 1] === '-') {
      const end = sql.indexOf('\n', index);
      if (end < 0) return -1;
      index = end;
      continue;
    }
    if (char === '/' && sql[index + 1] === '*') {
      const end = sql.indexOf('*/', index + 2);
      if (end < 0) return -1;
      index = end + 1;
      continue;
    }
    pattern.lastIndex = index;
    if (wordStart && index > 0 && /[\w"]/.test(sql[index - 1] as string)) continue;
    if (pattern.test(sql)) return index;
  }
  return -1;
}

/**
 * Rewrites `a @@ b` (outside strings, identifiers and comments) as `quai_ts_match(a, b)`: the left
 * operand is the identifier or call before it, the right one the call or literal after it.
 */
export function rewriteTextMatch(sql: string): string {
  let result = sql;
  for (let guard = 0; guard < 50; guard++) {
    const at = findOperator(result);
    if (at < 0) return result;
    const left = operandBefore(result, at);
    const right = operandAfter(result, at + 2);
    if (!left || !right) return result;
    result = `${result.slice(0, left.start)}quai_ts_match(${result.slice(left.start, at).trim()}, ${result
      .slice(at + 2, right.end)
      .trim()})${result.slice(right.end)}`;
  }
  return result;
}

/** Where `@@` is, outside quoted text and comments; -1 if nowhere. */
function findOperator(sql: string): number {
  return findOutside(sql, /@@/y, 0);
}

function operandBefore(sql: string, at: number): { start: number } | null {
  let index = at - 1;
  while (index >= 0 && /\s/.test(sql[index] as string)) index--;
  if (index < 0) return null;
  if (sql[index] === ')') {
    let depth = 0;
    for (; index >= 0; index--) {
      if (sql[index] === ')') depth++;
      else if (sql[index] === '(' && --depth === 0) break;
    }
    index--;
  }
  while (index >= 0 && /[\w."]/.test(sql[index] as string)) index--;
  return { start: index + 1 };
}

function operandAfter(sql: string, from: number): { end: number } | null {
  let index = from;
  while (index < sql.length && /\s/.test(sql[index] as string)) index++;
  if (sql[index] === "'") {
    const close = sql.indexOf("'", index + 1);
    return close < 0 ? null : { end: close + 1 };
  }
  while (index < sql.length && /[\w."]/.test(sql[index] as string)) index++;
  if (sql[index] !== '(') return { end: index };
  let depth = 0;
  for (; index < sql.length; index++) {
    const char = sql[index];
    if (char === "'") {
      const close = sql.indexOf("'", index + 1);
      if (close < 0) return null;
      index = close;
    } else if (char === '(') depth++;
    else if (char === ')' && --depth === 0) return { end: index + 1 };
  }
  return null;
}

/**
 * The name PostgreSQL gives a result column that DuckDB named from its expression: a function's
 * name (`count`, `sum`, `to_char`), a cast's column, `?column?` for operators and literals. Names of
 * the tables' columns (and anything else that is not an expression's text) are kept.
 */
export function postgresColumnName(name: string, columns: ReadonlySet<string>): string {
  if (columns.has(name)) return name;
  if (name === 'count_star()') return 'count';
  const cast = /^CAST\((.+) AS [A-Z][A-Z ]*(?:\([\d, ]+\))?\)$/s.exec(name);
  if (cast) return postgresColumnName(cast[1] as string, columns);
  const quoted = /^"((?:[^"]|"")+)"$/.exec(name);
  if (quoted) return (quoted[1] as string).replace(/""/g, '"');
  const call = /^([A-Za-z_]\w*)\(.*\)$/s.exec(name);
  if (call) return (call[1] as string).toLowerCase();
  if (/^\(.*\)$/s.test(name) || /^-?\d+(\.\d+)?$/.test(name) || /^'.*'$/s.test(name)) return '?column?';
  if (/^CASE\b/i.test(name)) return 'case';
  return name;
}
