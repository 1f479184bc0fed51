import type { ColumnType } from './datastore.types.js';

/** A column type as people say it, in French and English (for forms and messages). */
export const COLUMN_TYPE_LABELS: Record<ColumnType, { fr: string; en: string }> = {
  integer: { fr: 'nombre entier', en: 'whole number' },
  decimal: { fr: 'nombre décimal', en: 'decimal number' },
  boolean: { fr: 'oui ou non', en: 'yes or no' },
  date: { fr: 'date', en: 'date' },
  timestamp: { fr: 'date et heure', en: 'date and time' },
  text: { fr: 'texte', en: 'text' },
  json: { fr: 'géométrie ou objet', en: 'geometry or object' },
};
