import { ValidationError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import type { Column } from '../datastore.types.js';

/** `_id`: the row's position in the file, from 1, as CKAN numbers rows. */
export const ID_COLUMN: Column = {
  id: '_id',
  type: 'integer',
  sourceType: 'BIGINT',
  label: null,
  description: null,
};

/** DuckDB's JSON rendering → the JSON CKAN clients expect (numbers as numbers, ISO timestamps). */
export function jsonValue(column: Column, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if ((column.type === 'integer' || column.type === 'decimal') && typeof value === 'string') {
    const number = Number(value);
    return Number.isSafeInteger(number) || column.type === 'decimal' ? number : value;
  }
  if (column.type === 'timestamp' && typeof value === 'string') return value.replace(' ', 'T');
  return value;
}

export function encodeCursor(cursor: { afterId?: number; offset?: number }): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(text: string | null): { afterId?: number; offset?: number } {
  if (!text) return {};
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as {
      afterId?: unknown;
      offset?: unknown;
    };
    return {
      ...(Number.isSafeInteger(value.afterId) ? { afterId: value.afterId as number } : {}),
      ...(Number.isSafeInteger(value.offset) && (value.offset as number) >= 0
        ? { offset: value.offset as number }
        : {}),
    };
  } catch {
    throw new ValidationError([
      { path: 'cursor', code: 'invalid', message: localized('curseur illisible', 'unreadable cursor') },
    ]);
  }
}
