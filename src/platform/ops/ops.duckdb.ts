import type { Duck } from '../duckdb/index.js';

/** Bytes DuckDB holds in memory now (its buffer manager's tally). */
export async function duckMemoryBytes(duck: Duck): Promise<number> {
  const connection = await duck.connect();
  try {
    const reader = await connection.runAndReadAll(
      'SELECT coalesce(sum(memory_usage_bytes), 0)::DOUBLE AS n FROM duckdb_memory()',
    );
    return Number(reader.getRowObjects()[0]?.n ?? 0);
  } finally {
    connection.closeSync();
  }
}

/** Whether DuckDB answers a query. */
export async function duckAnswers(duck: Duck): Promise<boolean> {
  const connection = await duck.connect();
  try {
    const reader = await connection.runAndReadAll('SELECT 42 AS answer');
    return reader.getRowObjects()[0]?.answer === 42;
  } finally {
    connection.closeSync();
  }
}
