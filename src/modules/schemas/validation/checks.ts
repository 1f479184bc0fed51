import { quoteIdentifier, quoteLiteral } from '../../../platform/duckdb/index.js';
import type { Localized } from '../../../platform/i18n/index.js';
import { asList, type Field, type FieldType, type TableSchema } from './table-schema.js';

/** A check the validator runs: a SQL condition true on the rows that break it. */
export interface RowCheck {
  /** The kind of error, as the report counts them. */
  type: string;
  /** The column it concerns (the first one of a key). */
  field: string;
  /** True on a row that breaks the check (over the table of text values `t`). */
  invalid: string;
  /**
   * For checks across rows (keys): a query of the `rowid`s that break it, run once into a
   * temporary table (instead of `invalid` in the counting pass); `needed` first tells cheaply
   * whether any row can break it.
   */
  rows?: { query: string; needed?: string };
  /** The expression whose value the report shows. */
  value: string;
  /** The sentence of the report, given the count and the first example. */
  message: (count: number, row: number, value: string) => Localized;
}

const q = quoteIdentifier;
const lit = quoteLiteral;
const rows = (n: number) => ({
  fr: n === 1 ? '1 ligne ne l’est pas' : `${n} lignes ne le sont pas`,
  en: n === 1 ? '1 row is not' : `${n} rows are not`,
});

/** What a value of each type looks like, in words (the report's sentences). */
const TYPE_WORDS: Record<string, Localized> = {
  integer: { fr: 'un nombre entier', en: 'a whole number' },
  number: { fr: 'un nombre', en: 'a number' },
  boolean: { fr: 'un booléen (true ou false)', en: 'a boolean (true or false)' },
  date: { fr: 'une date au format AAAA-MM-JJ', en: 'a date in the YYYY-MM-DD format' },
  time: { fr: 'une heure au format HH:MM:SS', en: 'a time in the HH:MM:SS format' },
  datetime: { fr: 'une date et heure ISO 8601', en: 'an ISO 8601 date and time' },
  year: { fr: 'une année (AAAA)', en: 'a year (YYYY)' },
  yearmonth: { fr: 'un mois au format AAAA-MM', en: 'a month in the YYYY-MM format' },
  duration: { fr: 'une durée ISO 8601 (P1Y2M…)', en: 'an ISO 8601 duration (P1Y2M…)' },
  geopoint: { fr: 'un point « lat, lon »', en: 'a "lat, lon" point' },
  geojson: { fr: 'un objet GeoJSON', en: 'a GeoJSON object' },
  object: { fr: 'un objet JSON', en: 'a JSON object' },
  array: { fr: 'un tableau JSON', en: 'a JSON array' },
  email: { fr: 'une adresse courriel', en: 'an email address' },
  uri: { fr: 'une adresse URI', en: 'a URI' },
  uuid: { fr: 'un UUID', en: 'a UUID' },
  binary: { fr: 'du base64', en: 'base64' },
};

/** strptime's directives for a Table Schema date/time `format` (Python's, as the spec says). */
function strptimeFormat(field: Field): string | null {
  const type = field.type;
  const format = field.format ?? 'default';
  if (format === 'any') return null;
  if (format !== 'default') return format;
  if (type === 'date') return '%Y-%m-%d';
  if (type === 'time') return '%H:%M:%S';
  return null;
}

