import { parse } from 'csv-parse/sync';
import type { FieldIssue } from '../../../platform/http/errors.js';
import { ValidationError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import { EVENT_COLUMNS, type EventColumn, type EventRow } from './event-format.js';

const KNOWN = new Set<string>(EVENT_COLUMNS);

/**
 * Reads a file of source events: CSV (UTF-8 with or without BOM, comma or semicolon, quoted
 * fields) or JSON (an array of objects, or `{"evenements": [...]}`). Unknown columns are refused
 * by name, so a misspelt column never silently drops data.
 */
export function parseEvents(text: string, format: 'csv' | 'json'): EventRow[] {
  const records = format === 'json' ? jsonRecords(text) : csvRecords(text);
  const issues: FieldIssue[] = [];
  const unknown = new Set<string>();
  for (const record of records) for (const key of Object.keys(record)) if (!KNOWN.has(key)) unknown.add(key);
  for (const column of unknown) {
    issues.push({
      path: `columns.${column}`,
      code: 'unknown',
      message: localized(
        `colonne inconnue (colonnes permises : ${EVENT_COLUMNS.join(', ')})`,
        `unknown column (allowed: ${EVENT_COLUMNS.join(', ')})`,
      ),
    });
  }
  if (records.length === 0) {
    issues.push({
      path: 'rows',
      code: 'empty',
      message: localized('le fichier ne contient aucun événement', 'the file holds no event'),
    });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return records.map((record) => {
    const row: EventRow = {};
    for (const [key, value] of Object.entries(record)) {
      if (value !== null && value !== undefined && value !== '') row[key as EventColumn] = String(value);
    }
    return row;
  });
}

function csvRecords(text: string): Record<string, unknown>[] {
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  try {
    return parse(text, {
      bom: true,
      columns: true,
      delimiter,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: false,
    });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new ValidationError([
      {
        path: line ? `line.${line}` : 'file',
        code: 'csv',
        message: localized(
          `CSV illisible : ${(error as Error).message}`,
          `Unreadable CSV: ${(error as Error).message}`,
        ),
      },
    ]);
  }
}

function jsonRecords(text: string): Record<string, unknown>[] {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ValidationError([
      {
        path: 'file',
        code: 'json',
        message: localized(
          `JSON illisible : ${(error as Error).message}`,
          `Unreadable JSON: ${(error as Error).message}`,
        ),
      },
    ]);
  }
  const list = Array.isArray(data) ? data : (data as { evenements?: unknown })?.evenements;
  if (
    !Array.isArray(list) ||
    !list.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item))
  ) {
    throw new ValidationError([
      {
        path: 'file',
        code: 'shape',
        message: localized(
          'attendu : un tableau d’objets, ou {"evenements": [...]}',
          'expected: an array of objects, or {"evenements": [...]}',
        ),
      },
    ]);
  }
  return list as Record<string, unknown>[];
}
