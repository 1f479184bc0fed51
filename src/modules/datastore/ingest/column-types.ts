import type { Column, ColumnType } from '../datastore.types.js';

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

/**
 * The columns of a new load: what the publisher set in the dictionary carries over from the
 * previous table (labels, descriptions, chosen types, a reference binding whose date and name
 * columns still exist).
 */
export function carriedColumns(
  converted: { id: string; sourceType: string }[],
  previous: Column[],
  overrides: Record<string, ColumnType>,
): Column[] {
  const ids = new Set(converted.map((column) => column.id));
  return converted.map((column): Column => {
    const kept = previous.find((old) => old.id === column.id);
    const reference = kept?.reference;
    const bound =
      reference &&
      (!reference.asOfColumn || ids.has(reference.asOfColumn)) &&
      (!reference.nameColumn || ids.has(reference.nameColumn));
    return {
      id: column.id,
      type: columnType(column.sourceType),
      sourceType: column.sourceType,
      label: kept?.label ?? null,
      description: kept?.description ?? null,
      typeOverride: overrides[column.id] ?? null,
      ...(bound ? { reference } : {}),
    };
  });
}
