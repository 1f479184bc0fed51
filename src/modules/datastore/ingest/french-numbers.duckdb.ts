import { rename } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdentifier, quoteLiteral } from '../../../platform/duckdb/index.js';

/** Spaces French writes between thousands: plain, non-breaking, narrow non-breaking (RE2 syntax). */
const SPACE = String.raw`[ \x{00A0}\x{202F}]`;
/**
 * A number as French spreadsheets write it: a decimal comma, spaces between thousands
 * (« 520001,00 », « 1 234,56 », « -12,5 »).
 */
const FRENCH_NUMBER = `^-?[0-9]{1,3}(${SPACE}[0-9]{3})+(,[0-9]+)?$|^-?[0-9]+(,[0-9]+)?$`;
/** Rows read first to rule out columns (one value that is not a French number is enough). */
const SAMPLE_ROWS = 2048;
/** A decimal comma or a space between thousands. */
const SEPARATOR = String.raw`[,\x{00A0}\x{202F} ]`;
/** What could also be an English number with thousands commas (« 1,234 »): not enough to decide. */
const ENGLISH_GROUPING = '^-?[0-9]{1,3}(,[0-9]{3})+$';

/**
 * Text columns of a delimited file whose every value is a French-written number become numbers
 * (DOUBLE): Excel in French exports « 520001,00 », which DuckDB reads as text and nobody could
 * sort, sum or chart. A column is converted only when at least one value is unmistakably French
 * (a decimal comma not followed by exactly three digits, or spaces between thousands), so that
 * « 1,234 » alone stays as it is. The Parquet file is rewritten once when a column changes.
 * `except`: the columns whose type the publisher chose. Returns the columns converted.
 */
export async function readFrenchNumbers(
  connection: DuckDBConnection,
  parquetPath: string,
  except: readonly string[],
): Promise<string[]> {
  const parquet = `read_parquet(${quoteLiteral(parquetPath)})`;
  const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${parquet}`);
  const candidates = described
    .getRowObjectsJS()
    .filter((row) => String(row.column_type) === 'VARCHAR' && !except.includes(String(row.column_name)))
    .map((row) => String(row.column_name));
  if (candidates.length === 0) return [];
  const value = (name: string) => `trim(${quoteIdentifier(name)})`;
  const present = (name: string) => `${quoteIdentifier(name)} IS NOT NULL AND ${value(name)} <> ''`;
  const allFrench = (name: string) =>
    `count(*) FILTER (WHERE ${present(name)} AND NOT regexp_full_match(${value(name)}, ${quoteLiteral(FRENCH_NUMBER)})) = 0`;
  // The first rows rule out most text columns (a name, a description) at once: only the columns
  // whose first rows are all French numbers are read in full.
  const sampled =
    (
      await connection.runAndReadAll(
        `SELECT ${candidates.map(allFrench).join(', ')} FROM (SELECT * FROM ${parquet} LIMIT ${SAMPLE_ROWS})`,
      )
    ).getRowsJS()[0] ?? [];
  const likely = candidates.filter((_, index) => sampled[index] === true);
  if (likely.length === 0) return [];
  const tests = likely.map(
    (name) => `count(*) FILTER (WHERE ${present(name)}) > 0 AND ${allFrench(name)}
      AND count(*) FILTER (WHERE ${present(name)} AND regexp_matches(${value(name)}, ${quoteLiteral(SEPARATOR)})
        AND NOT regexp_full_match(${value(name)}, ${quoteLiteral(ENGLISH_GROUPING)})) > 0`,
  );
  const verdicts =
    (await connection.runAndReadAll(`SELECT ${tests.join(', ')} FROM ${parquet}`)).getRowsJS()[0] ?? [];
  const numeric = likely.filter((_, index) => verdicts[index] === true);
  if (numeric.length === 0) return [];
  const replace = numeric.map((name) => {
    const column = quoteIdentifier(name);
    return `CAST(replace(regexp_replace(trim(${column}), ${quoteLiteral(SPACE)}, '', 'g'), ',', '.') AS DOUBLE) AS ${column}`;
  });
  const rewritten = `${parquetPath}.nombres`;
  await connection.run(
    `COPY (SELECT * REPLACE (${replace.join(', ')}) FROM ${parquet}) TO ${quoteLiteral(rewritten)} (FORMAT parquet, COMPRESSION snappy)`,
  );
  await rename(rewritten, parquetPath);
  return numeric;
}
