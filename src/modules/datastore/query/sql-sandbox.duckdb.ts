import { DuckDBInstance, StatementType } from '@duckdb/node-api';
import { quoteIdentifier, quoteLiteral } from '../../../platform/duckdb/index.js';
import { failure } from '../ingest/load-errors.js';
import { type AnswerBounds, readRowsBounded } from './table-query.duckdb.js';

export interface SandboxResult {
  columns: { id: string; duckType: string }[];
  rows: unknown[][];
  truncated: boolean;
}

/**
 * Runs one read-only SELECT over the given tables, in a DuckDB of its own: the tables are views
 * on their Parquet files, and then the configuration is locked with file access off (only those
 * files may be read), no extension loading, one thread and 256 MB. Anything but a single SELECT
 * is refused; the query is interrupted after `timeoutMs`; at most `maxRows` rows come back.
 */
export async function runSandboxed(
  sql: string,
  tables: { name: string; file: string }[],
  limits: AnswerBounds & { timeoutMs: number },
): Promise<SandboxResult> {
  const instance = await DuckDBInstance.create(':memory:', {
    threads: '1',
    memory_limit: '256MB',
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    allow_community_extensions: 'false',
  });
  const connection = await instance.connect();
  try {
    for (const table of tables) {
      await connection.run(
        `CREATE VIEW ${quoteIdentifier(table.name)} AS SELECT * FROM read_parquet(${quoteLiteral(table.file)})`,
      );
    }
    await connection.run(
      `SET allowed_paths = [${tables.map((table) => quoteLiteral(table.file)).join(', ')}]`,
    );
    await connection.run('SET enable_external_access = false');
    await connection.run('SET lock_configuration = true');
    const statements = await connection.extractStatements(sql).catch((error: Error) => {
      throw failure(`Requête illisible : ${firstLine(error)}`, `Unreadable query: ${firstLine(error)}`);
    });
    if (statements.count !== 1)
      throw failure('Une seule instruction SELECT est permise.', 'Only one SELECT statement is allowed.');
    const prepared = await statements.prepare(0).catch((error: Error) => {
      throw failure(`Requête refusée : ${firstLine(error)}`, `Query refused: ${firstLine(error)}`);
    });
    if (prepared.statementType !== StatementType.SELECT) {
      throw failure(
        'Seules les requêtes SELECT sont permises (lecture seule).',
        'Only SELECT queries are allowed (read only).',
      );
    }
    // Without its final ";"; on lines of its own, so that a closing "-- comment" ends no more than itself.
    const body = sql.replace(/;(\s|--[^\n]*)*$/, '');
    const timer = setTimeout(() => connection.interrupt(), limits.timeoutMs);
    try {
      const wrapped = `SELECT * FROM (\n${body}\n) LIMIT ${limits.maxRows + 1}`;
      return await readRowsBounded(connection, { sql: wrapped, params: [] }, limits);
    } catch (error) {
      if (/interrupt/i.test((error as Error).message)) {
        throw failure(
          `La requête a dépassé ${limits.timeoutMs / 1000} s et a été arrêtée.`,
          `The query ran past ${limits.timeoutMs / 1000} s and was stopped.`,
        );
      }
      throw failure(
        `Requête refusée : ${firstLine(error as Error)}`,
        `Query refused: ${firstLine(error as Error)}`,
      );
    } finally {
      clearTimeout(timer);
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

function firstLine(error: Error): string {
  return (error.message.split('\n')[0] ?? '').slice(0, 300);
}
