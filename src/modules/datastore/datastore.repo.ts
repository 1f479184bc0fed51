import type { Queryable } from '../../platform/db/index.js';
import type { Column, ColumnType, Load, LoadError, Table } from './datastore.types.js';

/** The stored row of a published table: its columns, and which Parquet file holds it. */
export interface TableRow extends Table {
  loadId: string;
  /** Relative to DATA_DIR/datastore. */
  file: string;
}

const LOAD_COLUMNS = `id, resource_id AS "resourceId", source, format, state, rows_done::float8 AS "rowsDone",
  bytes_total::float8 AS "bytesTotal", percent, encoding, types, error, created_at AS "createdAt",
  started_at AS "startedAt", finished_at AS "finishedAt"`;

export function createDatastoreRepo(db: Queryable) {
  return {
    async table(resourceId: string): Promise<TableRow | null> {
      const rows = await db.query<TableRow>(
        `SELECT resource_id AS "resourceId", load_id AS "loadId", file, row_count::float8 AS "rowCount", columns,
           bbox, loaded_at AS "loadedAt" FROM datastore.tables WHERE resource_id = $1`,
        [resourceId],
      );
      return rows[0] ?? null;
    },

    /** The resource an alias names, if any. */
    async aliasTarget(alias: string): Promise<string | null> {
      const rows = await db.query<{ id: string }>(
        'SELECT resource_id AS id FROM datastore.aliases WHERE alias = $1',
        [alias],
      );
      return rows[0]?.id ?? null;
    },

    /** Aliases among these names, with the resources they name. */
    async aliasTargets(names: readonly string[]): Promise<Map<string, string>> {
      if (names.length === 0) return new Map();
      const rows = await db.query<{ alias: string; id: string }>(
        'SELECT alias, resource_id AS id FROM datastore.aliases WHERE alias = ANY($1::text[])',
        [names],
      );
      return new Map(rows.map((row) => [row.alias, row.id]));
    },

    async aliasesOf(resourceId: string): Promise<string[]> {
      const rows = await db.query<{ alias: string }>(
        'SELECT alias FROM datastore.aliases WHERE resource_id = $1 ORDER BY alias',
        [resourceId],
      );
      return rows.map((row) => row.alias);
    },

    /** Adds aliases to a resource's table; false if one names another resource's table already. */
    async addAliases(resourceId: string, aliases: readonly string[]): Promise<string | null> {
      for (const alias of aliases) {
        const target = await this.aliasTarget(alias);
        if (target && target !== resourceId) return alias;
      }
      for (const alias of aliases) {
        await db.query(
          'INSERT INTO datastore.aliases (alias, resource_id) VALUES ($1, $2) ON CONFLICT (alias) DO NOTHING',
          [alias, resourceId],
        );
      }
      return null;
    },

    async removeAliases(resourceId: string): Promise<void> {
      await db.query('DELETE FROM datastore.aliases WHERE resource_id = $1', [resourceId]);
    },

    /** Which of these resources have a published table. */
    async withTables(resourceIds: readonly string[]): Promise<Set<string>> {
      if (resourceIds.length === 0) return new Set();
      const rows = await db.query<{ id: string }>(
        'SELECT resource_id AS id FROM datastore.tables WHERE resource_id = ANY($1::uuid[])',
        [resourceIds],
      );
      return new Set(rows.map((row) => row.id));
    },

    /** Publishes a complete file: readers switch to it in one statement. Returns the file it replaces. */
    async publish(table: Omit<TableRow, 'loadedAt'>): Promise<string | null> {
      const [previous] = await db.query<{ file: string }>(
        'SELECT file FROM datastore.tables WHERE resource_id = $1',
        [table.resourceId],
      );
      await db.query(
        `INSERT INTO datastore.tables (resource_id, load_id, file, row_count, columns, bbox) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (resource_id) DO UPDATE SET load_id = excluded.load_id, file = excluded.file,
           row_count = excluded.row_count, columns = excluded.columns, bbox = excluded.bbox, loaded_at = now()`,
        [
          table.resourceId,
          table.loadId,
          table.file,
          table.rowCount,
          JSON.stringify(table.columns),
          table.bbox ? JSON.stringify(table.bbox) : null,
        ],
      );
      return previous && previous.file !== table.file ? previous.file : null;
    },

    async setColumns(resourceId: string, columns: Column[]): Promise<void> {
      await db.query('UPDATE datastore.tables SET columns = $2 WHERE resource_id = $1', [
        resourceId,
        JSON.stringify(columns),
      ]);
    },

    async removeTable(resourceId: string): Promise<string | null> {
      const rows = await db.query<{ file: string }>(
        'DELETE FROM datastore.tables WHERE resource_id = $1 RETURNING file',
        [resourceId],
      );
      return rows[0]?.file ?? null;
    },

    async createLoad(load: {
      id: string;
      resourceId: string;
      source: string;
      format: string;
      types?: Record<string, ColumnType> | null;
    }): Promise<void> {
      await db.query(
        `INSERT INTO datastore.loads (id, resource_id, source, format, state, types) VALUES ($1, $2, $3, $4, 'queued', $5)`,
        [load.id, load.resourceId, load.source, load.format, load.types ? JSON.stringify(load.types) : null],
      );
    },

    async load(id: string): Promise<Load | null> {
      const rows = await db.query<Load>(`SELECT ${LOAD_COLUMNS} FROM datastore.loads WHERE id = $1`, [id]);
      return rows[0] ?? null;
    },

    async latestLoad(resourceId: string): Promise<Load | null> {
      const rows = await db.query<Load>(
        `SELECT ${LOAD_COLUMNS} FROM datastore.loads WHERE resource_id = $1 ORDER BY created_at DESC, id LIMIT 1`,
        [resourceId],
      );
      return rows[0] ?? null;
    },

    async unfinishedLoads(): Promise<string[]> {
      const rows = await db.query<{ id: string }>(
        `SELECT id FROM datastore.loads WHERE state IN ('queued', 'running')`,
      );
      return rows.map((row) => row.id);
    },

    /** Counts one more start of the load; returns how many there have been. */
    async attempt(id: string): Promise<number> {
      const rows = await db.query<{ attempts: number }>(
        'UPDATE datastore.loads SET attempts = attempts + 1 WHERE id = $1 RETURNING attempts',
        [id],
      );
      return rows[0]?.attempts ?? 0;
    },

    async started(
      id: string,
      details: { bytesTotal: number | null; encoding: string | null },
    ): Promise<void> {
      await db.query(
        `UPDATE datastore.loads SET state = 'running', started_at = now(), rows_done = 0, percent = 0,
           bytes_total = $2, encoding = $3, error = NULL WHERE id = $1`,
        [id, details.bytesTotal, details.encoding],
      );
    },

    async progress(id: string, progress: { rows: number; percent: number }): Promise<void> {
      await db.query(
        `UPDATE datastore.loads SET rows_done = $2, percent = $3 WHERE id = $1 AND state = 'running'`,
        [id, Math.round(progress.rows), Math.min(100, Math.max(0, progress.percent))],
      );
    },

    async finished(id: string, outcome: { rows: number } | { error: LoadError }): Promise<void> {
      if ('error' in outcome) {
        await db.query(
          `UPDATE datastore.loads SET state = 'failed', error = $2, finished_at = now() WHERE id = $1`,
          [id, JSON.stringify(outcome.error)],
        );
      } else {
        await db.query(
          `UPDATE datastore.loads SET state = 'done', rows_done = $2, percent = 100, finished_at = now() WHERE id = $1`,
          [id, outcome.rows],
        );
      }
    },
  };
}

export type DatastoreRepo = ReturnType<typeof createDatastoreRepo>;
