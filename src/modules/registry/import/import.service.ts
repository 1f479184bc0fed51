import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../../platform/db/index.js';
import type { Duck } from '../../../platform/duckdb/index.js';
import { createEditionRepo, EDITION_TABLES, type EditionRow, type EditionTable } from '../edition.repo.js';
import type { BulkExportService } from '../exports/exports.service.js';
import { nameKey } from '../name-key.js';
import { EditionFailure, editionFailure } from './edition-failure.js';
import {
  changesQuery,
  diffEditions,
  editionToParquet,
  parquetOf,
  streamRows,
  tableRowsQuery,
} from './edition-files.duckdb.js';
import { extractEdition } from './unzip.js';

const BATCH = 10_000;

/**
 * Imports an edition of the Registraire's open data: the ZIP's six files are checked and turned
 * into Parquet, compared with the current edition (the changes), loaded into registry.*_next
 * tables and swapped in with the changes in one transaction. Until then the current edition
 * serves readers; an import cut short is simply run again.
 */
export function createEditionImportService(deps: {
  db: Db;
  duck: Duck;
  root: string;
  /** Writes the bulk files of an edition in place (after the swap: readers already have it). */
  exports: BulkExportService;
  /** Told once an edition is in place and its files written (the catalog lists them). */
  imported?: (edition: { id: string; publishedOn: string }) => Promise<void>;
}) {
  const repo = createEditionRepo(deps.db);
  const editionsDir = path.join(deps.root, 'editions');

  /** Every table of the edition into registry.*_next with COPY; the names' words counted on the way. */
  async function load(editionId: string, directory: string): Promise<void> {
    const connection = await deps.duck.connect();
    const words = new Map<string, number>();
    try {
      for (const table of Object.keys(EDITION_TABLES) as EditionTable[]) {
        if (table === 'words') continue;
        await repo.step(editionId, `load:${table}`);
        await repo.copyNext(table, batchesOf(table));
      }
      const vocabulary = [...words].map(([word, count]) => [word, String(count)]);
      await repo.copyNext(
        'words',
        (async function* () {
          for (let start = 0; start < vocabulary.length; start += BATCH)
            yield vocabulary.slice(start, start + BATCH);
        })(),
      );
    } finally {
      connection.closeSync();
    }

    /** The table's rows from the edition's Parquet file, in batches, progress shown as they go. */
    async function* batchesOf(table: Exclude<EditionTable, 'words'>): AsyncGenerator<(string | null)[][]> {
      let batch: (string | null)[][] = [];
      let rows = 0;
      for await (const chunk of streamRows(connection, tableRowsQuery(table, directory))) {
        for (const row of chunk as (string | null)[][]) {
          if (table === 'names') {
            const key = nameKey(row[1] ?? '');
            row[2] = key;
            // The vocabulary serves spelling: words of letters only (numbers are not misspelt).
            for (const word of new Set(key.split(' ')))
              if (/^[a-z]{3,}$/.test(word)) words.set(word, (words.get(word) ?? 0) + 1);
          }
          batch.push(row);
        }
        if (batch.length >= BATCH) {
          yield batch;
          rows += batch.length;
          batch = [];
          if (rows % (BATCH * 20) === 0) await repo.step(editionId, `load:${table}`, rows);
        }
      }
      if (batch.length > 0) yield batch;
    }
  }

  return {
    /**
     * Imports the ZIP (the same file twice is imported once). Returns the edition; a failure is
     * kept on it with the file and line, and the current edition stays.
     */
    async importEdition(zipPath: string, options: { publishedOn?: string } = {}): Promise<EditionRow> {
      const source = `sha256:${await sha256(zipPath)}`;
      const earlier = await repo.bySource(source);
      if (earlier?.state === 'done') return earlier;
      const id = randomUUID();
      const publishedOn =
        options.publishedOn ??
        /(\d{4}-\d{2}-\d{2})/.exec(path.basename(zipPath))?.[1] ??
        new Date().toISOString().slice(0, 10);
      await repo.create({ id, publishedOn, source });
      const directory = path.join(editionsDir, id);
      const work = path.join(directory, 'csv');
      await mkdir(work, { recursive: true });
      const timings: Record<string, number> = {};
      /** Runs one step of the import, shown on the edition while it runs and timed. */
      const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
        await repo.step(id, name);
        const started = performance.now();
        const result = await run();
        timings[name] = Math.round(performance.now() - started) / 1000;
        return result;
      };
      try {
        const csv = await step('extract', () => extractEdition(zipPath, work));
        const previous = await repo.current();
        const connection = await deps.duck.connect();
        let changes = 0;
        let counts: Record<string, number>;
        try {
          counts = await step('parquet', () => editionToParquet(connection, csv, directory));
          await rm(work, { recursive: true, force: true });
          if (previous) {
            const before = path.join(editionsDir, previous.id);
            if (!(await exists(parquetOf(before, 'enterprises')))) {
              throw editionFailure(
                `Les fichiers de l’édition en cours (${previous.publishedOn}) manquent dans DATA_DIR : les changements ne peuvent pas être calculés.`,
                `The files of the current edition (${previous.publishedOn}) are missing from DATA_DIR: the changes cannot be computed.`,
              );
            }
            changes = await step('diff', () => diffEditions(connection, before, directory));
          }
        } finally {
          connection.closeSync();
        }
        await step('load', async () => {
          await repo.createNextTables();
          await load(id, directory);
        });
        await step('index', () => repo.indexNextTables());
        const changeRows = previous ? await readChanges(directory) : [];
        await step('swap', () =>
          repo.swapIn(id, { ...counts, changes }, timings, async (tx) => {
            for (let start = 0; start < changeRows.length; start += BATCH) {
              await repo.insertChanges(tx, id, changeRows.slice(start, start + BATCH));
            }
          }),
        );
      } catch (error) {
        const detail =
          error instanceof EditionFailure
            ? error.detail
            : editionFailure(
                `L’import a échoué : ${(error as Error).message}`,
                `The import failed: ${(error as Error).message}`,
              ).detail;
        await repo.failed(id, detail);
        await rm(directory, { recursive: true, force: true });
        if (error instanceof EditionFailure) return (await repo.bySource(source)) as EditionRow;
        throw error;
      }
      // The edition is in place: what follows may fail without taking it back (the files are
      // written again by the next import; until then their downloads answer "not found").
      try {
        await removeOldEditions(id);
        await step('exports', () => deps.exports.write(id, directory, publishedOn));
        await repo.finishedSteps(id, timings);
        await deps.imported?.({ id, publishedOn });
      } catch (error) {
        await repo.afterSwapFailed(
          id,
          editionFailure(
            `L’édition est en place, mais ses fichiers en bloc n’ont pas pu être écrits : ${(error as Error).message}`,
            `The edition is in place, but its bulk files could not be written: ${(error as Error).message}`,
          ).detail,
        );
      }
      return (await repo.bySource(source)) as EditionRow;
    },
  };

  async function readChanges(directory: string): Promise<(string | null)[][]> {
    const connection = await deps.duck.connect();
    try {
      const rows: (string | null)[][] = [];
      const sql = changesQuery(directory);
      for await (const chunk of streamRows(connection, sql)) rows.push(...(chunk as (string | null)[][]));
      return rows;
    } finally {
      connection.closeSync();
    }
  }

  /** Keeps the files of the current edition (bulk downloads, the next comparison) and nothing older. */
  async function removeOldEditions(current: string): Promise<void> {
    for (const entry of await readdir(editionsDir)) {
      if (entry !== current) await rm(path.join(editionsDir, entry), { recursive: true, force: true });
    }
  }
}

export type EditionImportService = ReturnType<typeof createEditionImportService>;

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

function sha256(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}
