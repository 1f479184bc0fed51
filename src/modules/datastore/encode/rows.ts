import { stringify } from 'csv-stringify/sync';
import type { Column } from '../datastore.types.js';

/** How a CSV is written: the field separator, a UTF-8 byte order mark, the decimal mark. */
export interface CsvDialect {
  delimiter: ',' | ';' | '\t';
  /** Excel reads a file as UTF-8 only when it starts with a BOM (otherwise « RÃ©novation »). */
  bom: boolean;
  /** French Excel reads 12,5 as a number and 12.5 as text. */
  decimalComma: boolean;
}

export const STANDARD_CSV: CsvDialect = { delimiter: ',', bom: false, decimalComma: false };

/** The row batches of an export, encoded as CSV (a header, then the rows) as they come. */
export async function* csvRows(
  columns: Column[],
  batches: AsyncIterable<unknown[][]>,
  dialect: CsvDialect = STANDARD_CSV,
): AsyncGenerator<string> {
  // csv-stringify writes false as an empty cell by default: written as the table holds it.
  const options = { delimiter: dialect.delimiter, cast: { boolean: (value: boolean) => String(value) } };
  const numeric = columns.map((column) => column.type === 'decimal' || column.type === 'integer');
  const cell = (value: unknown, index: number) => {
    if (value !== null && typeof value === 'object') return JSON.stringify(value);
    if (dialect.decimalComma && numeric[index] && typeof value === 'number')
      return String(value).replace('.', ',');
    return value;
  };
  yield (dialect.bom ? '\uFEFF' : '') + stringify([columns.map((column) => column.id)], options);
  for await (const rows of batches) {
    yield stringify(
      rows.map((row) => row.map(cell)),
      options,
    );
  }
}

/** The row batches of an export as JSON Lines: one object per row, by column id. */
export async function* jsonLines(
  columns: Column[],
  batches: AsyncIterable<unknown[][]>,
): AsyncGenerator<string> {
  for await (const rows of batches) {
    yield `${rows.map((row) => JSON.stringify(rowObject(columns, row))).join('\n')}\n`;
  }
}

/** A row as an object keyed by column id. */
export function rowObject(columns: Column[], row: unknown[]): Record<string, unknown> {
  return Object.fromEntries(columns.map((column, index) => [column.id, row[index]]));
}
