import path from 'node:path';
import { DuckDBInstance, StatementType } from '@duckdb/node-api';
import { quoteLiteral } from '../../../platform/duckdb/index.js';
import { failure, LoadFailure } from '../ingest/load-errors.js';
import {
  ckanTableView,
  POSTGRES_MACROS,
  postgresColumnName,
  rewriteDateFunctions,
  rewriteTextMatch,
} from './sql-postgres.duckdb.js';
import { type AnswerBounds, readRowsBounded } from './table-query.duckdb.js';

/** A table the query may read: its name (the resource id), its Parquet file and its columns. */
export interface SandboxTable {
  name: string;
  file: string;
  columns: string[];
}

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
  tables: SandboxTable[],
  limits: AnswerBounds & { timeoutMs: number },
  /** Directories of this server that no answer may name (the data directory, the home…). */
  hiddenPaths: string[] = [],
): Promise<SandboxResult> {
  const hide = pathHider(tables, hiddenPaths);
  try {
    const result = await runLocked(sql, tables, limits);
    return {
      columns: result.columns.map((column) => ({ ...column, id: hide(column.id) })),
      rows: result.rows.map((row) => row.map((value) => hideIn(value, hide))),
      truncated: result.truncated,
    };
  } catch (error) {
    if (error instanceof LoadFailure) {
      const { message, ...where } = error.detail;
      throw new LoadFailure({ ...where, message: { fr: hide(message.fr), en: hide(message.en) } });
    }
    throw error;
  }
}

/**
 * Settings, views and errors would show where the server keeps its files (a view's SQL names its
 * Parquet file): each table's file becomes the table's name, and the hidden directories "…".
 */
function pathHider(
  tables: { name: string; file: string }[],
  hiddenPaths: string[],
): (text: string) => string {
  const replacements: [string, string][] = [
    ...tables.map((table): [string, string] => [table.file, table.name]),
    ...hiddenPaths
      .filter((hidden) => hidden.length > 1)
      .sort((a, b) => b.length - a.length)
      .map((hidden): [string, string] => [hidden, '…']),
  ];
  return (text) => replacements.reduce((current, [from, to]) => current.split(from).join(to), text);
}

function hideIn(value: unknown, hide: (text: string) => string): unknown {
  if (typeof value === 'string') return hide(value);
  if (Array.isArray(value)) return value.map((item) => hideIn(item, hide));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [hide(key), hideIn(item, hide)]));
  return value;
}

async function runLocked(
  sql: string,
  tables: SandboxTable[],
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
    // CKAN's tables (`_id`, `_full_text`) and the PostgreSQL functions its users write.
    for (const table of tables) await connection.run(ckanTableView(table.name, table.file, table.columns));
    for (const macro of POSTGRES_MACROS) await connection.run(macro);
    // A loaded table is one file; a table written through the API, a directory of segments.
    const files = tables.filter((table) => !table.file.includes('*'));
    const directories = tables.filter((table) => table.file.includes('*'));
    await connection.run(
      `SET allowed_paths = [${files.map((table) => quoteLiteral(table.file)).join(', ')}]`,
    );
    if (directories.length > 0) {
      await connection.run(
        `SET allowed_directories = [${directories.map((table) => quoteLiteral(`${path.dirname(table.file)}/`)).join(', ')}]`,
      );
    }
    await connection.run('SET enable_external_access = false');
    await connection.run('SET lock_configuration = true');
    const rewritten = rewriteDateFunctions(rewriteTextMatch(sql));
    const statements = await connection.extractStatements(rewritten).catch((error: Error) => {
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
    const body = rewritten.replace(/;(\s|--[^\n]*)*$/, '');
    const timer = setTimeout(() => connection.interrupt(), limits.timeoutMs);
    try {
      const wrapped = `SELECT * FROM (\n${body}\n) LIMIT ${limits.maxRows + 1}`;
      const result = await readRowsBounded(connection, { sql: wrapped, params: [] }, limits);
      const known = new Set(['_id', '_full_text', ...tables.flatMap((table) => table.columns)]);
      return {
        ...result,
        columns: result.columns.map((column) => ({ ...column, id: postgresColumnName(column.id, known) })),
      };
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
