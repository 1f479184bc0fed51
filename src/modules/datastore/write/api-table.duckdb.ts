import { mkdir } from 'node:fs/promises';
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
    } else {
      const existing = new Set(await this.columnNames());
      for (const column of columns) {
        if (!existing.has(column.id)) {
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
    const extract = (column: ApiColumn) =>
      `json_extract_string(j, ${quoteLiteral(`$."${column.id.replace(/["\\]/g, (char) => `\\${char}`)}"`)})`;
    const cast = (column: ApiColumn) => `TRY_CAST(${extract(column)} AS ${DUCK_TYPES[column.type]})`;
    await this.connection.run(
      `CREATE OR REPLACE TEMP TABLE raw AS SELECT row_number() OVER () AS n, json AS j FROM read_json_objects(${quoteLiteral(staging)}, format = 'newline_delimited')`,
    );
    for (const column of columns) {
      const reader = await this.connection.runAndReadAll(
        `SELECT n::DOUBLE, ${extract(column)} FROM raw WHERE ${extract(column)} IS NOT NULL AND ${cast(column)} IS NULL ORDER BY n LIMIT 1`,
      );
      const bad = reader.getRows()[0];
      if (bad)
        return { badValue: { row: Number(bad[0]), column: column.id, value: String(bad[1]).slice(0, 100) } };
    }
    const start = await this.nextId();
    await this.connection.run(
      `CREATE OR REPLACE TEMP TABLE incoming AS SELECT ${start - 1} + n AS _new_id, ${columns
        .map((column) => `${cast(column)} AS ${quoteIdentifier(column.id)}`)
        .join(', ')} FROM raw`,
    );
    const keyMatch = key
      .map((column) => `t.${quoteIdentifier(column)} = i.${quoteIdentifier(column)}`)
      .join(' AND ');
    if (method !== 'insert') {
      if (method === 'update') {
        const reader = await this.connection.runAndReadAll(
          `SELECT ${key.map((column) => `i.${quoteIdentifier(column)}`).join(', ')} FROM incoming i WHERE NOT EXISTS (SELECT 1 FROM ${TABLE} t WHERE ${keyMatch}) LIMIT 5`,
        );
        const missing = reader.getRowsJson() as unknown[][];
        if (missing.length > 0) return { missing };
      }
      const changed = columns.map((column) => column.id).filter((column) => !key.includes(column));
      if (changed.length > 0) {
        await this.connection.run(
          `UPDATE ${TABLE} AS t SET ${changed.map((column) => `${quoteIdentifier(column)} = i.${quoteIdentifier(column)}`).join(', ')} FROM incoming i WHERE ${keyMatch}`,
        );
      }
      if (method === 'update') return {};
      await this.connection.run(
        `DELETE FROM incoming i WHERE EXISTS (SELECT 1 FROM ${TABLE} t WHERE ${keyMatch})`,
      );
    }
    const inserted = columns.map((column) => column.id).filter((column) => column !== '_id');
    await this.connection.run(
      `INSERT INTO ${TABLE} (_id${inserted.map((column) => `, ${quoteIdentifier(column)}`).join('')})
       SELECT _new_id${inserted.map((column) => `, ${quoteIdentifier(column)}`).join('')} FROM incoming ORDER BY _new_id`,
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
    const before = await this.count();
    await this.connection.run(
      `DELETE FROM ${TABLE}${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}`,
      params as never,
    );
    return before - (await this.count());
  }

  /** Exports the table, `_id` first and in `_id` order, to a Parquet file. */
  async export(file: string, columns: string[]): Promise<void> {
    const list = ['_id', ...columns].map(quoteIdentifier).join(', ');
    await this.connection.run(
      `COPY (SELECT ${list} FROM ${TABLE} ORDER BY _id) TO ${quoteLiteral(file)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 100000)`,
    );
  }
}
