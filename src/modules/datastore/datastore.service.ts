import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../platform/db/index.js';
import type { Duck } from '../../platform/duckdb/index.js';
import { ValidationError } from '../../platform/http/errors.js';
import { localized } from '../../platform/i18n/index.js';
import { createLimiter } from '../../platform/limiter.js';
import { isUuid } from '../../platform/validation.js';
import type { Actor } from '../accounts/index.js';
import type { CatalogService } from '../catalog/index.js';
import { createDatastoreRepo } from './datastore.repo.js';
import type { Column, Load, Table } from './datastore.types.js';
import { columnType } from './ingest/column-types.js';
import { LoadFailure } from './ingest/load-errors.js';
import { ckanQuery, type DatastoreSearch } from './query/ckan-request.js';
import { restQuery } from './query/rest-request.js';
import { runSandboxed, type SandboxTable } from './query/sql-sandbox.duckdb.js';
import {
  aggregateName,
  copyToParquet,
  countStatement,
  readRows,
  readRowsBounded,
  rowsStatement,
  storesIds,
  streamRows,
  type TableQuery,
} from './query/table-query.duckdb.js';
import { decodeCursor, encodeCursor, ID_COLUMN, jsonValue } from './query/values.js';
import { createTableReader } from './table-reader.js';

export interface DatastoreRows {
  columns: Column[];
  rows: unknown[][];
  total: number | null;
  /** Rows were left out to keep the answer within ANSWER_MAX_BYTES (or the row limit). */
  truncated: boolean;
}

export type { DatastoreSearch };
export const ROWS_MAX = 32_000;
/**
 * Untrusted SQL runs one query at a time per process (each in a DuckDB of one thread), eight more
 * wait, and beyond that a query is refused (429): anonymous SQL cannot take every core.
 */
const SQL_CONCURRENCY = { concurrency: 1, queue: 8 };
/** The most JSON one answer holds (about): fewer rows come back when the values are large. */
export const ANSWER_MAX_BYTES = 16 * 1024 * 1024;

