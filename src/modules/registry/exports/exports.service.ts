import { createWriteStream } from 'node:fs';
import { mkdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../../platform/db/index.js';
import type { Duck } from '../../../platform/duckdb/index.js';
import { entityStatement, type Publication } from '../bods/statements.js';
import { createEditionRepo } from '../edition.repo.js';
import { streamRows } from '../import/edition-files.duckdb.js';
import { createRegistryRepo } from '../registry.repo.js';
import { csvToParquet, enterprisesQuery, namesQuery, writeQueryFiles } from './exports.duckdb.js';

/** The bulk files of the current edition. None holds a person. */
export const BULK_FILES = {
  'entreprises.csv': {
    type: 'text/csv; charset=utf-8',
    format: 'CSV',
    fr: 'Entreprises de l’édition (CSV)',
    en: 'Enterprises of the edition (CSV)',
  },
  'entreprises.parquet': {
    type: 'application/vnd.apache.parquet',
    format: 'Parquet',
    fr: 'Entreprises de l’édition (Parquet)',
    en: 'Enterprises of the edition (Parquet)',
  },
  'noms.csv': {
    type: 'text/csv; charset=utf-8',
    format: 'CSV',
    fr: 'Noms des entreprises, actuels et anciens, avec leurs périodes (CSV)',
    en: 'Names of the enterprises, current and former, with their periods (CSV)',
  },
  'noms.parquet': {
    type: 'application/vnd.apache.parquet',
    format: 'Parquet',
    fr: 'Noms des entreprises, actuels et anciens, avec leurs périodes (Parquet)',
    en: 'Names of the enterprises, current and former, with their periods (Parquet)',
  },
  'changements.csv': {
    type: 'text/csv; charset=utf-8',
    format: 'CSV',
    fr: 'Journal des changements entre éditions (CSV)',
    en: 'Log of the changes between editions (CSV)',
  },
  'changements.parquet': {
    type: 'application/vnd.apache.parquet',
    format: 'Parquet',
    fr: 'Journal des changements entre éditions (Parquet)',
    en: 'Log of the changes between editions (Parquet)',
  },
  'bods-entites.jsonl.gz': {
    type: 'application/gzip',
    format: 'JSON',
    fr: 'Déclarations d’entités BODS 0.4 (JSON Lines, gzip)',
    en: 'BODS 0.4 entity statements (JSON Lines, gzip)',
  },
} as const;
export type BulkFile = keyof typeof BULK_FILES;

const CHANGE_PAGE = 10_000;

/**
 * Writes the bulk files of an edition once it is in place (beside its Parquet files), and finds
 * the current edition's files for downloads.
 */
export function createBulkExportService(deps: {
  db: Db;
  duck: Duck;
  root: string;
  publisher: { name: string; url: string };
}) {
  const editions = createEditionRepo(deps.db);
  const repo = createRegistryRepo(deps.db);
  const exportsOf = (editionId: string) => path.join(deps.root, 'editions', editionId, 'exports');

  async function changeLog(file: string): Promise<void> {
    const out = createWriteStream(file);
    out.write(stringify([['seq', 'edition', 'neq', 'kind', 'details']]));
    for (let after = 0; ; ) {
      const page = await repo.changes({ after, limit: CHANGE_PAGE });
      if (page.length === 0) break;
      const text = stringify(
        page.map((change) => [
          change.seq,
          change.edition,
          change.neq,
          change.kind,
          change.details ? JSON.stringify(change.details) : '',
        ]),
      );
      if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      after = page[page.length - 1]?.seq ?? after;
    }
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  }

  async function bods(
    connection: Awaited<ReturnType<Duck['connect']>>,
    directory: string,
    file: string,
    publication: Publication,
  ) {
    async function* lines(): AsyncGenerator<string> {
      for await (const chunk of streamRows(connection, enterprisesQuery(directory))) {
        let text = '';
        for (const row of chunk as (string | null)[][]) {
          // The columns of enterprisesQuery, in its order.
          const at = (index: number) => row[index] ?? null;
          const statement = entityStatement(
            {
              neq: at(0) ?? '',
              name: at(1),
              status: at(2),
              statusOn: at(3),
              legalForm: at(4),
              registeredOn: at(5),
              constitutedOn: at(6),
              activityCode: at(7),
              activity: at(8),
              employees: at(9),
              address: at(10),
              municipality: at(11),
              postalCode: at(12),
              regime: null,
              bankrupt: null,
              constitutionPlace: null,
            },
            publication,
          );
          text += `${JSON.stringify(statement)}\n`;
        }
        yield text;
      }
    }
    await pipeline(Readable.from(lines()), createGzip(), createWriteStream(file));
  }

  return {
    /** Every bulk file of the edition, written under temporary names and then renamed. */
    async write(editionId: string, directory: string, editionDate: string): Promise<void> {
      const target = exportsOf(editionId);
      await mkdir(target, { recursive: true });
      const temporary = (file: BulkFile) => path.join(target, `.${file}`);
      const connection = await deps.duck.connect();
      try {
        await writeQueryFiles(connection, enterprisesQuery(directory), {
          csv: temporary('entreprises.csv'),
          parquet: temporary('entreprises.parquet'),
        });
        await writeQueryFiles(connection, namesQuery(directory), {
          csv: temporary('noms.csv'),
          parquet: temporary('noms.parquet'),
        });
        await changeLog(temporary('changements.csv'));
        await csvToParquet(connection, temporary('changements.csv'), temporary('changements.parquet'));
        await bods(connection, directory, temporary('bods-entites.jsonl.gz'), {
          publisherName: deps.publisher.name,
          publisherUrl: deps.publisher.url,
          editionDate,
        });
      } finally {
        connection.closeSync();
      }
      for (const file of Object.keys(BULK_FILES) as BulkFile[])
        await rename(temporary(file), path.join(target, file));
    },

    /** A bulk file of the current edition, when it is written. */
    async file(name: string): Promise<{ path: string; size: number; edition: string; type: string } | null> {
      if (!(name in BULK_FILES)) return null;
      const current = await editions.current();
      if (!current) return null;
      const file = path.join(exportsOf(current.id), name);
      const found = await stat(file).catch(() => null);
      return found
        ? { path: file, size: found.size, edition: current.id, type: BULK_FILES[name as BulkFile].type }
        : null;
    },
  };
}

export type BulkExportService = ReturnType<typeof createBulkExportService>;
