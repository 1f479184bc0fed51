import { quoteIdentifier } from '../../../platform/duckdb/index.js';
import type { RowCheck } from './checks.js';

/**
 * Checks registered by name where Table Schema falls short, as Validata does:
 * `"custom_checks": [{"name": "code-postal-canadien", "params": {"column": "cp"}}]`.
 */
type CustomCheck = (params: Record<string, unknown>) => RowCheck[];

const column = (params: Record<string, unknown>, key = 'column'): string => {
  const value = params[key];
  if (typeof value !== 'string' || !value) throw new Error(`parameter "${key}" is required`);
  return value;
};
const text = (name: string) => `NULLIF(trim(${quoteIdentifier(name)}), '')`;

export const CUSTOM_CHECKS: Record<string, CustomCheck> = {
  /** A Canadian postal code (A1A 1A1, the space optional). */
  'code-postal-canadien': (params) => {
    const name = column(params);
    return [
      {
        type: 'custom-error',
        field: name,
        invalid: `${text(name)} IS NOT NULL AND NOT regexp_full_match(upper(${text(name)}), '[ABCEGHJ-NPRSTVXY][0-9][ABCEGHJ-NPRSTV-Z] ?[0-9][ABCEGHJ-NPRSTV-Z][0-9]')`,
        value: text(name),
        message: (n, row, value) => ({
          fr: `La colonne « ${name} » doit contenir un code postal canadien (A1A 1A1) : ${n} ligne(s) n’en ont pas, dont la ligne ${row} : « ${value} ».`,
          en: `Column "${name}" must hold a Canadian postal code (A1A 1A1): ${n} row(s) do not, for instance row ${row}: "${value}".`,
        }),
      },
    ];
  },
  /** A Québec enterprise number: ten digits, starting with 1, 2, 3 or 8 (NEQ). */
  neq: (params) => {
    const name = column(params);
    return [
      {
        type: 'custom-error',
        field: name,
        invalid: `${text(name)} IS NOT NULL AND NOT regexp_full_match(${text(name)}, '[1238][0-9]{9}')`,
        value: text(name),
        message: (n, row, value) => ({
          fr: `La colonne « ${name} » doit contenir un NEQ (dix chiffres) : ${n} ligne(s) n’en ont pas, dont la ligne ${row} : « ${value} ».`,
          en: `Column "${name}" must hold a NEQ (ten digits): ${n} row(s) do not, for instance row ${row}: "${value}".`,
        }),
      },
    ];
  },
  /** A point inside Québec's extent (latitude and longitude columns, WGS 84). */
  'coordonnees-quebec': (params) => {
    const lat = column(params, 'latitude');
    const lon = column(params, 'longitude');
    const la = `try_cast(${text(lat)} AS DOUBLE)`;
    const lo = `try_cast(${text(lon)} AS DOUBLE)`;
    return [
      {
        type: 'custom-error',
        field: lat,
        invalid: `${la} IS NOT NULL AND ${lo} IS NOT NULL AND NOT (${la} BETWEEN 44.9 AND 62.6 AND ${lo} BETWEEN -79.8 AND -57.1)`,
        value: `${text(lat)} || ', ' || ${text(lon)}`,
        message: (n, row, value) => ({
          fr: `Les colonnes « ${lat} » et « ${lon} » doivent situer un point au Québec : ${n} ligne(s) n’y sont pas, dont la ligne ${row} : « ${value} ».`,
          en: `Columns "${lat}" and "${lon}" must place a point in Québec: ${n} row(s) do not, for instance row ${row}: "${value}".`,
        }),
      },
    ];
  },
};
