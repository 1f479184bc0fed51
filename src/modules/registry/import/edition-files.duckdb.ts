import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteLiteral } from '../../../platform/duckdb/index.js';
import type { EditionTable } from '../edition.repo.js';
import { REQ_FILES, type ReqFile, STRUCK_OFF_STATUSES } from '../req-format.js';
import { editionFailure } from './edition-failure.js';

/** Where an edition's files are kept as Parquet (the current one and the one before). */
export const parquetOf = (directory: string, key: ReqFile | 'changes') =>
  path.join(directory, `${key}.parquet`);

/**
 * Each CSV of the edition to Parquet, every column as text (the Registraire's values, as
 * published). A malformed line stops the import with the file and the line.
 */
export async function editionToParquet(
  connection: DuckDBConnection,
  csv: Record<ReqFile, string>,
  directory: string,
): Promise<Record<ReqFile, number>> {
  const counts = {} as Record<ReqFile, number>;
  for (const key of Object.keys(REQ_FILES) as ReqFile[]) {
    const columns = REQ_FILES[key].columns.map((column) => `${quoteLiteral(column)}: 'VARCHAR'`).join(', ');
    try {
      await connection.run(
        `COPY (SELECT * FROM read_csv(${quoteLiteral(csv[key])}, header = true, delim = ',', quote = '"', escape = '"',
           auto_detect = false, strict_mode = true, columns = {${columns}}))
         TO ${quoteLiteral(parquetOf(directory, key))} (FORMAT parquet, COMPRESSION snappy)`,
      );
    } catch (error) {
      const message = (error as Error).message;
      const line = Number(/CSV Error on Line: (\d+)/.exec(message)?.[1] ?? Number.NaN);
      const file = REQ_FILES[key].file;
      throw editionFailure(
        `${file} n’a pas pu être lu${Number.isFinite(line) ? ` (ligne ${line})` : ''} : ${message.split('\n')[0]}`,
        `${file} could not be read${Number.isFinite(line) ? ` (line ${line})` : ''}: ${message.split('\n')[0]}`,
        { file, ...(Number.isFinite(line) ? { line } : {}) },
      );
    }
    const reader = await connection.runAndReadAll(
      `SELECT count(*)::DOUBLE FROM read_parquet(${quoteLiteral(parquetOf(directory, key))})`,
    );
    counts[key] = Number(reader.getRowsJS()[0]?.[0] ?? 0);
  }
  return counts;
}

/**
 * What changed per enterprise between two editions, written as Parquet (neq, kind, details):
 * created, removed, struck off, reinstated, other status changes, legal form, current name,
 * domicile address, establishments opened or closed (for enterprises in both editions).
 */
export async function diffEditions(
  connection: DuckDBConnection,
  previous: string,
  next: string,
): Promise<number> {
  const file = (directory: string, key: ReqFile) =>
    `read_parquet(${quoteLiteral(parquetOf(directory, key))})`;
  const struck = STRUCK_OFF_STATUSES.map(quoteLiteral).join(', ');
  const currentName = (directory: string) =>
    `(SELECT NEQ, min(NOM_ASSUJ) AS name FROM ${file(directory, 'names')}
      WHERE TYP_NOM_ASSUJ = 'N' AND coalesce(DAT_FIN_NOM_ASSUJ, '') = '' GROUP BY NEQ)`;
  const address = (alias: string) =>
    `concat_ws(' | ', ${alias}.ADR_DOMCL_LIGN1_ADR, ${alias}.ADR_DOMCL_LIGN2_ADR, ${alias}.ADR_DOMCL_LIGN3_ADR, ${alias}.ADR_DOMCL_LIGN4_ADR)`;
  await connection.run(`
    COPY (
      WITH o AS (SELECT * FROM ${file(previous, 'enterprises')}),
           n AS (SELECT * FROM ${file(next, 'enterprises')}),
           both_ AS (SELECT o.NEQ, o.COD_STAT_IMMAT AS old_status, n.COD_STAT_IMMAT AS new_status,
                       o.COD_FORME_JURI AS old_form, n.COD_FORME_JURI AS new_form,
                       ${address('o')} AS old_address, ${address('n')} AS new_address
                     FROM o JOIN n ON o.NEQ = n.NEQ),
           oe AS (SELECT NEQ, NO_SUF_ETAB FROM ${file(previous, 'establishments')} WHERE NEQ IN (SELECT NEQ FROM both_)),
           ne AS (SELECT NEQ, NO_SUF_ETAB, NOM_ETAB FROM ${file(next, 'establishments')} WHERE NEQ IN (SELECT NEQ FROM both_))
      SELECT NEQ AS neq, 'created' AS kind, NULL::VARCHAR AS details FROM n WHERE NEQ NOT IN (SELECT NEQ FROM o)
      UNION ALL SELECT NEQ, 'removed', NULL FROM o WHERE NEQ NOT IN (SELECT NEQ FROM n)
      UNION ALL
      SELECT NEQ,
             CASE WHEN new_status IN (${struck}) AND coalesce(old_status, '') NOT IN (${struck}) THEN 'struck_off'
                  WHEN old_status IN (${struck}) AND new_status = 'IM' THEN 'reinstated'
                  ELSE 'status_changed' END,
             json_object('from', old_status, 'to', new_status)::VARCHAR
        FROM both_ WHERE old_status IS DISTINCT FROM new_status
      UNION ALL SELECT NEQ, 'form_changed', json_object('from', old_form, 'to', new_form)::VARCHAR
        FROM both_ WHERE old_form IS DISTINCT FROM new_form
      UNION ALL SELECT b.NEQ, 'renamed', json_object('from', a.name, 'to', c.name)::VARCHAR
        FROM both_ b JOIN ${currentName(previous)} a ON a.NEQ = b.NEQ JOIN ${currentName(next)} c ON c.NEQ = b.NEQ
        WHERE a.name IS DISTINCT FROM c.name
      UNION ALL SELECT NEQ, 'moved', json_object('from', old_address, 'to', new_address)::VARCHAR
        FROM both_ WHERE old_address IS DISTINCT FROM new_address
      UNION ALL SELECT ne.NEQ, 'establishment_added', json_object('suffix', ne.NO_SUF_ETAB, 'name', ne.NOM_ETAB)::VARCHAR
        FROM ne ANTI JOIN oe ON oe.NEQ = ne.NEQ AND oe.NO_SUF_ETAB = ne.NO_SUF_ETAB
      UNION ALL SELECT oe.NEQ, 'establishment_closed', json_object('suffix', oe.NO_SUF_ETAB)::VARCHAR
        FROM oe ANTI JOIN ne ON oe.NEQ = ne.NEQ AND oe.NO_SUF_ETAB = ne.NO_SUF_ETAB
      ORDER BY neq, kind
    ) TO ${quoteLiteral(parquetOf(next, 'changes'))} (FORMAT parquet, COMPRESSION snappy)`);
  const reader = await connection.runAndReadAll(
    `SELECT count(*)::DOUBLE FROM read_parquet(${quoteLiteral(parquetOf(next, 'changes'))})`,
  );
  return Number(reader.getRowsJS()[0]?.[0] ?? 0);
}

