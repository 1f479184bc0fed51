import type { Db, Queryable } from '../../platform/db/index.js';
import type { EditionError } from './import/edition-failure.js';

export interface EditionRow {
  id: string;
  publishedOn: string;
  source: string;
  state: 'loading' | 'done' | 'failed';
  step: string | null;
  progress: { rows: number } | null;
  counts: Record<string, number> | null;
  /** Seconds per step of the import (extract, parquet, diff, load, index, swap). */
  timings: Record<string, number> | null;
  error: EditionError | null;
  isCurrent: boolean;
  startedAt: Date;
  finishedAt: Date | null;
}

/** A table of the current edition, its columns in load order, and how each text value is cast. */
export const EDITION_TABLES = {
  enterprises: {
    columns: [
      ['neq', 'text'],
      ['name', 'text'],
      ['status', 'text'],
      ['status_on', 'date'],
      ['legal_form', 'text'],
      ['regime', 'text'],
      ['registered_on', 'date'],
      ['employees', 'text'],
      ['activity_code', 'text'],
      ['activity', 'text'],
      ['address', 'text'],
      ['municipality', 'text'],
      ['postal_code', 'text'],
      ['bankrupt', 'boolean'],
      ['constituted_on', 'date'],
      ['constitution_place', 'text'],
      ['name_updated_on', 'date'],
    ],
    indexes: [
      'PRIMARY KEY (neq)',
      'INDEX (status)',
      'INDEX (legal_form)',
      'INDEX (municipality)',
      'INDEX (activity_code)',
      'INDEX (registered_on)',
      'INDEX (name, neq)',
    ],
  },
  names: {
    columns: [
      ['neq', 'text'],
      ['name', 'text'],
      ['name_key', 'text'],
      ['foreign_name', 'text'],
      ['status', 'text'],
      ['type', 'text'],
      ['start_on', 'date'],
      ['end_on', 'date'],
    ],
    indexes: [
      'INDEX (neq)',
      'INDEX (name_key text_pattern_ops)',
      "INDEX USING gin (to_tsvector('simple', name_key))",
      'INDEX USING gin (name_key gin_trgm_ops)',
    ],
  },
  establishments: {
    columns: [
      ['neq', 'text'],
      ['suffix', 'integer'],
      ['principal', 'boolean'],
      ['name', 'text'],
      ['address', 'text'],
      ['municipality', 'text'],
      ['postal_code', 'text'],
      ['activity_code', 'text'],
      ['activity', 'text'],
    ],
    indexes: ['PRIMARY KEY (neq, suffix)'],
  },
  relations: {
    columns: [
      ['neq', 'text'],
      ['related_neq', 'text'],
      ['related_name', 'text'],
      ['kind', 'text'],
      ['effective_on', 'date'],
    ],
    indexes: ['INDEX (neq)', 'INDEX (related_neq)'],
  },
  continuations: {
    columns: [
      ['neq', 'text'],
      ['change_type', 'text'],
      ['regime', 'text'],
      ['other_regime', 'text'],
      ['locality', 'text'],
      ['effective_on', 'date'],
    ],
    indexes: ['INDEX (neq)'],
  },
  words: {
    columns: [
      ['word', 'text'],
      ['names', 'integer'],
    ],
    indexes: ['PRIMARY KEY (word)', 'INDEX USING gist (word gist_trgm_ops)'],
  },
  codes: {
    columns: [
      ['domain', 'text'],
      ['code', 'text'],
      ['label', 'text'],
    ],
    indexes: ['PRIMARY KEY (domain, code)'],
  },
} as const;
export type EditionTable = keyof typeof EDITION_TABLES;

/** How the Registraire's files write « yes ». */
const BOOLEAN_TRUE = new Set(['O', 'true', '1']);

const EDITION_COLUMNS = `id, published_on::text AS "publishedOn", source, state, step, progress, counts, timings, error,
  is_current AS "isCurrent", started_at AS "startedAt", finished_at AS "finishedAt"`;

