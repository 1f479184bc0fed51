import { open } from 'node:fs/promises';
import type { Duck } from '../../../platform/duckdb/index.js';
import { quoteIdentifier, quoteLiteral } from '../../../platform/duckdb/index.js';
import type { Localized } from '../../../platform/i18n/index.js';
import { fieldChecks, keyFields, missingAsNull, type RowCheck } from './checks.js';
import { CUSTOM_CHECKS } from './custom-checks.js';
import { asList, type TableSchema } from './table-schema.js';

export const SAMPLES = 5;

export interface ReportError {
  type: string;
  field: string | null;
  count: number;
  message: Localized;
  samples: { row: number; value: string | null }[];
}

export interface ValidationReport {
  valid: boolean;
  rows: number;
  /** Rows in error, by kind of error and by column. */
  errorCount: number;
  byType: Record<string, number>;
  byField: Record<string, number>;
  errors: ReportError[];
  /** Seconds per step: reading the file, the counting pass, the keys, the examples. */
  timings: Record<string, number>;
}

/** Where a foreign key to a reference set is checked: the set's periods as Parquet. */
export type ReferenceResolver = (
  set: string,
) => Promise<{ file: string; width: number | null; version: string } | null>;

const q = quoteIdentifier;
const lit = quoteLiteral;

/**
 * Validates a CSV file against a Table Schema in DuckDB, on the values as written (every column
 * read as text: `01234` keeps its zero, a bad date is reported as written): the header against
 * the fields, then one pass counting every row check (types, formats, required, lengths, bounds,
 * patterns, enums, custom checks), the unique and primary keys, the foreign keys (the same table,
 * or a reference set of the portal, at each row's date when asked), then the first rows of each
 * error. Row numbers count data rows (1 = the first row after the header).
 */