/** A query's rows in batches, as text (for loading them into the database). */
export async function* streamRows(connection: DuckDBConnection, sql: string): AsyncGenerator<unknown[][]> {
  const result = await connection.stream(sql);
  for await (const rows of result.yieldRowsJs()) yield rows as unknown[][];
}

/** How each table of the edition is read from the Registraire's columns (all text), in load order. */
const SELECTS: Record<Exclude<EditionTable, 'words'>, { file: ReqFile; select: string }> = {
  enterprises: {
    file: 'enterprises',
    select: `e.NEQ, n.name, COD_STAT_IMMAT, DAT_STAT_IMMAT, COD_FORME_JURI, COD_REGIM_JURI, DAT_IMMAT, COD_INTVAL_EMPLO_QUE,
      COD_ACT_ECON_CAE, DESC_ACT_ECON_ASSUJ, ADR_DOMCL_LIGN1_ADR, regexp_replace(ADR_DOMCL_LIGN2_ADR, ' \\([^)]*\\)$', ''),
      ADR_DOMCL_LIGN4_ADR, IND_FAIL, DAT_CONSTI, NOM_LOCLT_CONSTI, DAT_MAJ_INDEX_NOM`,
  },
  names: {
    file: 'names',
    select:
      'NEQ, NOM_ASSUJ, NULL, NOM_ASSUJ_LANG_ETRNG, STAT_NOM, TYP_NOM_ASSUJ, DAT_INIT_NOM_ASSUJ, DAT_FIN_NOM_ASSUJ',
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
 * The rows of one table of the edition, in its column order. Enterprises come with their
 * current name (a join DuckDB does before the rows leave it); names get their search key later.
 */
export function tableRowsQuery(table: Exclude<EditionTable, 'words'>, directory: string): string {
  const { file, select } = SELECTS[table];
  const source = `read_parquet(${quoteLiteral(parquetOf(directory, file))})`;
  if (table !== 'enterprises') return `SELECT ${select} FROM ${source}`;
  return `SELECT ${select} FROM ${source} e
    LEFT JOIN (SELECT NEQ, min(NOM_ASSUJ) AS name FROM read_parquet(${quoteLiteral(parquetOf(directory, 'names'))})
      WHERE TYP_NOM_ASSUJ = 'N' AND coalesce(DAT_FIN_NOM_ASSUJ, '') = '' GROUP BY NEQ) n ON n.NEQ = e.NEQ`;
}

/** The changes found between the previous edition and this one, in the feed's order. */
export function changesQuery(directory: string): string {
  return `SELECT neq, kind, details FROM read_parquet(${quoteLiteral(parquetOf(directory, 'changes'))}) ORDER BY neq, kind`;
}
