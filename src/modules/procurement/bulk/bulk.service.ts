import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../../platform/db/index.js';
import { NotFoundError } from '../../../platform/http/errors.js';
import { xlsxStream } from '../../../platform/xlsx.js';
import type { ProcurementLinks } from '../links.js';
import type { JsonObject } from '../ocds/json.js';
import { packageJson } from '../packages.js';
import { createProcurementRepo } from '../procurement.repo.js';
import type { PublicationService } from '../publication.service.js';
import { flattenRows, TABLE_NAMES, TABLES, type TableName } from './flatten.js';
import { type Period, parsePeriod } from './periods.js';

/** The files of a period, as the catalog lists them. */
export const PERIOD_FILES = {
  'releases.json.gz': { type: 'application/gzip', format: 'JSON' },
  'records.json.gz': { type: 'application/gzip', format: 'JSON' },
  'releases.jsonl.gz': { type: 'application/gzip', format: 'JSONL' },
  'flat.xlsx': { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', format: 'XLSX' },
} as const;
export type PeriodFile = keyof typeof PERIOD_FILES;
export const PERIOD_FILE_NAMES = Object.keys(PERIOD_FILES) as PeriodFile[];

const PAGE = 2000;

export interface BulkFile {
  stream: Readable;
  contentType: string;
  fileName: string;
}

/**
 * Bulk files, written as they are read (a month of releases starts downloading at once and
 * never sits whole in memory): release and record packages and JSON Lines (gzipped) per month
 * or ISO week, the flattened spreadsheet (one sheet per array) per period, flattened CSV of
 * everything per table.
 */
export function createBulkService({
  db,
  links,
  publication,
}: {
  db: Db;
  links: ProcurementLinks;
  publication: PublicationService;
}) {
  const repo = createProcurementRepo(db);

  async function* releaseBodies(period: Period): AsyncGenerator<string> {
    let after = 0;
    for (;;) {
      const rows = await repo.releasePage({ afterSeq: after, limit: PAGE, from: period.from, to: period.to });
      for (const row of rows) yield row.body;
      if (rows.length < PAGE) return;
      after = Number(rows[rows.length - 1]?.seq);
    }
  }

  /** Records (compiled release text) in pages of PAGE, by ocid. */
  async function* compiledIn(period: Period | null): AsyncGenerator<{ ocid: string; compiled: string }[]> {
    let after = '';
    for (;;) {
      const rows = period
        ? await repo.recordsTouchedIn({ from: period.from, to: period.to, afterOcid: after, limit: PAGE })
        : await repo.recordPage({ afterOcid: after, limit: PAGE });
      if (rows.length > 0) yield rows;
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1]?.ocid ?? after;
    }
  }

  async function* releasePackage(period: Period): AsyncGenerator<string> {
    const [opening, closing] = packageJson(
      'releases',
      publication.metadata(links.bulk(period.name, 'releases.json.gz'), new Date().toISOString()),
      ['\u0000'],
    ).split('\u0000');
    yield opening as string;
    let first = true;
    for await (const body of releaseBodies(period)) {
      yield first ? body : `,${body}`;
      first = false;
    }
    yield closing as string;
  }

  async function* recordPackage(period: Period): AsyncGenerator<string> {
    const [opening, closing] = packageJson(
      'records',
      publication.metadata(links.bulk(period.name, 'records.json.gz'), new Date().toISOString()),
      ['\u0000'],
    ).split('\u0000');
    yield opening as string;
    let first = true;
    for await (const rows of compiledIn(period)) {
      const { records } = await publication.recordsJson(rows);
      yield `${first ? '' : ','}${records.join(',')}`;
      first = false;
    }
    yield closing as string;
  }

  async function* jsonLines(period: Period): AsyncGenerator<string> {
    for await (const body of releaseBodies(period)) yield `${body}\n`;
  }

  function spreadsheet(period: Period): Readable {
    async function* rowsOf(table: TableName): AsyncGenerator<unknown[][]> {
      for await (const rows of compiledIn(period))
        yield rows.flatMap((row) => flattenRows(table, JSON.parse(row.compiled) as JsonObject));
    }
    return xlsxStream(
      TABLE_NAMES.map((table) => ({ name: table, header: [...TABLES[table]], rows: rowsOf(table) })),
    );
  }

  async function* csvTable(table: TableName): AsyncGenerator<string> {
    yield stringify([[...TABLES[table]]]);
    for await (const rows of compiledIn(null)) {
      const cells = rows.flatMap((row) => flattenRows(table, JSON.parse(row.compiled) as JsonObject));
      if (cells.length > 0) yield stringify(cells);
    }
  }

  const gzip = (source: AsyncGenerator<string>) => Readable.from(source).pipe(createGzip());

  return {
    /** One file of a month ("2026-03") or week ("2026-W09"). */
    periodFile(periodName: string, file: string): BulkFile {
      const period = parsePeriod(periodName);
      if (!period || !(file in PERIOD_FILES)) throw new NotFoundError('bulk file', `${periodName}/${file}`);
      const name = `ocds-${period.name}-${file}`;
      const contentType = PERIOD_FILES[file as PeriodFile].type;
      switch (file as PeriodFile) {
        case 'releases.json.gz':
          return { stream: gzip(releasePackage(period)), contentType, fileName: name };
        case 'records.json.gz':
          return { stream: gzip(recordPackage(period)), contentType, fileName: name };
        case 'releases.jsonl.gz':
          return { stream: gzip(jsonLines(period)), contentType, fileName: name };
        case 'flat.xlsx':
          return { stream: spreadsheet(period), contentType, fileName: name };
      }
    },

    /** One flattened table of every record, as CSV. */
    tableFile(table: string): BulkFile {
      if (!(TABLE_NAMES as string[]).includes(table)) throw new NotFoundError('bulk table', table);
      return {
        stream: Readable.from(csvTable(table as TableName)),
        contentType: 'text/csv; charset=utf-8',
        fileName: `ocds-${table}.csv`,
      };
    },
  };
}

export type BulkService = ReturnType<typeof createBulkService>;
