import type { Column } from '../datastore/index.js';

/** CKAN's datastore type names (PostgreSQL's, as CKAN reports them). */
export const CKAN_TYPES: Record<Column['type'], string> = {
  integer: 'int',
  decimal: 'numeric',
  boolean: 'bool',
  date: 'date',
  timestamp: 'timestamp',
  text: 'text',
  json: 'json',
};

/** A column as CKAN's datastore lists it in `fields`: its id, its type, and its data dictionary entry. */
export function fieldOf(column: Column) {
  const info =
    column.label || column.description
      ? {
          info: {
            label: column.label?.fr ?? '',
            notes: column.description?.fr ?? '',
            label_en: column.label?.en ?? '',
            notes_en: column.description?.en ?? '',
          },
        }
      : {};
  return { id: column.id, type: CKAN_TYPES[column.type], ...info };
}
