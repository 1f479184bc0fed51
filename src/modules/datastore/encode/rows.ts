import { stringify } from 'csv-stringify/sync';
import type { Column } from '../datastore.types.js';

/** The row batches of an export, encoded as CSV (a header, then the rows) as they come. */
export async function* csvRows(
  columns: Column[],
  batches: AsyncIterable<unknown[][]>,
): AsyncGenerator<string> {
  yield stringify([columns.map((column) => column.id)]);
  for await (const rows of batches) {
    yield stringify(
      rows.map((row) =>
        row.map((value) => (value !== null && typeof value === 'object' ? JSON.stringify(value) : value)),
      ),
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
