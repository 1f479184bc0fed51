/**
 * The one database interface every module uses. Two engines implement it with the same SQL:
 * PGlite (embedded, default) and PostgreSQL (via `pg`).
 */
export interface Queryable {
  /** Runs one parameterised statement (`$1`, `$2`, …) and returns its rows. */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  /** The pool's connections (PostgreSQL), for the metrics. */
  poolStats?(): { total: number; idle: number; waiting: number };
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Follows a notification channel (PostgreSQL's LISTEN/NOTIFY, sent by any process on the
   * database with `pg_notify`). `ready` is called each time the subscription is in place (first,
   * and again after a lost connection is re-established: notifications sent meanwhile were
   * missed), `lost` when it breaks. Returns a function that stops listening.
   */
  listen(channel: string, handlers: ListenHandlers): Promise<() => Promise<void>>;
  /**
   * Appends rows to a table with COPY (much quicker than INSERT for millions of rows): each row's
   * values in `columns`' order, as PostgreSQL's input text for the column's type, null for NULL.
   * Batches arrive from an iterator, so memory stays bounded. Not inside a transaction.
   */
  copyRows(
    table: string,
    columns: readonly string[],
    batches: AsyncIterable<readonly (string | null)[][]>,
  ): Promise<number>;
  close(): Promise<void>;
}

export interface ListenHandlers {
  notify: (payload: string) => void;
  ready: () => void;
  lost: () => void;
}

/** Channel names are plain identifiers (they are written into LISTEN statements). */
export function checkChannel(channel: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`invalid channel name: ${channel}`);
  return channel;
}

/** Returns the first row, or `null` when there is none. */
export async function queryOne<Row>(
  db: Queryable,
  sql: string,
  params?: readonly unknown[],
): Promise<Row | null> {
  const rows = await db.query<Row>(sql, params);
  return rows[0] ?? null;
}

/** PostgreSQL's SQLSTATE for a violated unique constraint. */
export const UNIQUE_VIOLATION = '23505';

export function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === UNIQUE_VIOLATION
  );
}

/** Table and column names given to COPY: plain (optionally schema-qualified) identifiers. */
export function checkIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/.test(name)) throw new Error(`invalid identifier: ${name}`);
  return name;
}

/** The COPY statement for rows in PostgreSQL's text format. */
export function copyStatement(table: string, columns: readonly string[], source: string): string {
  return `COPY ${checkIdentifier(table)} (${columns.map(checkIdentifier).join(', ')}) FROM ${source}`;
}

/** A value in COPY's text format: backslash, tab, newline and carriage return escaped; NULL as \N. */
function copyValue(value: string | null): string {
  if (value === null) return '\\N';
  return /[\\\t\n\r]/.test(value)
    ? value.replace(
        /[\\\t\n\r]/g,
        (char) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[char] as string,
      )
    : value;
}

/** Rows as COPY text lines. */
export function copyText(rows: readonly (string | null)[][]): string {
  let text = '';
  for (const row of rows) text += `${row.map(copyValue).join('\t')}\n`;
  return text;
}
