import type { Duck } from '../../../platform/duckdb/index.js';
import { quoteIdentifier, quoteLiteral } from '../../../platform/duckdb/index.js';
import { delimiter } from '../validation/validate.duckdb.js';

/** The columns a consolidated table adds after the schema's: where each row comes from. */
export const SOURCE_COLUMNS = ['source_organisation', 'source_jeu_de_donnees', 'source_ressource'] as const;

export interface ConsolidationInput {
  file: string;
  organization: string;
  dataset: string;
  resourceId: string;
}

const q = quoteIdentifier;
const lit = quoteLiteral;

/**
 * Merges member files that follow one schema into one CSV (`output`): the schema's columns in
 * its order, values as written (every column read as text; a column a file lacks is empty), then
 * the source columns. Returns the rows taken from each file, by resource id.
 */
export async function consolidateCsv(
  duck: Duck,
  fields: readonly string[],
  inputs: readonly ConsolidationInput[],
  output: string,
): Promise<Map<string, number>> {
  const connection = await duck.connect();
  const table = `consolidation_${Math.random().toString(36).slice(2)}`;
  try {
    const selects: string[] = [];
    for (const input of inputs) {
      const source = `read_csv(${lit(input.file)}, header = true, all_varchar = true, delim = ${lit(await delimiter(input.file))}, quote = '"', escape = '"')`;
      const header = new Set(
        (await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`))
          .getRowObjectsJS()
          .map((row) => String(row.column_name)),
      );
      const columns = fields.map((field) =>
        header.has(field) ? `${q(field)}::VARCHAR AS ${q(field)}` : `NULL::VARCHAR AS ${q(field)}`,
      );
      const from = [input.organization, input.dataset, input.resourceId].map(
        (value, i) => `${lit(value)} AS ${SOURCE_COLUMNS[i]}`,
      );
      selects.push(`SELECT ${[...columns, ...from].join(', ')} FROM ${source}`);
    }
    const empty = `SELECT ${[...fields, ...SOURCE_COLUMNS].map((field) => `NULL::VARCHAR AS ${q(field)}`).join(', ')} WHERE false`;
    await connection.run(
      `CREATE TEMP TABLE ${table} AS ${selects.length > 0 ? selects.join(' UNION ALL ') : empty}`,
    );
    const counts = (
      await connection.runAndReadAll(`SELECT source_ressource AS id, count(*) AS n FROM ${table} GROUP BY 1`)
    ).getRowObjectsJS();
    await connection.run(`COPY ${table} TO ${lit(output)} (FORMAT csv, HEADER true)`);
    return new Map(counts.map((row) => [String(row.id), Number(row.n)]));
  } finally {
    await connection.run(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
    connection.closeSync();
  }
}