export async function validateCsv(
  duck: Duck,
  file: string,
  schema: TableSchema,
  resolve: ReferenceResolver,
): Promise<ValidationReport> {
  const connection = await duck.connect();
  const table = `validation_${Math.random().toString(36).slice(2)}`;
  const timings: Record<string, number> = {};
  let started = performance.now();
  const step = (name: string) => {
    timings[name] = Math.round(performance.now() - started) / 1000;
    started = performance.now();
  };
  try {
    await connection.run(
      `CREATE TEMP TABLE ${table} AS SELECT * FROM read_csv(${lit(file)}, header = true, all_varchar = true, delim = ${lit(await delimiter(file))}, quote = '"', escape = '"')`,
    );
    const header = (await connection.runAndReadAll(`DESCRIBE ${table}`))
      .getRowObjectsJS()
      .map((row) => String(row.column_name));
    const errors: ReportError[] = [];
    const names = schema.fields.map((field) => field.name);
    for (const name of names.filter((n) => !header.includes(n)))
      errors.push({
        type: 'missing-label',
        field: name,
        count: 1,
        message: {
          fr: `La colonne « ${name} » du schéma manque dans le fichier.`,
          en: `Column "${name}" of the schema is missing from the file.`,
        },
        samples: [],
      });
    for (const name of header.filter((n) => !names.includes(n)))
      errors.push({
        type: 'extra-label',
        field: name,
        count: 1,
        message: {
          fr: `La colonne « ${name} » du fichier n’est pas dans le schéma.`,
          en: `Column "${name}" of the file is not in the schema.`,
        },
        samples: [],
      });
    const present = schema.fields.filter((field) => header.includes(field.name));
    const checks: RowCheck[] = present.flatMap((field) => fieldChecks(field, missingAsNull(schema, field)));
    for (const custom of schema.custom_checks ?? []) {
      const make = CUSTOM_CHECKS[custom.name];
      if (make) checks.push(...make(custom.params ?? {}).filter((check) => header.includes(check.field)));
    }
    const keyChecks = await keys(table, schema, header, resolve);
    checks.push(...keyChecks);

    step('read');
    const rowChecks = checks.filter((check) => !check.rows);
    // Checks across rows; whether one can fail at all is asked in the same pass (a count).
    const setChecks = checks.filter((check) => check.rows);
    const counts = (
      await connection.runAndReadAll(
        `SELECT count(*)::BIGINT AS rows${rowChecks.map((check, i) => `, count(*) FILTER (WHERE ${check.invalid})::BIGINT AS c${i}`).join('')}${setChecks.map((check, i) => (check.rows?.needed ? `, (${check.rows.needed}) AS n${i}` : '')).join('')} FROM ${table}`,
      )
    ).getRowObjectsJS()[0] as Record<string, bigint>;
    const found: { check: RowCheck; count: number; where: string }[] = rowChecks.map((check, i) => ({
      check,
      count: Number(counts[`c${i}`] ?? 0),
      where: check.invalid,
    }));
    step('rows');
    for (const [i, check] of setChecks.entries()) {
      const rows = check.rows as NonNullable<RowCheck['rows']>;
      if (rows.needed && !counts[`n${i}`]) continue;
      const bad = `${table}_bad${i}`;
      await connection.run(`CREATE TEMP TABLE ${bad} AS ${rows.query}`);
      const count = (
        await connection.runAndReadAll(`SELECT count(*)::BIGINT AS n FROM ${bad}`)
      ).getRowObjectsJS()[0]?.n;
      found.push({
        check,
        count: Number(count ?? 0),
        where: `rowid IN (SELECT rowid FROM ${bad} ORDER BY rowid LIMIT ${SAMPLES})`,
      });
    }
    step('keys');
    for (const { check, count, where } of found) {
      if (count === 0) continue;
      // The first rows in the file's order (the table keeps it; LIMIT stops the scan early).
      const samples = (
        await connection.runAndReadAll(
          `SELECT (rowid + 1)::BIGINT AS row, CAST(${check.value} AS VARCHAR) AS value FROM ${table} WHERE ${where} LIMIT ${SAMPLES}`,
        )
      )
        .getRowObjectsJS()
        .map((row) => ({ row: Number(row.row), value: row.value === null ? null : String(row.value) }))
        .sort((a, b) => a.row - b.row);
      const first = samples[0];
      errors.push({
        type: check.type,
        field: check.field,
        count,
        message: check.message(count, first?.row ?? 0, first?.value ?? ''),
        samples,
      });
    }
    step('examples');
    const byType: Record<string, number> = {};
    const byField: Record<string, number> = {};
    for (const error of errors) {
      byType[error.type] = (byType[error.type] ?? 0) + error.count;
      if (error.field) byField[error.field] = (byField[error.field] ?? 0) + error.count;
    }
    const errorCount = errors.reduce((sum, error) => sum + error.count, 0);
    return {
      valid: errorCount === 0,
      rows: Number(counts.rows ?? 0),
      errorCount,
      byType,
      byField,
      errors,
      timings,
    };
  } finally {
    await connection.run(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
    connection.closeSync();
  }
}

/** The delimiter of a CSV file: the commonest of , ; tab | in its first line (outside quotes). */
export async function delimiter(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const line = (buffer.subarray(0, bytesRead).toString('utf8').split(/\r?\n/)[0] ?? '').replace(
      /"[^"]*"/g,
      '',
    );
    const counts = [',', ';', '\t', '|'].map((d) => [d, line.split(d).length - 1] as const);
    const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
    return best[1] > 0 ? best[0] : ',';
  } finally {
    await handle.close();
  }
}

