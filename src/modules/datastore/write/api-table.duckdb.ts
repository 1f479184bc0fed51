import { link, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { quoteIdentifier, quoteLiteral } from '../../../platform/duckdb/index.js';
import type { ColumnType } from '../datastore.types.js';

/**
 * A table written through the API (CKAN's datastore_create / upsert / delete) lives in a DuckDB
 * file of its own — the write master, with a stored `_id` and a unique index on its primary key —
 * and readers get a Parquet file exported from it after each write (with its `_id` column: the
 * file's name ends in `.ids.parquet`, see table-query.duckdb.ts).
 */
export const DUCK_TYPES: Record<ColumnType, string> = {
  integer: 'BIGINT',
  decimal: 'DOUBLE',
  boolean: 'BOOLEAN',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
  text: 'VARCHAR',
  json: 'VARCHAR',
};

const TABLE = 't';
/** Rows per Parquet segment: a write re-exports only the segments whose `_id` range it touched. */
export const SEGMENT_ROWS = 100_000;
const segmentOf = (id: number) => Math.floor((id - 1) / SEGMENT_ROWS);
export const segmentName = (segment: number) => `seg-${String(segment).padStart(6, '0')}.ids.parquet`;
const KEY_INDEX = 't_primary_key';

export interface ApiColumn {
  id: string;
  type: ColumnType;
}

/** An open write master: one writer at a time (the caller holds the table's lock). */
export class WriteMaster {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
  ) {}

  static async open(file: string): Promise<WriteMaster> {
    await mkdir(path.dirname(file), { recursive: true });
    const instance = await DuckDBInstance.create(file, { threads: '2', memory_limit: '1GB' });
    return new WriteMaster(instance, await instance.connect());
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }

  /** The segments the transaction under way changed ('all' after a change of columns). */
  touched: Set<number> | 'all' = new Set();

  begin = () => {
    this.touched = new Set();
    return this.connection.run('BEGIN TRANSACTION');
  };

  /** Runs a statement that returns the `_id`s it changed, and notes their segments. */
  private async touching(sql: string, params: unknown[] = []): Promise<number> {
    const reader = await this.connection.runAndReadAll(sql, params as never);
    const rows = reader.getRows();
    if (this.touched !== 'all') for (const row of rows) this.touched.add(segmentOf(Number(row[0])));
    return rows.length;
  }
  commit = () => this.connection.run('COMMIT');
  rollback = () => this.connection.run('ROLLBACK');

  /** The primary key kept with the table (fields whose values identify a row). */
  async primaryKey(): Promise<string[]> {
    await this.connection.run('CREATE TABLE IF NOT EXISTS quai_meta (primary_key VARCHAR)');
    const reader = await this.connection.runAndReadAll('SELECT primary_key FROM quai_meta');
    const text = reader.getRows()[0]?.[0];
    return text ? (JSON.parse(String(text)) as string[]) : [];
  }

  async setPrimaryKey(fields: string[]): Promise<void> {
    await this.connection.run('CREATE TABLE IF NOT EXISTS quai_meta (primary_key VARCHAR)');
    await this.connection.run('DELETE FROM quai_meta');
    await this.connection.run('INSERT INTO quai_meta VALUES ($1)', [JSON.stringify(fields)]);
  }

  async exists(): Promise<boolean> {
    const reader = await this.connection.runAndReadAll(
      `SELECT count(*) FROM information_schema.tables WHERE table_name = '${TABLE}'`,
    );
    return Number(reader.getRows()[0]?.[0] ?? 0) > 0;
  }

  /** Creates the table, or adds the columns it lacks; (re)builds the primary key's unique index. */
  async define(columns: ApiColumn[], primaryKey: string[]): Promise<void> {
    if (!(await this.exists())) {
      const definitions = [
        '_id BIGINT NOT NULL',
        ...columns.map((column) => `${quoteIdentifier(column.id)} ${DUCK_TYPES[column.type]}`),
      ];
      await this.connection.run(`CREATE TABLE ${TABLE} (${definitions.join(', ')})`);
      this.touched = 'all';
    } else {
      const existing = new Set(await this.columnNames());
      for (const column of columns) {
        if (!existing.has(column.id)) {
          this.touched = 'all';
          await this.connection.run(
            `ALTER TABLE ${TABLE} ADD COLUMN ${quoteIdentifier(column.id)} ${DUCK_TYPES[column.type]}`,
          );
        }
      }
    }
    await this.connection.run(`DROP INDEX IF EXISTS ${KEY_INDEX}`);
    if (primaryKey.length > 0) {
      await this.connection.run(
        `CREATE UNIQUE INDEX ${KEY_INDEX} ON ${TABLE} (${primaryKey.map(quoteIdentifier).join(', ')})`,
      );
    }
  }

  async columnNames(): Promise<string[]> {
    const reader = await this.connection.runAndReadAll(
      `SELECT column_name FROM information_schema.columns WHERE table_name = '${TABLE}' ORDER BY ordinal_position`,
    );
    return reader.getRows().map((row) => String(row[0]));
  }

  async count(): Promise<number> {
    const reader = await this.connection.runAndReadAll(`SELECT count(*)::DOUBLE FROM ${TABLE}`);
    return Number(reader.getRows()[0]?.[0] ?? 0);
  }

  async nextId(): Promise<number> {
    const reader = await this.connection.runAndReadAll(`SELECT coalesce(max(_id), 0)::DOUBLE FROM ${TABLE}`);
    return Number(reader.getRows()[0]?.[0] ?? 0) + 1;
  }

  /**
   * Writes rows given as JSON text (one object per line, keys = column ids) from a staging file:
   * `insert` adds them (new `_id`s); `upsert` changes the rows whose key matches and adds the
   * others; `update` changes matching rows. Only the fields the records give are changed. Returns
   * the first value that does not fit its column, or the first keys that match no row (update).
   */
  async write(
    method: 'insert' | 'upsert' | 'update',
    staging: string,
    columns: ApiColumn[],
    key: string[],
  ): Promise<{ badValue?: { row: number; column: string; value: string }; missing?: unknown[][] }> {
    // The JSON is parsed once, every value as text; each is then cast to its column's type.
    const asText = columns.map((column) => `${quoteLiteral(column.id)}: 'VARCHAR'`).join(', ');
    await this.connection.run(
      `CREATE OR REPLACE TEMP TABLE raw AS SELECT row_number() OVER () AS n, * FROM read_json(${quoteLiteral(staging)}, format = 'newline_delimited', columns = {${asText}})`,
    );
    const cast = (column: ApiColumn) =>
      `TRY_CAST(${quoteIdentifier(column.id)} AS ${DUCK_TYPES[column.type]})`;
    const bad = columns.map(
      (column) => `(${quoteIdentifier(column.id)} IS NOT NULL AND ${cast(column)} IS NULL)`,
    );
    const found = await this.connection.runAndReadAll(
      `SELECT n::DOUBLE, [${columns.map((column) => quoteIdentifier(column.id)).join(', ')}], [${bad.join(', ')}] FROM raw WHERE ${bad.join(' OR ')} ORDER BY n LIMIT 1`,
    );
    const first = found.getRowsJson()[0] as [number, (string | null)[], boolean[]] | undefined;
    if (first) {
      const index = first[2].indexOf(true);
      return {
        badValue: {
          row: Number(first[0]),
          column: (columns[index] as ApiColumn).id,
          value: String(first[1][index]).slice(0, 100),
        },
      };
    }
    const start = await this.nextId();
    const inserted = columns.map((column) => column.id).filter((column) => column !== '_id');
    const incoming = `(SELECT ${start - 1} + n AS _new_id, ${columns
      .map((column) => `${cast(column)} AS ${quoteIdentifier(column.id)}`)
      .join(', ')} FROM raw)`;
    if (method === 'update') {
      const keyMatch = key
        .map((column) => `t.${quoteIdentifier(column)} = i.${quoteIdentifier(column)}`)
        .join(' AND ');
      await this.connection.run(`CREATE OR REPLACE TEMP TABLE incoming AS SELECT * FROM ${incoming}`);
      const reader = await this.connection.runAndReadAll(
        `SELECT ${key.map((column) => `i.${quoteIdentifier(column)}`).join(', ')} FROM incoming i WHERE NOT EXISTS (SELECT 1 FROM ${TABLE} t WHERE ${keyMatch}) LIMIT 5`,
      );
      const missing = reader.getRowsJson() as unknown[][];
      if (missing.length > 0) return { missing };
      const changed = inserted.filter((column) => !key.includes(column));
      if (changed.length > 0) {
        await this.touching(
          `UPDATE ${TABLE} AS t SET ${changed.map((column) => `${quoteIdentifier(column)} = i.${quoteIdentifier(column)}`).join(', ')} FROM incoming i WHERE ${keyMatch} RETURNING t._id`,
        );
      }
      return {};
    }
    const list = inserted.map((column) => `, ${quoteIdentifier(column)}`).join('');
    // Upsert: a row whose key is taken changes the fields given and keeps its `_id`.
    const changed = inserted.filter((column) => !key.includes(column));
    const onConflict =
      method === 'upsert'
        ? changed.length > 0
          ? ` ON CONFLICT (${key.map(quoteIdentifier).join(', ')}) DO UPDATE SET ${changed.map((column) => `${quoteIdentifier(column)} = excluded.${quoteIdentifier(column)}`).join(', ')}`
          : ` ON CONFLICT (${key.map(quoteIdentifier).join(', ')}) DO NOTHING`
        : '';
    await this.touching(
      `INSERT INTO ${TABLE} (_id${list}) SELECT _new_id${list} FROM ${incoming} ORDER BY _new_id${onConflict} RETURNING _id`,
    );
    return {};
  }

  /** Deletes the rows whose columns equal the filters (all rows when there are none); returns how many. */
  async deleteWhere(filters: Record<string, unknown[]>): Promise<number> {
    const params: unknown[] = [];
    const where = Object.entries(filters).map(([column, values]) => {
      const placeholders = values.map((value) => {
        params.push(value === null ? null : String(value));
        return `$${params.length}`;
      });
      return `CAST(${quoteIdentifier(column)} AS VARCHAR) IN (${placeholders.join(', ')})`;
    });
    return this.touching(
      `DELETE FROM ${TABLE}${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''} RETURNING _id`,
      params,
    );
  }

  /**
   * Writes the table's segments into `dir`: those the transaction touched are exported again, the
   * others hard-linked from the previous version (`from`), so a batch costs its own segments only.
   */
  async exportSegments(dir: string, columns: string[], from: string | null): Promise<void> {
    await mkdir(dir, { recursive: true });
    const list = ['_id', ...columns].map(quoteIdentifier).join(', ');
    const reader = await this.connection.runAndReadAll(`SELECT coalesce(max(_id), 0)::DOUBLE FROM ${TABLE}`);
    const last = segmentOf(Math.max(1, Number(reader.getRows()[0]?.[0] ?? 0)));
    for (let segment = 0; segment <= last; segment++) {
      const target = path.join(dir, segmentName(segment));
      if (from !== null && this.touched !== 'all' && !this.touched.has(segment)) {
        const linked = await link(path.join(from, segmentName(segment)), target).then(
          () => true,
          () => false,
        );
        if (linked) continue;
      }
      await this.connection.run(
        `COPY (SELECT ${list} FROM ${TABLE} WHERE _id BETWEEN ${segment * SEGMENT_ROWS + 1} AND ${(segment + 1) * SEGMENT_ROWS} ORDER BY _id) TO ${quoteLiteral(target)} (FORMAT parquet, COMPRESSION zstd)`,
      );
    }
  }
}
