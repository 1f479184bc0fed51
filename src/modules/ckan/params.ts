import { ValidationError } from '../../platform/http/errors.js';
import { type Localized, localized } from '../../platform/i18n/index.js';
import { messages } from '../../platform/validation.js';

/** A CKAN request's parameters: JSON values, or strings when they came by GET or form. */
export type CkanData = Record<string, unknown>;

function invalid(field: string, message: Localized): never {
  throw new ValidationError([{ path: field, code: 'invalid', message }]);
}

/** A text parameter; numbers are accepted as text (forms send them so); blank is null. */
export function readString(data: CkanData, field: string): string | null {
  const value = data[field];
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') invalid(field, messages.notString());
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

export function requireString(data: CkanData, field: string): string {
  const value = readString(data, field);
  if (value === null)
    throw new ValidationError([{ path: field, code: 'required', message: messages.required() }]);
  return value;
}

const TRUE = new Set(['true', 'yes', 'on', 'y', 't', '1']);
const FALSE = new Set(['false', 'no', 'off', 'n', 'f', '0', '']);

/** CKAN's asbool: JSON booleans, or "True"/"false"/"yes"/"1"… as strings. */
export function readBoolean(data: CkanData, field: string, fallback: boolean): boolean {
  const value = data[field];
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  const text = String(value).trim().toLowerCase();
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  return invalid(field, messages.notBoolean());
}

/** An integer, as a number or as text, not below `min`. */
export function readInteger(data: CkanData, field: string, fallback: number, min = 0): number {
  const value = data[field];
  if (value === undefined || value === null || value === '') return fallback;
  const number = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isInteger(number)) return invalid(field, messages.invalidInteger());
  if (number < min)
    return invalid(
      field,
      min === 0
        ? messages.naturalNumber()
        : localized(`Doit être au moins ${min}`, `Must be at least ${min}`),
    );
  return number;
}

/** A list: a JSON array, a JSON-encoded array in a string (GET), or repeated keys. */
export function readList(data: CkanData, field: string): unknown[] | null {
  const value = data[field];
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      if (Array.isArray(parsed)) return parsed;
    } catch {
      return invalid(field, localized('JSON invalide', 'Could not parse as valid JSON'));
    }
  }
  return invalid(field, messages.notList());
}

/** A dictionary: a JSON object, or a JSON-encoded object in a string (forms, ckanext-fluent). */
export function readObject(data: CkanData, field: string): Record<string, unknown> | null {
  const value = data[field];
  if (value === undefined || value === null || value === '') return null;
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return invalid(field, localized('JSON invalide', 'Failed to decode JSON string'));
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return invalid(field, localized('Un objet JSON est attendu', 'expecting JSON object'));
  }
  return parsed as Record<string, unknown>;
}

export function stringList(data: CkanData, field: string): string[] | null {
  const list = readList(data, field);
  if (list === null) return null;
  return list.map((item) => (typeof item === 'string' ? item : invalid(field, messages.notString())));
}