/** The SQL test that a text value `v` is a valid value of the field's type (and format). */
export function typeTest(field: Field, v: string): string | null {
  const type: FieldType = field.type ?? 'string';
  switch (type) {
    case 'string':
      if (field.format === 'email') return `regexp_full_match(${v}, '[^@\\s]+@[^@\\s]+\\.[^@\\s]+')`;
      if (field.format === 'uri') return `regexp_full_match(${v}, '[A-Za-z][A-Za-z0-9+.-]*:\\S+')`;
      if (field.format === 'uuid')
        return `regexp_full_match(${v}, '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}')`;
      if (field.format === 'binary') return `regexp_full_match(${v}, '[A-Za-z0-9+/]*={0,2}')`;
      return null;
    // Casts where they say exactly what the spec says (much cheaper than a regular expression);
    // spaces around a value are refused first (a cast would forgive them).
    case 'integer':
      return `${v} = trim(${v}) AND try_cast(${numberText(field, v)} AS HUGEINT) IS NOT NULL AND NOT contains(${v}, '.')`;
    case 'number':
      return `${v} = trim(${v}) AND (try_cast(${numberText(field, v)} AS DOUBLE) IS NOT NULL OR regexp_full_match(${numberText(field, v)}, '[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?%'))`;
    case 'boolean': {
      const values = [
        ...(field.trueValues ?? ['true', 'True', 'TRUE', '1']),
        ...(field.falseValues ?? ['false', 'False', 'FALSE', '0']),
      ];
      return `${v} IN (${values.map(lit).join(', ')})`;
    }
    case 'date':
    case 'time': {
      const format = strptimeFormat(field);
      if (format === '%Y-%m-%d') return `length(${v}) = 10 AND try_cast(${v} AS DATE) IS NOT NULL`;
      return format
        ? `try_strptime(${v}, ${lit(format)}) IS NOT NULL`
        : `try_cast(${v} AS ${type === 'date' ? 'DATE' : 'TIME'}) IS NOT NULL`;
    }
    case 'datetime': {
      const format =
        field.format && field.format !== 'default' && field.format !== 'any' ? field.format : null;
      return format
        ? `try_strptime(${v}, ${lit(format)}) IS NOT NULL`
        : `regexp_full_match(${v}, '[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:?[0-9]{2})?') AND try_cast(replace(regexp_replace(${v}, '(Z|[+-][0-9]{2}:?[0-9]{2})$', ''), 'T', ' ') AS TIMESTAMP) IS NOT NULL`;
    }
    case 'year':
      return `length(${v}) = 4 AND try_cast(${v} AS USMALLINT) IS NOT NULL`;
    case 'yearmonth':
      return `regexp_full_match(${v}, '[0-9]{4}-(0[1-9]|1[0-2])')`;
    case 'duration':
      return `regexp_full_match(${v}, 'P(?:[0-9]+(?:\\.[0-9]+)?Y)?(?:[0-9]+(?:\\.[0-9]+)?M)?(?:[0-9]+(?:\\.[0-9]+)?W)?(?:[0-9]+(?:\\.[0-9]+)?D)?(?:T(?:[0-9]+(?:\\.[0-9]+)?H)?(?:[0-9]+(?:\\.[0-9]+)?M)?(?:[0-9]+(?:\\.[0-9]+)?S)?)?') AND ${v} <> 'P' AND NOT ${v} LIKE '%T'`;
    case 'geopoint':
      if (field.format === 'array' || field.format === 'object') return `json_valid(${v})`;
      return `regexp_full_match(${v}, '\\s*[+-]?[0-9]+(\\.[0-9]+)?\\s*,\\s*[+-]?[0-9]+(\\.[0-9]+)?\\s*') AND abs(try_cast(trim(split_part(${v}, ',', 1)) AS DOUBLE)) <= 90 AND abs(try_cast(trim(split_part(${v}, ',', 2)) AS DOUBLE)) <= 180`;
    case 'geojson':
    case 'object':
      return `json_valid(${v}) AND json_type(${v}::JSON) = 'OBJECT'`;
    case 'array':
      return `json_valid(${v}) AND json_type(${v}::JSON) = 'ARRAY'`;
    default:
      return null;
  }
}

/** A number's text without its group character, with `.` as decimal point. */
function numberText(field: Field, v: string): string {
  let text = v;
  if (field.groupChar) text = `replace(${text}, ${lit(field.groupChar)}, '')`;
  if (field.decimalChar && field.decimalChar !== '.')
    text = `replace(${text}, ${lit(field.decimalChar)}, '.')`;
  if (field.bareNumber === false) text = `regexp_replace(${text}, '^[^0-9+.-]+|[^0-9%.]+$', '', 'g')`;
  return text;
}

/** The value cast to its type, for comparisons (NULL when it is not valid). */
export function typed(field: Field, v: string): string {
  switch (field.type) {
    case 'integer':
    case 'number':
      return `try_cast(${numberText(field, v).replace(/%'?$/, '')} AS DOUBLE)`;
    case 'date':
    case 'time':
    case 'datetime': {
      const format = strptimeFormat(field);
      const cast = field.type === 'date' ? 'DATE' : field.type === 'time' ? 'TIME' : 'TIMESTAMP';
      return format
        ? `try_cast(try_strptime(${v}, ${lit(format)}) AS ${cast})`
        : `try_cast(replace(${v}, 'T', ' ') AS ${cast})`;
    }
    case 'year':
      return `try_cast(${v} AS INTEGER)`;
    default:
      return v;
  }
}

const bound = (field: Field, value: string | number) =>
  typeof value === 'number' ? String(value) : field.type === 'year' ? value : `${typed(field, lit(value))}`;

