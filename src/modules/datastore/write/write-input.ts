import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type FieldIssue, NotFoundError, ValidationError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import type { Column, ColumnType } from '../datastore.types.js';

/** What datastore_create and datastore_upsert receive, checked as CKAN checks it. */

/** A field of datastore_create: its id, CKAN type name and data dictionary entry. */
export interface FieldInput {
  id: string;
  type: string | null;
  info: { label?: string; notes?: string; label_en?: string; notes_en?: string } | null;
}

export type WriteMethod = 'insert' | 'upsert' | 'update';
export type Row = Record<string, unknown>;

/** The most records one call may carry (CKAN has no bound; send more in several calls). */
export const RECORDS_PER_CALL = 100_000;

/** CKAN's (PostgreSQL's) type names → the datastore's types. */
export const TYPE_NAMES: Record<string, ColumnType> = {
  text: 'text',
  varchar: 'text',
  int: 'integer',
  int4: 'integer',
  int8: 'integer',
  int2: 'integer',
  integer: 'integer',
  bigint: 'integer',
  smallint: 'integer',
  numeric: 'decimal',
  decimal: 'decimal',
  float: 'decimal',
  float4: 'decimal',
  float8: 'decimal',
  real: 'decimal',
  'double precision': 'decimal',
  bool: 'boolean',
  boolean: 'boolean',
  date: 'date',
  timestamp: 'timestamp',
  json: 'json',
  jsonb: 'json',
};

const issue = (field: string, fr: string, en: string): FieldIssue => ({
  path: field,
  code: 'invalid',
  message: localized(fr, en),
});

export function refuse(field: string, fr: string, en: string): never {
  throw new ValidationError([issue(field, fr, en)]);
}

/** The type CKAN guesses from a first value when a field comes without one. */
export function guessType(value: unknown): ColumnType {
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'decimal';
  if (typeof value === 'boolean') return 'boolean';
  if (value !== null && typeof value === 'object') return 'json';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(value))
    return value.length > 10 ? 'timestamp' : 'date';
  return 'text';
}

/** Field ids as CKAN allows them: not empty, no leading underscore, no double quote, 63 characters at most. */
export function checkFieldId(id: string, index: number): void {
  if (id === '' || id.startsWith('_') || id.includes('"') || id.length > 63 || id !== id.trim()) {
    refuse(
      `fields.${index}.id`,
      `« ${id} » n’est pas un nom de champ valide (pas de _ au début, pas de ", 63 caractères au plus)`,
      `"${id}" is not a valid field name`,
    );
  }
}

/** Records → a staging file of JSON lines, checked against the table's fields. */
export async function stage(dir: string, records: Row[], known: ReadonlySet<string>): Promise<string> {
  if (records.length > RECORDS_PER_CALL) {
    refuse(
      'records',
      `${RECORDS_PER_CALL} enregistrements au plus par appel : envoyez-les en plusieurs fois`,
      `At most ${RECORDS_PER_CALL} records per call: send them in several calls`,
    );
  }
  records.forEach((record, index) => {
    if (record === null || typeof record !== 'object' || Array.isArray(record))
      refuse(`records.${index}`, 'Un enregistrement est un dictionnaire', 'A record must be a dict');
    for (const field of Object.keys(record)) {
      if (!known.has(field))
        refuse('fields', `Le champ « ${field} » n’existe pas dans la table`, `field "${field}" not in table`);
    }
  });
  const file = path.join(dir, `staging-${randomUUID()}.jsonl`);
  await mkdir(path.dirname(file), { recursive: true });
  // The records are in memory already (the request's body): one string, one write.
  await writeFile(file, `${records.map((record) => JSON.stringify(record)).join('\n')}\n`);
  return file;
}

export function notFound(resourceId: string): NotFoundError {
  return new NotFoundError(
    'datastore table',
    resourceId,
    localized(
      'Les données de cette ressource ne sont pas interrogeables.',
      `Resource "${resourceId}" was not found.`,
    ),
  );
}

export function firstLine(error: Error): string {
  return (error.message.split('\n')[0] ?? '').slice(0, 200);
}

/** DuckDB's unique-index violation → CKAN's ValidationError on the key. */
export function duplicateKey(error: unknown): never {
  if (error instanceof Error && /duplicate key|violates (primary|unique)/i.test(error.message)) {
    refuse(
      'records',
      `Clé en double : ${firstLine(error)}`,
      `duplicate key value violates unique constraint: ${firstLine(error)}`,
    );
  }
  throw error;
}

export function withInfo(column: Column, field: FieldInput | undefined): Column {
  if (!field?.info) return column;
  const { label, notes, label_en: labelEn, notes_en: notesEn } = field.info;
  return {
    ...column,
    label: label || labelEn ? { fr: label ?? '', en: labelEn ?? label ?? '' } : column.label,
    description: notes || notesEn ? { fr: notes ?? '', en: notesEn ?? notes ?? '' } : column.description,
  };
}

/** Aliases as CKAN allows them (table names, not ids), and free or already this table's. */
export async function checkAliases(
  aliases: readonly string[],
  resourceId: string,
  targetOf: (alias: string) => Promise<string | null>,
): Promise<void> {
  for (const [index, alias] of aliases.entries()) {
    const malformed =
      alias === '' ||
      /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(alias) ||
      alias.startsWith('_') ||
      alias.includes('"') ||
      alias.length > 63 ||
      alias.trim() !== alias;
    if (malformed)
      refuse(
        `aliases.${index}`,
        `« ${alias} » n’est pas un nom d’alias valide`,
        `"${alias}" is not a valid alias name`,
      );
    const target = await targetOf(alias);
    if (target && target !== resourceId)
      refuse(`aliases.${index}`, `L’alias « ${alias} » existe déjà`, `The alias "${alias}" already exists`);
  }
}
