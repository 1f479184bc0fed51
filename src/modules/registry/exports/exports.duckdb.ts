import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteLiteral } from '../../../platform/duckdb/index.js';
import { parquetOf } from '../import/edition-files.duckdb.js';

/**
 * The enterprises of an edition as the bulk files publish them: public columns only, with the
 * current name, in the file's order (the other names are in the names file). The open data
 * holds no person; neither do these files.
 */
export function enterprisesQuery(directory: string): string {
  const names = `read_parquet(${quoteLiteral(parquetOf(directory, 'names'))})`;
  return `SELECT e.NEQ AS neq, n.name, e.COD_STAT_IMMAT AS status, e.DAT_STAT_IMMAT AS status_on,
      e.COD_FORME_JURI AS legal_form, e.DAT_IMMAT AS registered_on, e.DAT_CONSTI AS constituted_on,
      e.COD_ACT_ECON_CAE AS activity_code, e.DESC_ACT_ECON_ASSUJ AS activity, e.COD_INTVAL_EMPLO_QUE AS employees,
      e.ADR_DOMCL_LIGN1_ADR AS address, regexp_replace(e.ADR_DOMCL_LIGN2_ADR, ' \\([^)]*\\)$', '') AS municipality,
      e.ADR_DOMCL_LIGN4_ADR AS postal_code
    FROM read_parquet(${quoteLiteral(parquetOf(directory, 'enterprises'))}) e
    LEFT JOIN (SELECT NEQ, min(NOM_ASSUJ) AS name FROM ${names}
      WHERE TYP_NOM_ASSUJ = 'N' AND coalesce(DAT_FIN_NOM_ASSUJ, '') = '' GROUP BY NEQ) n ON n.NEQ = e.NEQ`;
}

/** Every name of every enterprise, with its kind and period. */
export function namesQuery(directory: string): string {
  return `SELECT NEQ AS neq, NOM_ASSUJ AS name, NOM_ASSUJ_LANG_ETRNG AS name_other_language, STAT_NOM AS status,
      TYP_NOM_ASSUJ AS type, DAT_INIT_NOM_ASSUJ AS start_on, DAT_FIN_NOM_ASSUJ AS end_on
    FROM read_parquet(${quoteLiteral(parquetOf(directory, 'names'))})`;
}

/** A query's rows as Parquet, then the same rows as CSV (UTF-8, with a header). */
export async function writeQueryFiles(
  connection: DuckDBConnection,
  query: string,
  files: { csv: string; parquet: string },
): Promise<void> {
  await connection.run(
    `COPY (${query}) TO ${quoteLiteral(files.parquet)} (FORMAT parquet, COMPRESSION zstd)`,
  );
  await connection.run(
    `COPY (SELECT * FROM read_parquet(${quoteLiteral(files.parquet)})) TO ${quoteLiteral(files.csv)} (FORMAT csv, HEADER true)`,
  );
}

/** A CSV the change log was written to, as Parquet too. */
export async function csvToParquet(
  connection: DuckDBConnection,
  csv: string,
  parquet: string,
): Promise<void> {
  await connection.run(
    `COPY (SELECT * FROM read_csv(${quoteLiteral(csv)}, header = true, all_varchar = true)) TO ${quoteLiteral(parquet)} (FORMAT parquet, COMPRESSION zstd)`,
  );
}
