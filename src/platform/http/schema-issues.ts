import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { localized } from '../i18n/index.js';
import { type FieldIssue, ValidationError } from './errors.js';

/** The shape Ajv and TypeBox share for a schema violation. */
export interface SchemaError {
  instancePath: string;
  keyword: string;
  params: object;
  message?: string;
}

/**
 * Schema violations as field issues: "/title/fr" becomes "title.fr", under `prefix` when given.
 * One issue per field: a value that fails a union ("text or null") says why it fails the text
 * ("too long"), not every branch it missed.
 */
export function issuesFromSchemaErrors(errors: readonly SchemaError[], prefix = ''): FieldIssue[] {
  const byPath = new Map<string, FieldIssue & { rank: number }>();
  for (const error of errors) {
    const missing = (error.params as { missingProperty?: string; requiredProperties?: string[] })
      .missingProperty;
    const pointer = error.instancePath.split('/').filter(Boolean);
    if (missing) pointer.push(missing);
    const path = [prefix, ...pointer].filter(Boolean).join('.') || '(root)';
    const message = missing
      ? localized('Valeur manquante', 'Missing value')
      : localized(`Valeur invalide (${error.message ?? 'schéma'})`, error.message ?? 'Invalid value');
    const rank =
      error.keyword === 'anyOf' || error.keyword === 'oneOf' ? 0 : error.keyword === 'type' ? 1 : 2;
    const known = byPath.get(path);
    if (!known || rank > known.rank)
      byPath.set(path, { path, code: missing ? 'required' : error.keyword, message, rank });
  }
  return [...byPath.values()].map(({ rank: _rank, ...issue }) => issue);
}

/** Parses a JSON text field (e.g. the `metadata` part of an upload) against a schema. */
export function parseJsonField<T extends TSchema>(
  schema: T,
  text: string | undefined,
  field: string,
): unknown {
  if (text === undefined || text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ValidationError([
      { path: field, code: 'json', message: localized('JSON invalide', 'Invalid JSON') },
    ]);
  }
  if (!Value.Check(schema, value))
    throw new ValidationError(issuesFromSchemaErrors(Value.Errors(schema, value), field));
  return value;
}
