import type { Duck } from '../../platform/duckdb/index.js';
import { quoteIdentifier, quoteLiteral } from '../../platform/duckdb/index.js';

/** A version's CSV as Parquet: every column text but the two dates. */
export async function csvToParquet(
  duck: Duck,
  csv: string,
  parquet: string,
  columns: string[],
): Promise<void> {
  const connection = await duck.connect();
  try {
    const types = columns
      .map(
        (name) =>
          `${quoteLiteral(name)}: ${name === 'valid_from' || name === 'valid_to' ? "'DATE'" : "'VARCHAR'"}`,
      )
      .join(', ');
    await connection.run(
      `COPY (SELECT ${columns.map(quoteIdentifier).join(', ')} FROM read_csv(${quoteLiteral(csv)}, header = true, columns = {${types}}))
       TO ${quoteLiteral(parquet)} (FORMAT parquet, COMPRESSION zstd)`,
    );
  } finally {
    connection.closeSync();
  }
}
