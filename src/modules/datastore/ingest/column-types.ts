import type { ColumnType } from '../datastore.types.js';

/** Our column type for a DuckDB type (what the data dictionary and the filters speak). */
export function columnType(duckType: string): ColumnType {
  const type = duckType.toUpperCase();
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/.test(type))
    return 'integer';
  if (/^(FLOAT|DOUBLE|REAL|DECIMAL)/.test(type)) return 'decimal';
  if (type === 'BOOLEAN') return 'boolean';
  if (type === 'DATE') return 'date';
  if (type.startsWith('TIMESTAMP')) return 'timestamp';
  if (type === 'VARCHAR') return 'text';
  if (type === 'TIME') return 'text';
  return 'json';
}

/** The DuckDB type a dictionary type asks a column to be read as. */
export const DUCK_TYPE_OF: Record<ColumnType, string> = {
  integer: 'BIGINT',
  decimal: 'DOUBLE',
  boolean: 'BOOLEAN',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
  text: 'VARCHAR',
  json: 'JSON',
};
