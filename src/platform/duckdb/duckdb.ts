import { mkdir } from 'node:fs/promises';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

/**
 * The embedded DuckDB that converts tabular files to Parquet and answers queries on them. One
 * instance per process; each task takes its own connection. Spill files go under `tempDir`.
 */
export interface Duck {
  connect(): Promise<DuckDBConnection>;
  close(): void;
}

export async function openDuck(options: {
  tempDir: string;
  memoryLimit?: string;
  threads?: number;
}): Promise<Duck> {
  await mkdir(options.tempDir, { recursive: true });
  const instance = await DuckDBInstance.create(':memory:', {
    temp_directory: options.tempDir,
    memory_limit: options.memoryLimit ?? '1GB',
    threads: String(options.threads ?? 2),
    // Results without ORDER BY come in the order they were read: the datastore pages a loaded
    // file in its row order this way (DuckDB's default, stated because the datastore relies on it).
    preserve_insertion_order: 'true',
    // Nothing is ever fetched from the network (no extension downloads, no remote files).
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  return {
    connect: () => instance.connect(),
    close: () => instance.closeSync(),
  };
}

/** A SQL identifier, quoted (column names come from files: anything may be in them). */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A SQL string literal (for file paths, which DuckDB's table functions take as literals). */
export function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
