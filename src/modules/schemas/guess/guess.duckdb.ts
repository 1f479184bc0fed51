import type { Duck } from '../../../platform/duckdb/index.js';
import { quoteIdentifier, quoteLiteral } from '../../../platform/duckdb/index.js';
import type { Localized } from '../../../platform/i18n/index.js';
import type { Field, TableSchema } from '../validation/table-schema.js';
import { delimiter } from '../validation/validate.duckdb.js';

/** At most this many distinct values make a column a list of allowed values. */
export const ENUM_MAX = 12;

export interface SchemaGuess {
  descriptor: TableSchema;
  /** Why each field got its type and constraints, by field name. */
  notes: Record<string, Localized[]>;
  rows: number;
}

const q = quoteIdentifier;
const lit = quoteLiteral;
const INTEGER = '^-?[0-9]+$';
const NUMBER = '^-?[0-9]+([.][0-9]+)?([eE][-+]?[0-9]+)?$';
const DATE = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';
const DATETIME = '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})?$';
const CODE = '^[A-Z0-9][A-Z0-9-]*$';

interface Profile {
  n: number;
  distinct: number;
  notInteger: number;
  notNumber: number;
  notDate: number;
  notDatetime: number;
  notBoolean: number;
  leadingZero: number;
  negative: number;
  notDigits: number;
  notCode: number;
  minLength: number | null;
  maxLength: number | null;
  minYear: number | null;
  maxYear: number | null;
  values: string[] | null;
}

/**
 * Proposes a Table Schema for a CSV file from its values as written (every column read as text):
 * types by the Table Schema lexical forms (a column of digits with leading zeros is a code, kept
 * as text with a pattern), `required` when no value is missing, `unique` and a primary key,
 * an enumeration for columns with few distinct values, `minimum: 0` for counts and amounts
 * never negative. Each choice is explained.
 */
