import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../../platform/db/index.js';
import type { Duck } from '../../../platform/duckdb/index.js';
import { quoteLiteral } from '../../../platform/duckdb/index.js';
import { createEditionRepo, type EditionRow, type EditionTable } from '../edition.repo.js';
import { nameKey } from '../name-key.js';
import type { ReqFile } from '../req-format.js';
import { EditionFailure, editionFailure } from './edition-failure.js';
import { diffEditions, editionToParquet, parquetOf, streamRows } from './edition-files.duckdb.js';
import { extractEdition } from './unzip.js';

const BATCH = 10_000;

/** How each table of the edition is read from the Registraire's columns (DuckDB SQL, all text). */
const SELECTS: Record<EditionTable, { file: ReqFile; select: string }> = {
  enterprises: {
    file: 'enterprises',
    select: `NEQ, NULL, COD_STAT_IMMAT, DAT_STAT_IMMAT, COD_FORME_JURI, COD_REGIM_JURI, DAT_IMMAT, COD_INTVAL_EMPLO_QUE,
      COD_ACT_ECON_CAE, DESC_ACT_ECON_ASSUJ, ADR_DOMCL_LIGN1_ADR, regexp_replace(ADR_DOMCL_LIGN2_ADR, ' \\([^)]*\\)$', ''),
      ADR_DOMCL_LIGN4_ADR, IND_FAIL, DAT_CONSTI, NOM_LOCLT_CONSTI, DAT_MAJ_INDEX_NOM`,
  },
  names: {
    file: 'names',
    select: `NEQ, NOM_ASSUJ, NULL, NOM_ASSUJ_LANG_ETRNG, STAT_NOM, TYP_NOM_ASSUJ, DAT_INIT_NOM_ASSUJ, DAT_FIN_NOM_ASSUJ`,
  },
  establishments: {
    file: 'establishments',
    select: `NEQ, NO_SUF_ETAB, IND_ETAB_PRINC, NOM_ETAB, LIGN1_ADR, regexp_replace(LIGN2_ADR, ' \\([^)]*\\)$', ''), LIGN4_ADR,
      COD_ACT_ECON, DESC_ACT_ECON_ETAB`,
  },
  relations: { file: 'mergers', select: 'NEQ, NEQ_ASSUJ_REL, DENOMN_SOC, COD_RELA_ASSUJ, DAT_EFCTVT' },
  continuations: {
    file: 'continuations',
    select: 'NEQ, COD_TYP_CHANG, COD_REGIM_JURI, AUTR_REGIM_JURI, NOM_LOCLT, DAT_EFCTVT',
  },
  codes: { file: 'codes', select: 'TYP_DOM_VAL, COD_DOM_VAL, VAL_DOM_FRAN' },
};

/**
 * Imports an edition of the Registraire's open data: the ZIP's six files are checked and turned
 * into Parquet, compared with the current edition (the changes), loaded into registry.*_next
 * tables and swapped in with the changes in one transaction. Until then the current edition
 * serves readers; an import cut short is simply run again.
 */
export function createRegistryImport(deps: { db: Db; duck: Duck; root: string }) {
  const repo = createEditionRepo(deps.db);
  const editionsDir = path.join(deps.root, 'editions');

  async function load(editionId: string, directory: string): Promise<void> {
    const connection = await deps.duck.connect();
    try {
      for (const [table, { file, select }] of Object.entries(SELECTS) as [
        EditionTable,
        (typeof SELECTS)[EditionTable],
      ][]) {
        await repo.step(editionId, `load:${table}`);
        const sql =
          table === 'enterprises'
            ? withCurrentNames(directory)
            : `SELECT ${select} FROM read_parquet(${quoteLiteral(parquetOf(directory, file))})`;
        let batch: (string | null)[][] = [];
        let rows = 0;
        for await (const chunk of streamRows(connection, sql)) {
          for (const row of chunk as (string | null)[][]) {
            if (table === 'names') row[2] = nameKey(row[1] ?? '');
            batch.push(row);
          }
          if (batch.length >= BATCH) {
            await repo.insertNext(table, batch);
            rows += batch.length;
            batch = [];
            if (rows % (BATCH * 20) === 0) await repo.step(editionId, `load:${table}`, rows);
          }
        }
        await repo.insertNext(table, batch);
      }
    } finally {
      connection.closeSync();
    }
  }

  /** The enterprises with their current name (a join DuckDB does before the rows leave it). */
  function withCurrentNames(directory: string): string {
    const select = SELECTS.enterprises.select.replace('NEQ, NULL,', 'e.NEQ, n.name,');
    return `SELECT ${select} FROM read_parquet(${quoteLiteral(parquetOf(directory, 'enterprises'))}) e
      LEFT JOIN (SELECT NEQ, min(NOM_ASSUJ) AS name FROM read_parquet(${quoteLiteral(parquetOf(directory, 'names'))})
        WHERE TYP_NOM_ASSUJ = 'N' AND coalesce(DAT_FIN_NOM_ASSUJ, '') = '' GROUP BY NEQ) n ON n.NEQ = e.NEQ`;
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
      try {
        const csv = await extractEdition(zipPath, work);
        await repo.step(id, 'parquet');
        const connection = await deps.duck.connect();
        let changes = 0;
        let counts: Record<string, number>;
        const previous = await repo.current();
        try {
          counts = await editionToParquet(connection, csv, directory);
          await rm(work, { recursive: true, force: true });
          if (previous) {
            await repo.step(id, 'diff');
            changes = await diffEditions(connection, path.join(editionsDir, previous.id), directory);
          }
        } finally {
          connection.closeSync();
        }
        await repo.createNextTables();
        await load(id, directory);
        await repo.step(id, 'index');
        await repo.indexNextTables();
        await repo.step(id, 'swap');
        const changeRows = previous ? await readChanges(directory) : [];
        await repo.swapIn(id, { ...counts, changes }, async (tx) => {
          for (let start = 0; start < changeRows.length; start += BATCH) {
            await repo.insertChanges(tx, id, changeRows.slice(start, start + BATCH));
          }
        });
        await removeOldEditions(id);
        return (await repo.bySource(source)) as EditionRow;
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
    },
  };

  async function readChanges(directory: string): Promise<(string | null)[][]> {
    const connection = await deps.duck.connect();
    try {
      const rows: (string | null)[][] = [];
      const sql = `SELECT neq, kind, details FROM read_parquet(${quoteLiteral(parquetOf(directory, 'changes'))})`;
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

export type RegistryImport = ReturnType<typeof createRegistryImport>;

function sha256(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}