/** Unique fields, the primary key and foreign keys, as row checks over `table`. */
async function keys(
  table: string,
  schema: TableSchema,
  header: string[],
  resolve: ReferenceResolver,
): Promise<RowCheck[]> {
  const checks: RowCheck[] = [];
  const present = (name: string) => header.includes(name);
  // A column's text with the schema's missing values as NULL.
  const col = (name: string, alias?: string) => {
    const field = schema.fields.find((f) => f.name === name);
    return field ? missingAsNull(schema, field, alias) : alias ? `${alias}.${q(name)}` : q(name);
  };
  const value = (names: string[]) => names.map((name) => `coalesce(${col(name)}, '')`).join(` || ', ' || `);
  const filled = (names: string[], alias?: string) =>
    names.map((n) => `${col(n, alias)} IS NOT NULL`).join(' AND ');
  const tuple = (names: string[]) =>
    names.length === 1 ? col(names[0] as string) : `(${names.map((n) => col(n)).join(', ')})`;
  // The rows repeating a value (all but the first of each), only when a count says some do.
  const duplicates = (names: string[], orNull = false) => ({
    query: `SELECT rowid FROM ${table} WHERE ${orNull ? 'true' : filled(names)} QUALIFY ${orNull ? `NOT (${filled(names)}) OR ` : ''}row_number() OVER (PARTITION BY ${names.map((n) => col(n)).join(', ')} ORDER BY rowid) > 1`,
    needed: `count(*) FILTER (WHERE ${filled(names)}) > count(DISTINCT ${tuple(names)})${orNull ? ` OR count(*) FILTER (WHERE NOT (${filled(names)})) > 0` : ''}`,
  });
  for (const field of schema.fields.filter((f) => f.constraints?.unique && present(f.name)))
    checks.push({
      type: 'unique-error',
      field: field.name,
      invalid: 'false',
      rows: duplicates([field.name]),
      value: value([field.name]),
      message: (n, row, v) => ({
        fr: `La colonne « ${field.name} » doit avoir des valeurs uniques : ${n} ligne(s) répètent une valeur, dont la ligne ${row} : « ${v} ».`,
        en: `Column "${field.name}" must hold unique values: ${n} row(s) repeat a value, for instance row ${row}: "${v}".`,
      }),
    });
  const primary = keyFields(schema).filter(present);
  if (primary.length > 0) {
    const label = primary.join(', ');
    checks.push({
      type: 'primary-key',
      field: primary[0] as string,
      invalid: 'false',
      rows: duplicates(primary, true),
      value: value(primary),
      message: (n, row, v) => ({
        fr: `La clé primaire (${label}) doit être remplie et unique : ${n} ligne(s) ne le sont pas, dont la ligne ${row} : « ${v} ».`,
        en: `The primary key (${label}) must be filled and unique: ${n} row(s) are not, for instance row ${row}: "${v}".`,
      }),
    });
  }
  for (const key of schema.foreignKeys ?? []) {
    const fields = asList(key.fields).filter(present);
    const { resource, fields: targetFields, asOfField } = key.reference;
    const target = asList(targetFields);
    if (fields.length === 0) continue;
    const label = fields.join(', ');
    if (resource === '') {
      checks.push({
        type: 'foreign-key',
        field: fields[0] as string,
        invalid: 'false',
        rows: {
          query: `SELECT s.rowid FROM ${table} s ANTI JOIN (SELECT DISTINCT ${target.map((n, i) => `${col(n)} AS k${i}`).join(', ')} FROM ${table}) r ON ${fields.map((n, i) => `r.k${i} = ${col(n, 's')}`).join(' AND ')} WHERE ${filled(fields, 's')}`,
        },
        value: value(fields),
        message: (n, row, v) => ({
          fr: `Les valeurs de « ${label} » doivent exister dans « ${target.join(', ')} » : ${n} ligne(s) n’y sont pas, dont la ligne ${row} : « ${v} ».`,
          en: `Values of "${label}" must exist in "${target.join(', ')}": ${n} row(s) do not, for instance row ${row}: "${v}".`,
        }),
      });
      continue;
    }
    const set = await resolve(resource);
    if (!set) continue;
    const name = fields[0] as string;
    // Inside the join below, the file's table is `s`.
    const raw = `trim(${col(name, 's')})`;
    const code = set.width
      ? `CASE WHEN regexp_full_match(${raw}, '[0-9]+') THEN lpad(${raw}, ${set.width}, '0') ELSE ${raw} END`
      : raw;
    const asOf = asOfField && present(asOfField) ? `try_cast(s.${q(asOfField)} AS DATE)` : 'NULL::DATE';
    const periods = `read_parquet(${lit(set.file)})`;
    const at = `coalesce(${asOf}, current_date)`;
    checks.push({
      type: 'foreign-key',
      field: name,
      invalid: 'false',
      // A hash join on the code, open ends as far dates (an OR there would defeat it).
      rows: {
        query: `SELECT s.rowid FROM ${table} s ANTI JOIN ${periods} p ON p.code = ${code}
          AND coalesce(p.valid_from, DATE '0001-01-01') <= ${at} AND ${at} < coalesce(p.valid_to, DATE '9999-12-31')
          WHERE ${col(name, 's')} IS NOT NULL AND ${raw} <> ''`,
      },
      value: col(name),
      message: (n, row, v) => ({
        fr: `La colonne « ${name} » doit contenir un code valide de « ${resource} » (${set.version})${asOfField ? ` à la date de « ${asOfField} »` : ''} : ${n} ligne(s) n’en ont pas, dont la ligne ${row} : « ${v} ».`,
        en: `Column "${name}" must hold a valid code of "${resource}" (${set.version})${asOfField ? ` at the date in "${asOfField}"` : ''}: ${n} row(s) do not, for instance row ${row}: "${v}".`,
      }),
    });
  }
  return checks;
}