/** Editions, and the tables of the one being loaded (registry.<table>_next) until they are swapped in. */
export function createEditionRepo(db: Db) {
  return {
    async create(edition: { id: string; publishedOn: string; source: string }): Promise<void> {
      await db.query(
        `INSERT INTO registry.editions (id, published_on, source, state, step) VALUES ($1, $2, $3, 'loading', 'extract')`,
        [edition.id, edition.publishedOn, edition.source],
      );
    },

    async bySource(source: string): Promise<EditionRow | null> {
      const rows = await db.query<EditionRow>(
        `SELECT ${EDITION_COLUMNS} FROM registry.editions WHERE source = $1 ORDER BY started_at DESC LIMIT 1`,
        [source],
      );
      return rows[0] ?? null;
    },

    async current(): Promise<EditionRow | null> {
      const rows = await db.query<EditionRow>(
        `SELECT ${EDITION_COLUMNS} FROM registry.editions WHERE is_current`,
      );
      return rows[0] ?? null;
    },

    async list(): Promise<EditionRow[]> {
      return db.query<EditionRow>(
        `SELECT ${EDITION_COLUMNS} FROM registry.editions ORDER BY published_on DESC, started_at DESC`,
      );
    },

    async step(id: string, step: string, rows = 0): Promise<void> {
      await db.query(`UPDATE registry.editions SET step = $2, progress = $3 WHERE id = $1`, [
        id,
        step,
        JSON.stringify({ rows }),
      ]);
    },

    /** The steps done after the swap: their timings kept with the others. */
    async finishedSteps(id: string, timings: Record<string, number>): Promise<void> {
      await db.query(`UPDATE registry.editions SET step = NULL, timings = $2 WHERE id = $1`, [
        id,
        JSON.stringify(timings),
      ]);
    },

    /** A step after the swap failed: the edition stays done and current, with the error kept. */
    async afterSwapFailed(id: string, error: EditionError): Promise<void> {
      await db.query(`UPDATE registry.editions SET step = NULL, error = $2 WHERE id = $1`, [
        id,
        JSON.stringify(error),
      ]);
    },

    async failed(id: string, error: EditionError): Promise<void> {
      await db.query(
        `UPDATE registry.editions SET state = 'failed', error = $2, finished_at = now() WHERE id = $1`,
        [id, JSON.stringify(error)],
      );
    },

    /** Empty registry.<table>_next tables, without their indexes (they are built after the load). */
    async createNextTables(): Promise<void> {
      for (const table of Object.keys(EDITION_TABLES)) {
        await db.exec(
          `DROP TABLE IF EXISTS registry.${table}_next; CREATE TABLE registry.${table}_next (LIKE registry.${table} INCLUDING DEFAULTS)`,
        );
      }
    },

    /**
     * Rows (text values, in the table's column order) appended with COPY: an empty value is NULL,
     * a boolean is true for « O », « true » or « 1 »; other values are read by their column's type.
     */
    async copyNext(table: EditionTable, batches: AsyncIterable<(string | null)[][]>): Promise<number> {
      const columns = EDITION_TABLES[table].columns;
      const booleans = columns.map(([, type]) => type === 'boolean');
      async function* converted() {
        for await (const batch of batches) {
          yield batch.map((row) =>
            columns.map((_, index) => {
              const value = row[index] ?? null;
              if (value === null || value === '') return null;
              if (booleans[index]) return BOOLEAN_TRUE.has(value) ? 't' : 'f';
              return value;
            }),
          );
        }
      }
      return db.copyRows(
        `registry.${table}_next`,
        columns.map(([name]) => name),
        converted(),
      );
    },

    async indexNextTables(): Promise<void> {
      for (const [table, { indexes }] of Object.entries(EDITION_TABLES)) {
        for (const index of indexes) {
          if (index.startsWith('PRIMARY KEY')) {
            await db.exec(`ALTER TABLE registry.${table}_next ADD ${index}`);
          } else {
            await db.exec(`CREATE ${index.replace(/^INDEX/, `INDEX ON registry.${table}_next`)}`);
          }
        }
        await db.exec(`ANALYZE registry.${table}_next`);
      }
    },

    /** Puts the loaded edition in place of the current one, with its changes, in one transaction. */
    async swapIn(
      id: string,
      counts: Record<string, number>,
      timings: Record<string, number>,
      record: (tx: Queryable) => Promise<void>,
    ): Promise<void> {
      await db.transaction(async (tx) => {
        for (const table of Object.keys(EDITION_TABLES)) {
          await tx.exec(
            `DROP TABLE registry.${table}; ALTER TABLE registry.${table}_next RENAME TO ${table}`,
          );
        }
        await record(tx);
        await tx.query('UPDATE registry.editions SET is_current = false WHERE is_current');
        await tx.query(
          `UPDATE registry.editions SET state = 'done', step = NULL, is_current = true, counts = $2, timings = $3,
             finished_at = now() WHERE id = $1`,
          [id, JSON.stringify(counts), JSON.stringify(timings)],
        );
      });
    },

    async insertChanges(tx: Queryable, editionId: string, rows: (string | null)[][]): Promise<void> {
      if (rows.length === 0) return;
      await tx.query(
        `INSERT INTO registry.changes (edition_id, neq, kind, details)
         SELECT $1, neq, kind, details::jsonb FROM unnest($2::text[], $3::text[], $4::text[]) AS t(neq, kind, details)`,
        [editionId, rows.map((row) => row[0]), rows.map((row) => row[1]), rows.map((row) => row[2] ?? null)],
      );
    },
  };
}

export type EditionRepo = ReturnType<typeof createEditionRepo>;