/** Reading the published tables: what the caller may see of them, through DuckDB. */
export function createDatastoreService(deps: {
  db: Db;
  duck: Duck;
  catalog: CatalogService;
  root: string;
  /** How long one datastore_search_sql query may run. */
  sqlTimeoutMs: number;
}) {
  const repo = createDatastoreRepo(deps.db);
  const sqlRuns = createLimiter({
    ...SQL_CONCURRENCY,
    busy: localized(
      'Trop de requêtes SQL sont en cours : réessayez dans quelques secondes.',
      'Too many SQL queries are running: try again in a few seconds.',
    ),
  });

  const tables = createTableReader({ db: deps.db, catalog: deps.catalog, root: deps.root });

  /** The columns a query returns (plain columns, or groups and aggregates). */
  function outputColumns(table: Table, query: TableQuery): Column[] {
    const byId = (id: string) =>
      id === '_id' ? ID_COLUMN : (table.columns.find((column) => column.id === id) as Column);
    if (query.groupBy && query.groupBy.length > 0) {
      return [
        ...query.groupBy.map(byId),
        ...(query.aggregates ?? []).map(
          (aggregate): Column => ({
            id: aggregateName(aggregate),
            type:
              aggregate.fn === 'count'
                ? 'integer'
                : aggregate.fn === 'avg'
                  ? 'decimal'
                  : byId(aggregate.column ?? '_id').type,
            sourceType: 'DOUBLE',
            label: null,
            description: null,
          }),
        ),
      ];
    }
    return query.select.map(byId);
  }

  return {
    /** The table of a resource the actor may read: its columns and size (not where its file is). */
    readableTable: async (actor: Actor, resourceId: string): Promise<Table> =>
      (await tables.readable(actor, resourceId)).table,

    /**
     * Which of these resources have a table that can be queried now (CKAN's datastore_active). The
     * caller has already read the resources: this says nothing about any other.
     */
    activeResources: (resourceIds: readonly string[]): Promise<Set<string>> => repo.withTables(resourceIds),

    /** The aliases of a resource's table (CKAN's datastore_info meta.aliases). */
    aliasesOf: (resourceId: string): Promise<string[]> => repo.aliasesOf(resourceId),

    /** The table of a resource the actor may edit (403 for a reader, "not found" for others). */
    editableTable: async (actor: Actor, resourceId: string): Promise<Table> =>
      (await tables.editable(actor, resourceId)).table,

    /**
     * datastore_search_sql: one read-only query on the tables it names (by resource id), among
     * those the caller may read; everything else is invisible to it (see sql-sandbox.duckdb.ts).
     */
    async sql(actor: Actor, sql: string): Promise<DatastoreRows> {
      if (sql.length > 20_000) {
        throw new ValidationError([
          { path: 'sql', code: 'too_long', message: localized('requête trop longue', 'query too long') },
        ]);
      }
      const ids = [
        ...new Set(
          sql.toLowerCase().match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? [],
        ),
      ];
      // Tables named by an alias, in double quotes ("permis-2024").
      const quoted = [...sql.matchAll(/"((?:[^"]|"")+)"/g)].map((match) =>
        (match[1] as string).replace(/""/g, '"'),
      );
      const aliases = await repo.aliasTargets(
        [...new Set(quoted.filter((name) => !isUuid(name)))].slice(0, 20),
      );
      const named: SandboxTable[] = [];
      for (const [alias, id] of aliases) {
        const open = await tables.readable(actor, id).catch(() => null);
        if (open)
          named.push({
            name: alias,
            file: open.file,
            columns: open.table.columns.map((column) => column.id),
          });
      }
      for (const id of ids) {
        const open = await tables.readable(actor, id).catch(() => null);
        if (open)
          named.push({ name: id, file: open.file, columns: open.table.columns.map((column) => column.id) });
      }
      try {
        const result = await sqlRuns.run(() =>
          runSandboxed(
            sql,
            named,
            { timeoutMs: deps.sqlTimeoutMs, maxRows: ROWS_MAX, maxBytes: ANSWER_MAX_BYTES },
            [path.dirname(deps.root), process.cwd(), os.homedir(), os.tmpdir()],
          ),
        );
        const columns = result.columns.map(
          (column): Column => ({
            id: column.id,
            type: columnType(column.duckType),
            sourceType: column.duckType,
            label: null,
            description: null,
          }),
        );
        return {
          columns,
          rows: result.rows.map((row) =>
            row.map((value, index) => jsonValue(columns[index] as Column, value)),
          ),
          total: null,
          truncated: result.truncated,
        };
      } catch (error) {
        if (error instanceof LoadFailure)
          throw new ValidationError([{ path: 'sql', code: 'invalid', message: error.detail.message }]);
        throw error;
      }
    },

    /**
     * GET /resources/{id}/data: a page of rows (keyset on `_id` without a sort, offset with one;
     * the cursor is opaque and has no limit on how far it goes).
     */
    async query(
      actor: Actor,
      resourceId: string,
      params: Record<string, string | string[]>,
      page: ({ limit: number; cursor: string | null } | { limit: number; offset: number }) & {
        count: boolean;
      },
    ) {
      const { table, file } = await tables.readable(actor, resourceId);
      const query = restQuery(table, file, params);
      const byOffset = 'offset' in page;
      const keyset = !byOffset && query.sort.length === 0 && !query.groupBy;
      const cursor = 'offset' in page ? { offset: page.offset } : decodeCursor(page.cursor);
      if (keyset && cursor.afterId !== undefined) query.afterId = cursor.afterId;
      const offset = keyset ? 0 : (cursor.offset ?? 0);
      const columns = outputColumns(table, query);
      const connection = await deps.duck.connect();
      try {
        const { rows: raw, truncated } = await readRowsBounded(
          connection,
          rowsStatement(query, { limit: page.limit + 1, offset }),
          { maxRows: page.limit, maxBytes: ANSWER_MAX_BYTES },
        );
        const more = truncated;
        const rows = raw.map((row) => row.map((value, index) => jsonValue(columns[index] as Column, value)));
        const total = page.count
          ? Number((await readRows(connection, countStatement(query)))[0]?.[0] ?? 0)
          : null;
        const lastId =
          rows.length > 0 ? Number(raw[rows.length - 1]?.[query.select.indexOf('_id')]) : undefined;
        const next = !more
          ? null
          : keyset && query.select.includes('_id') && lastId !== undefined
            ? encodeCursor({ afterId: lastId })
            : encodeCursor({ offset: offset + rows.length });
        return { columns, rows, total, next };
      } finally {
        connection.closeSync();
      }
    },

    /**
     * Every row a query selects, for streamed downloads (CSV, JSON Lines, GeoJSON): its columns at
     * once (access and the query are checked before the first byte), then the rows in batches.
     */
    async export(
      actor: Actor,
      resourceId: string,
      params: Record<string, string | string[]>,
      limit: number | null = null,
    ): Promise<{
      columns: Column[];
      batches: AsyncGenerator<unknown[][]>;
      names: { dataset: string; resource: string };
    }> {
      const { table, file } = await tables.readable(actor, resourceId);
      const query = restQuery(table, file, params);
      const all = outputColumns(table, query);
      // The row number is the table's, not the data's: left out unless `select` names it.
      const selected = [params.select ?? ''].flat().join(',').split(',').includes('_id');
      const kept = all.flatMap((column, index) => (column.id === '_id' && !selected ? [] : [index]));
      const columns = kept.map((index) => all[index] as Column);
      const page = limit === null ? null : { limit, offset: 0 };
      async function* batches(): AsyncGenerator<unknown[][]> {
        const connection = await deps.duck.connect();
        try {
          for await (const rows of streamRows(connection, rowsStatement(query, page))) {
            yield rows.map((row) => kept.map((index) => jsonValue(all[index] as Column, row[index])));
          }
        } finally {
          connection.closeSync();
        }
      }
      const { dataset, resource } = await deps.catalog.resources.get(actor, resourceId);
      // A resource named after its file: the name without the file's extension.
      const filename = resource.upload?.filename ?? '';
      const named = resource.name.fr ?? filename;
      const resourceName = named === filename ? filename.replace(/\.[^.]+$/, '') : named;
      return { columns, batches: batches(), names: { dataset: dataset.name, resource: resourceName } };
    },

    /** A Parquet file of the query's rows (the stored file itself when nothing is filtered). */
    async parquet(
      actor: Actor,
      resourceId: string,
      params: Record<string, string | string[]>,
      scratch: string,
    ): Promise<string> {
      const { table, file } = await tables.readable(actor, resourceId);
      const filtered = Object.keys(params).some((key) => key !== 'format');
      // A loaded table is one Parquet file, sent as it is; an API table's segments are joined.
      if (!filtered && !storesIds(file)) return file;
      const query = restQuery(table, file, params);
      const connection = await deps.duck.connect();
      try {
        await copyToParquet(connection, rowsStatement(query, null), scratch);
        return scratch;
      } finally {
        connection.closeSync();
      }
    },

    /** The resource's latest load (progress or failure) and its table, for the publisher and the API. */
    async status(actor: Actor, resourceId: string): Promise<{ load: Load | null; table: Table | null }> {
      await deps.catalog.resources.get(actor, resourceId);
      const [load, table] = await Promise.all([repo.latestLoad(resourceId), repo.table(resourceId)]);
      return { load, table };
    },

    /**
     * Every row a CKAN-style search selects (CKAN's /datastore/dump), streamed in batches: its
     * columns at once (access and the query are checked before the first byte), then the rows.
     */
    async searchExport(
      actor: Actor,
      request: Omit<DatastoreSearch, 'limit' | 'offset' | 'includeTotal'>,
      page: { limit: number | null; offset: number },
    ): Promise<{ columns: Column[]; batches: AsyncGenerator<unknown[][]> }> {
      const { table, file } = await tables.readable(actor, request.resourceId);
      const query = ckanQuery(table, file, { ...request, limit: 0, offset: 0, includeTotal: false });
      const columns = outputColumns(table, query);
      const statement = rowsStatement(
        query,
        page.limit === null && page.offset === 0
          ? null
          : { limit: page.limit ?? Number.MAX_SAFE_INTEGER, offset: page.offset },
      );
      async function* batches(): AsyncGenerator<unknown[][]> {
        const connection = await deps.duck.connect();
        try {
          for await (const rows of streamRows(connection, statement)) {
            yield rows.map((row) => row.map((value, index) => jsonValue(columns[index] as Column, value)));
          }
        } finally {
          connection.closeSync();
        }
      }
      return { columns, batches: batches() };
    },

    async search(actor: Actor, request: DatastoreSearch): Promise<DatastoreRows> {
      const { table, file } = await tables.readable(actor, request.resourceId);
      const query = ckanQuery(table, file, request);
      const connection = await deps.duck.connect();
      try {
        const page = { limit: Math.min(request.limit, ROWS_MAX), offset: request.offset };
        const { rows, truncated } = await readRowsBounded(connection, rowsStatement(query, page), {
          maxRows: page.limit,
          maxBytes: ANSWER_MAX_BYTES,
        });
        const selected = outputColumns(table, query);
        let total: number | null = null;
        if (request.includeTotal) {
          const unfiltered =
            Object.keys(query.equals).length === 0 && query.contains.length === 0 && !query.distinct;
          total = unfiltered
            ? table.rowCount
            : Number((await readRows(connection, countStatement(query)))[0]?.[0] ?? 0);
        }
        return {
          columns: selected,
          rows: rows.map((row) => row.map((value, index) => jsonValue(selected[index] as Column, value))),
          total,
          truncated,
        };
      } finally {
        connection.closeSync();
      }
    },
  };
}

export type DatastoreService = ReturnType<typeof createDatastoreService>;