/** The checks of one field: its type, then each constraint. `v` is its text with missing values as NULL. */
export function fieldChecks(field: Field, v: string): RowCheck[] {
  const checks: RowCheck[] = [];
  const name = field.name;
  const c = field.constraints ?? {};
  const words = TYPE_WORDS[field.format && field.type === 'string' ? field.format : (field.type ?? 'string')];
  const test = typeTest(field, v);
  const example = (row: number, value: string) => ({
    fr: `dont la ligne ${row} : « ${value} »`,
    en: `for instance row ${row}: "${value}"`,
  });
  const sentence = (fr: string, en: string) => (n: number, row: number, value: string) => {
    const e = example(row, value);
    const r = rows(n);
    return {
      fr: `La colonne « ${name} » ${fr} : ${r.fr}, ${e.fr}.`,
      en: `Column "${name}" ${en}: ${r.en}, ${e.en}.`,
    };
  };
  if (test && words)
    checks.push({
      type: 'type-error',
      field: name,
      invalid: `${v} IS NOT NULL AND NOT (${test})`,
      value: v,
      message: sentence(
        `doit contenir ${words.fr}${field.format && field.format !== 'default' && field.type !== 'string' ? ` (format ${field.format})` : ''}`,
        `must hold ${words.en}${field.format && field.format !== 'default' && field.type !== 'string' ? ` (format ${field.format})` : ''}`,
      ),
    });
  const valid = test ? `(${test})` : 'true';
  if (c.required)
    checks.push({
      type: 'required-error',
      field: name,
      invalid: `${v} IS NULL`,
      value: `''`,
      message: (n, row) => ({
        fr: `La colonne « ${name} » est obligatoire : ${n === 1 ? '1 ligne est vide' : `${n} lignes sont vides`}, dont la ligne ${row}.`,
        en: `Column "${name}" is required: ${n === 1 ? '1 row is empty' : `${n} rows are empty`}, for instance row ${row}.`,
      }),
    });
  if (c.minLength !== undefined)
    checks.push({
      type: 'constraint-error',
      field: name,
      invalid: `length(${v}) < ${c.minLength}`,
      value: v,
      message: sentence(
        `doit avoir au moins ${c.minLength} caractères`,
        `must be at least ${c.minLength} characters long`,
      ),
    });
  if (c.maxLength !== undefined)
    checks.push({
      type: 'constraint-error',
      field: name,
      invalid: `length(${v}) > ${c.maxLength}`,
      value: v,
      message: sentence(
        `doit avoir au plus ${c.maxLength} caractères`,
        `must be at most ${c.maxLength} characters long`,
      ),
    });
  const compare = (
    key: 'minimum' | 'maximum' | 'exclusiveMinimum' | 'exclusiveMaximum',
    op: string,
    fr: string,
    en: string,
  ) => {
    const limit = c[key];
    if (limit === undefined) return;
    checks.push({
      type: 'constraint-error',
      field: name,
      invalid: `${v} IS NOT NULL AND ${valid} AND ${typed(field, v)} ${op} ${bound(field, limit)}`,
      value: v,
      message: sentence(`${fr} ${limit}`, `${en} ${limit}`),
    });
  };
  compare('minimum', '<', 'doit valoir au moins', 'must be at least');
  compare('maximum', '>', 'doit valoir au plus', 'must be at most');
  compare('exclusiveMinimum', '<=', 'doit être supérieure à', 'must be greater than');
  compare('exclusiveMaximum', '>=', 'doit être inférieure à', 'must be less than');
  if (c.pattern)
    checks.push({
      type: 'constraint-error',
      field: name,
      invalid: `${v} IS NOT NULL AND NOT regexp_full_match(${v}, ${lit(c.pattern)})`,
      value: v,
      message: sentence(`doit suivre le motif ${c.pattern}`, `must match the pattern ${c.pattern}`),
    });
  if (c.enum && c.enum.length > 0) {
    const numeric = field.type === 'integer' || field.type === 'number';
    const list = c.enum
      .map((item) => (numeric && typeof item === 'number' ? String(item) : lit(String(item))))
      .join(', ');
    const shown = c.enum.slice(0, 8).join(', ') + (c.enum.length > 8 ? '…' : '');
    checks.push({
      type: 'constraint-error',
      field: name,
      invalid: numeric
        ? `${v} IS NOT NULL AND ${valid} AND ${typed(field, v)} NOT IN (${list})`
        : `${v} IS NOT NULL AND ${v} NOT IN (${list})`,
      value: v,
      message: sentence(`doit prendre une des valeurs ${shown}`, `must be one of ${shown}`),
    });
  }
  return checks;
}

/** A column of the table as text with missing values as NULL (of the table named `alias`, if given). */
export function missingAsNull(schema: TableSchema, field: Field, alias?: string): string {
  const missing = field.missingValues ?? schema.missingValues ?? [''];
  const column = alias ? `${alias}.${q(field.name)}` : q(field.name);
  if (missing.length === 0) return column;
  return `(CASE WHEN ${column} IN (${missing.map(lit).join(', ')}) THEN NULL ELSE ${column} END)`;
}

export const keyFields = (schema: TableSchema) => asList(schema.primaryKey);
