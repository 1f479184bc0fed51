import type { Duck } from '../../../platform/duckdb/index.js';
import { quoteIdentifier, quoteLiteral } from '../../../platform/duckdb/index.js';

export const CHECK_KINDS = ['unknown', 'retired', 'not_yet_valid', 'name_mismatch'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];
export const SAMPLES_PER_KIND = 20;

export interface CheckSample {
  row: number;
  value: string;
  date: string | null;
  name: string | null;
  official: string | null;
  successors: string[];
}

export interface CheckResult {
  rows: number;
  coded: number;
  counts: Record<CheckKind, number>;
  samples: Partial<Record<CheckKind, CheckSample[]>>;
}

/** A name folded in SQL as the reference module folds it (accents, case, punctuation, « st »). */
const fold = (expression: string) =>
  `regexp_replace(regexp_replace(regexp_replace(lower(strip_accents(${expression})), '[^a-z0-9]+', ' ', 'g'), '(^| )st( |$)', '\\1saint\\2', 'g'), '(^| )ste( |$)', '\\1sainte\\2', 'g')`;

/**
 * Checks a table's code column against a reference version's periods in one DuckDB pass: codes
 * no period holds (unknown), codes not valid on the row's date (retired since, or not yet valid),
 * and names that differ from the official one. Numeric codes are padded to the scheme's width
 * (a CSV's `01023` read as the number 1023).
 */
export async function checkColumn(
  duck: Duck,
  input: {
    table: string;
    column: string;
    reference: string;
    width: number | null;
    asOfColumn: string | null;
    nameColumn: string | null;
  },
): Promise<CheckResult> {
  const raw = `trim(CAST(${quoteIdentifier(input.column)} AS VARCHAR))`;
  const code = input.width
    ? `CASE WHEN regexp_full_match(${raw}, '[0-9]+') THEN lpad(${raw}, ${input.width}, '0') ELSE ${raw} END`
    : raw;
  const day = input.asOfColumn ? `TRY_CAST(${quoteIdentifier(input.asOfColumn)} AS DATE)` : 'NULL::DATE';
  const name = input.nameColumn ? `CAST(${quoteIdentifier(input.nameColumn)} AS VARCHAR)` : 'NULL::VARCHAR';
  const sql = `
    WITH source AS (
      SELECT file_row_number + 1 AS row, ${raw} AS value, ${code} AS code, ${day} AS day, ${name} AS name
      FROM read_parquet(${quoteLiteral(input.table)}, file_row_number = true)
    ),
    ref AS (
      SELECT code, name, ${fold('name')} AS folded, valid_from, valid_to, successors
      FROM read_parquet(${quoteLiteral(input.reference)})
    ),
    codes AS (
      SELECT code, min(valid_from) AS first_from, bool_or(valid_from IS NULL) AS since_origin,
        arg_max(successors, coalesce(valid_from, DATE '0001-01-01')) AS successors,
        arg_max(name, coalesce(valid_from, DATE '0001-01-01')) AS latest_name,
        arg_max(folded, coalesce(valid_from, DATE '0001-01-01')) AS latest_folded
      FROM ref GROUP BY code
    ),
    matched AS MATERIALIZED (
      SELECT s.row, s.value, s.day, s.name, c.code IS NOT NULL AS known, p.name AS valid_name,
        coalesce(p.name, c.latest_name) AS official, coalesce(p.folded, c.latest_folded) AS official_folded,
        c.successors, c.first_from, c.since_origin
      FROM source s
      LEFT JOIN codes c ON c.code = s.code
      -- Open ends as far dates: DuckDB keeps a hash join on the code (an OR here costs 40×).
      LEFT JOIN ref p ON p.code = s.code
        AND coalesce(p.valid_from, DATE '0001-01-01') <= coalesce(s.day, current_date)
        AND coalesce(s.day, current_date) < coalesce(p.valid_to, DATE '9999-12-31')
      WHERE s.value IS NOT NULL AND s.value <> ''
    ),
    flagged AS (
      SELECT row, value, day, name, official, successors,
        CASE WHEN NOT known THEN 'unknown'
             WHEN valid_name IS NULL AND NOT since_origin AND coalesce(day, current_date) < first_from THEN 'not_yet_valid'
             WHEN valid_name IS NULL THEN 'retired' END AS kind
      FROM matched
      UNION ALL
      -- Names folded only where they differ as written (the official ones are folded once).
      SELECT row, value, day, name, official, successors, 'name_mismatch'
      FROM matched
      WHERE known AND name IS NOT NULL AND name <> official AND ${fold('name')} <> official_folded
    )
    SELECT kind, count(*) OVER (PARTITION BY kind) AS total, row, value, CAST(day AS VARCHAR) AS day, name, official, successors
    FROM flagged WHERE kind IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY kind ORDER BY row) <= ${SAMPLES_PER_KIND}
    ORDER BY kind, row`;
  const connection = await duck.connect();
  try {
    const totals = (
      await connection.runAndReadAll(
        `SELECT count(*)::BIGINT AS rows, count(*) FILTER (WHERE ${raw} IS NOT NULL AND ${raw} <> '')::BIGINT AS coded
         FROM read_parquet(${quoteLiteral(input.table)})`,
      )
    ).getRowObjectsJS()[0] as { rows: bigint; coded: bigint };
    const rows = (await connection.runAndReadAll(sql)).getRowObjectsJS() as {
      kind: CheckKind;
      total: bigint;
      row: bigint;
      value: string;
      day: string | null;
      name: string | null;
      official: string | null;
      successors: string | null;
    }[];
    const result: CheckResult = {
      rows: Number(totals.rows),
      coded: Number(totals.coded),
      counts: { unknown: 0, retired: 0, not_yet_valid: 0, name_mismatch: 0 },
      samples: {},
    };
    for (const row of rows) {
      result.counts[row.kind] = Number(row.total);
      const samples = result.samples[row.kind] ?? [];
      result.samples[row.kind] = samples;
      samples.push({
        row: Number(row.row),
        value: row.value,
        date: row.day,
        name: row.name,
        official: row.official,
        successors: row.successors ? row.successors.split(' ') : [],
      });
    }
    return result;
  } finally {
    connection.closeSync();
  }
}
