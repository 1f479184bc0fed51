/**
 * bench/validate: a 5-million-row CSV (15 fields: texts, codes with leading zeros, dates,
 * numbers, integers, booleans, emails, years, enums; 1 row in 1,000 breaks a constraint) checked
 * against a Table Schema using every constraint type (required, unique, minLength, maxLength,
 * minimum, maximum, pattern, enum, primaryKey, a foreign key to a reference set at the row's
 * date, a custom check), against DuckDB's plain scan of the same file (every column as text) in
 * the same run. Target (issue 18): < 10 s.
 *
 *   npm run bench:validate            # BENCH_VALIDATE_ROWS=5000000
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TableSchema } from '../src/modules/schemas/validation/table-schema.js';
import { validateCsv } from '../src/modules/schemas/validation/validate.duckdb.js';
import { openDuck } from '../src/platform/duckdb/index.js';

const ROWS = Number(process.env.BENCH_VALIDATE_ROWS ?? 5_000_000);

const SCHEMA: TableSchema = {
  fields: [
    { name: 'numero', type: 'string', constraints: { required: true, unique: true, pattern: 'P-[0-9]{7}' } },
    { name: 'code_mun', type: 'string', constraints: { required: true } },
    { name: 'date_depot', type: 'date', constraints: { minimum: '2000-01-01' } },
    { name: 'date_emission', type: 'date' },
    { name: 'montant', type: 'number', constraints: { minimum: 0, maximum: 10000000 } },
    { name: 'logements', type: 'integer', constraints: { minimum: 0, maximum: 500 } },
    {
      name: 'categorie',
      type: 'string',
      constraints: { enum: ['Résidentiel', 'Commercial', 'Industriel', 'Institutionnel'] },
    },
    {
      name: 'travaux',
      type: 'string',
      constraints: { enum: ['Construction', 'Rénovation', 'Démolition', 'Agrandissement'] },
    },
    { name: 'approuve', type: 'boolean' },
    { name: 'courriel', type: 'string', format: 'email' },
    { name: 'annee', type: 'year', constraints: { minimum: 2000 } },
    { name: 'adresse', type: 'string', constraints: { minLength: 5, maxLength: 120 } },
    { name: 'code_postal', type: 'string' },
    { name: 'superficie', type: 'number', constraints: { exclusiveMinimum: 0 } },
    { name: 'description', type: 'string', constraints: { maxLength: 500 } },
  ],
  primaryKey: 'numero',
  foreignKeys: [
    { fields: 'code_mun', reference: { resource: 'municipalites', fields: 'code', asOfField: 'date_depot' } },
  ],
  custom_checks: [{ name: 'code-postal-canadien', params: { column: 'code_postal' } }],
};

async function main(): Promise<void> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'quai-bench-validate-'));
  const duck = await openDuck({ tempDir: path.join(directory, 'duck') });
  try {
    const connection = await duck.connect();
    const codes = path.join(directory, 'codes.parquet');
    await connection.run(
      `COPY (SELECT lpad(CAST(i * 7 AS VARCHAR), 5, '0') AS code, 'Municipalité ' || i AS name, NULL::DATE AS valid_from, CASE WHEN i % 50 = 0 THEN DATE '2018-01-01' END AS valid_to FROM range(1300) t(i)) TO '${codes}' (FORMAT parquet)`,
    );
    const file = path.join(directory, 'permis.csv');
    let started = performance.now();
    await connection.run(
      `COPY (SELECT 'P-' || lpad(CAST(i AS VARCHAR), 7, '0') AS numero,
         CASE WHEN i % 1000 = 1 THEN '99999' ELSE lpad(CAST(((i * 7919) % 1300) * 7 AS VARCHAR), 5, '0') END AS code_mun,
         CASE WHEN i % 1000 = 2 THEN '31/02/2024' ELSE CAST(DATE '2010-01-01' + CAST(i % 5000 AS INTEGER) AS VARCHAR) END AS date_depot,
         CAST(DATE '2010-02-01' + CAST(i % 5000 AS INTEGER) AS VARCHAR) AS date_emission,
         CASE WHEN i % 1000 = 3 THEN '-5' ELSE CAST(round((i * 37) % 900000 + 0.25, 2) AS VARCHAR) END AS montant,
         CAST(i % 40 AS VARCHAR) AS logements,
         (['Résidentiel', 'Commercial', 'Industriel', 'Institutionnel'])[1 + i % 4] AS categorie,
         CASE WHEN i % 1000 = 4 THEN 'Autre' ELSE (['Construction', 'Rénovation', 'Démolition', 'Agrandissement'])[1 + (i * 3) % 4] END AS travaux,
         CASE WHEN i % 2 = 0 THEN 'true' ELSE 'false' END AS approuve,
         CASE WHEN i % 1000 = 5 THEN 'pas-un-courriel' ELSE 'demandeur' || i || '@exemple.qc.ca' END AS courriel,
         CAST(2010 + i % 14 AS VARCHAR) AS annee,
         i || ', rue des Érables' AS adresse,
         CASE WHEN i % 1000 = 6 THEN '12345' ELSE 'H2X 1Y' || (i % 10) END AS code_postal,
         CAST(10 + i % 500 AS VARCHAR) AS superficie,
         'Travaux n° ' || i AS description
       FROM range(${ROWS}) t(i)) TO '${file}' (FORMAT csv, HEADER true)`,
    );
    console.log(
      `generated ${ROWS.toLocaleString('en')} rows × 15 fields in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    started = performance.now();
    // Every value read (a count per column), as the validator must.
    await connection.run(
      `SELECT count(*), ${SCHEMA.fields.map((f) => `count("${f.name}")`).join(', ')} FROM read_csv('${file}', header = true, all_varchar = true)`,
    );
    const scan = (performance.now() - started) / 1000;
    connection.closeSync();
    started = performance.now();
    const report = await validateCsv(duck, file, SCHEMA, async (set) =>
      set === 'municipalites' ? { file: codes, width: 5, version: 'bench' } : null,
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `  DuckDB plain scan of the file (every column read as text and counted): ${scan.toFixed(2)} s`,
    );
    console.log(
      `  validation: ${seconds.toFixed(2)} s (target < 10 s), ${(seconds / scan).toFixed(1)}× the plain scan — ${report.rows.toLocaleString('en')} rows, ${report.errorCount.toLocaleString('en')} errors`,
    );
    console.log(
      `  errors by type: ${JSON.stringify(report.byType)}; seconds by step: ${JSON.stringify(report.timings)}`,
    );
    duck.close();
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