export async function guessSchema(duck: Duck, file: string): Promise<SchemaGuess> {
  const connection = await duck.connect();
  const table = `guess_${Math.random().toString(36).slice(2)}`;
  try {
    await connection.run(
      `CREATE TEMP TABLE ${table} AS SELECT * FROM read_csv(${lit(file)}, header = true, all_varchar = true, delim = ${lit(await delimiter(file))}, quote = '"', escape = '"')`,
    );
    const columns = (await connection.runAndReadAll(`DESCRIBE ${table}`))
      .getRowObjectsJS()
      .map((row) => String(row.column_name));
    const rows = Number(
      (await connection.runAndReadAll(`SELECT count(*)::BIGINT AS n FROM ${table}`)).getRowObjectsJS()[0]
        ?.n ?? 0,
    );
    const fields: Field[] = [];
    const notes: Record<string, Localized[]> = {};
    let primaryKey: string | null = null;
    for (const column of columns) {
      const v = `NULLIF(trim(${q(column)}), '')`;
      const not = (pattern: string) =>
        `count(*) FILTER (WHERE ${v} IS NOT NULL AND NOT regexp_full_match(${v}, ${lit(pattern)}))`;
      const profile = (
        await connection.runAndReadAll(
          `SELECT count(${v})::BIGINT AS n, count(DISTINCT ${v})::BIGINT AS "distinct",
             ${not(INTEGER)}::BIGINT AS "notInteger", ${not(NUMBER)}::BIGINT AS "notNumber",
             (count(*) FILTER (WHERE ${v} IS NOT NULL AND (NOT regexp_full_match(${v}, ${lit(DATE)}) OR TRY_CAST(${v} AS DATE) IS NULL)))::BIGINT AS "notDate",
             ${not(DATETIME)}::BIGINT AS "notDatetime",
             (count(*) FILTER (WHERE ${v} IS NOT NULL AND lower(${v}) NOT IN ('true', 'false')))::BIGINT AS "notBoolean",
             (count(*) FILTER (WHERE regexp_full_match(${v}, '^0[0-9]+$')))::BIGINT AS "leadingZero",
             (count(*) FILTER (WHERE regexp_full_match(${v}, '^-.*')))::BIGINT AS negative,
             ${not('^[0-9]+$')}::BIGINT AS "notDigits", ${not(CODE)}::BIGINT AS "notCode",
             min(length(${v}))::INTEGER AS "minLength", max(length(${v}))::INTEGER AS "maxLength",
             min(TRY_CAST(${v} AS BIGINT))::BIGINT AS "minYear", max(TRY_CAST(${v} AS BIGINT))::BIGINT AS "maxYear",
             CASE WHEN count(DISTINCT ${v}) <= ${ENUM_MAX} THEN list(DISTINCT ${v} ORDER BY ${v}) END AS "values"
           FROM ${table}`,
        )
      ).getRowObjectsJS()[0] as Record<string, unknown>;
      const p = Object.fromEntries(
        Object.entries(profile).map(([key, value]) => [
          key,
          typeof value === 'bigint'
            ? Number(value)
            : key === 'values' && value
              ? (value as unknown[]).map(String)
              : value,
        ]),
      ) as unknown as Profile;
      const { field, why } = guessField(column, p, rows);
      fields.push(field);
      notes[column] = why;
      if (!primaryKey && field.constraints?.unique && field.constraints.required) primaryKey = column;
    }
    const descriptor: TableSchema = { fields, ...(primaryKey ? { primaryKey } : {}) };
    if (primaryKey)
      (notes[primaryKey] as Localized[]).push({
        fr: 'Clé primaire proposée : la première colonne toujours remplie et sans doublon.',
        en: 'Proposed primary key: the first column always filled and without duplicates.',
      });
    return { descriptor, notes, rows };
  } finally {
    await connection.run(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
    connection.closeSync();
  }
}

function guessField(name: string, p: Profile, rows: number): { field: Field; why: Localized[] } {
  const why: Localized[] = [];
  const constraints: NonNullable<Field['constraints']> = {};
  let type: Field['type'] = 'string';
  if (p.n === 0) {
    why.push({ fr: 'Colonne vide : texte par défaut.', en: 'Empty column: text by default.' });
    return { field: { name, type: 'string' }, why };
  }
  const codeName = /code|^id$|^id_|_id$|numero|^no_/i.test(name);
  if (p.notDigits === 0 && (p.leadingZero > 0 || codeName)) {
    constraints.pattern = p.minLength === p.maxLength ? `[0-9]{${p.minLength}}` : '[0-9]+';
    why.push({
      fr: `${p.leadingZero > 0 ? `Des chiffres avec des zéros en tête (${p.leadingZero} valeurs)` : 'Des chiffres dans une colonne de codes'} : un code, gardé en texte avec le motif ${constraints.pattern}.`,
      en: `${p.leadingZero > 0 ? `Digits with leading zeros (${p.leadingZero} values)` : 'Digits in a column of codes'}: a code, kept as text with the pattern ${constraints.pattern}.`,
    });
  } else if (p.notInteger === 0) {
    const yearLike = /ann[eé]e|year|^an$/i.test(name) && (p.minYear ?? 0) >= 1000 && (p.maxYear ?? 0) <= 2999;
    type = yearLike ? 'year' : 'integer';
    why.push(
      yearLike
        ? { fr: 'Des années sur 4 chiffres.', en: 'Four-digit years.' }
        : { fr: 'Des nombres entiers.', en: 'Whole numbers.' },
    );
  } else if (p.notNumber === 0) {
    type = 'number';
    why.push({ fr: 'Des nombres (point décimal).', en: 'Numbers (decimal point).' });
  } else if (p.notDate === 0) {
    type = 'date';
    why.push({ fr: 'Des dates AAAA-MM-JJ valides.', en: 'Valid YYYY-MM-DD dates.' });
  } else if (p.notDatetime === 0) {
    type = 'datetime';
    why.push({ fr: 'Des dates et heures ISO 8601.', en: 'ISO 8601 date-times.' });
  } else if (p.notBoolean === 0) {
    type = 'boolean';
    why.push({ fr: 'Seulement true et false.', en: 'Only true and false.' });
  } else why.push({ fr: 'Du texte.', en: 'Text.' });

  if ((type === 'integer' || type === 'number') && p.negative === 0) {
    constraints.minimum = 0;
    why.push({ fr: 'Jamais négatif : minimum 0.', en: 'Never negative: minimum 0.' });
  }
  if (
    type === 'string' &&
    !constraints.pattern &&
    p.values &&
    p.values.length > 0 &&
    p.n >= 2 * p.values.length
  ) {
    constraints.enum = p.values;
    why.push({
      fr: `${p.values.length} valeurs distinctes seulement : la liste des valeurs permises.`,
      en: `Only ${p.values.length} distinct values: the list of allowed values.`,
    });
  } else if (
    type === 'string' &&
    !constraints.pattern &&
    p.notCode === 0 &&
    p.minLength === p.maxLength &&
    (p.maxLength ?? 0) > 1
  ) {
    constraints.pattern = `[A-Z0-9-]{${p.maxLength}}`;
    why.push({
      fr: `Des codes de ${p.maxLength} caractères (majuscules, chiffres, tirets) : le motif ${constraints.pattern}.`,
      en: `Codes of ${p.maxLength} characters (capitals, digits, hyphens): the pattern ${constraints.pattern}.`,
    });
  }
  if (p.n === rows) {
    constraints.required = true;
    why.push({ fr: 'Toujours remplie : obligatoire.', en: 'Always filled: required.' });
  }
  if (p.distinct === p.n && p.n >= 2 && (type === 'string' || type === 'integer') && !constraints.enum) {
    constraints.unique = true;
    why.push({ fr: 'Aucun doublon : valeurs uniques.', en: 'No duplicates: unique values.' });
  }
  const field: Field = { name, type };
  if (Object.keys(constraints).length > 0) field.constraints = constraints;
  return { field, why };
}
