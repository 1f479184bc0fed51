import { type IssueCollector, ValidationError } from './http/errors.js';
import { type Localized, localized } from './i18n/index.js';

/**
 * Field messages shared by every module. The English texts are CKAN's own, word for word, so
 * that CKAN clients that match on them keep working.
 */
export const messages = {
  required: () => localized('Valeur manquante', 'Missing value'),
  slugPattern: () =>
    localized(
      'Doit contenir uniquement des lettres minuscules non accentuées, des chiffres et ces symboles : -_',
      'Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_',
    ),
  tooShort: (min: number) =>
    localized(`Doit contenir au moins ${min} caractères`, `Must be at least ${min} characters long`),
  nameTooLong: (max: number) =>
    localized(
      `Le nom doit contenir au plus ${max} caractères`,
      `Name must be a maximum of ${max} characters long`,
    ),
  tooLong: (max: number) =>
    localized(`Doit contenir au plus ${max} caractères`, `Must be a maximum of ${max} characters long`),
  tooMany: (max: number) =>
    localized(`Au plus ${max} éléments sont permis`, `Must have at most ${max} items`),
  email: (value: string) =>
    localized(
      `L'adresse courriel ${value} n'est pas dans un format valide`,
      `Email ${value} is not a valid format`,
    ),
  url: () =>
    localized(
      'Doit être une adresse web absolue (http ou https)',
      'Please provide a valid URL (http or https)',
    ),
  notString: () => localized('Doit être du texte', 'Must be a string'),
  notList: () => localized('Doit être une liste', 'Not a list'),
  notObject: () => localized('Doit être un objet', 'Must be a dictionary'),
  notBoolean: () => localized('Doit être vrai ou faux', 'Must be true or false'),
  invalidInteger: () => localized('Nombre entier invalide', 'Invalid integer'),
  naturalNumber: () => localized('Doit être un nombre entier positif ou nul', 'Must be a natural number'),
  date: () => localized('Doit être une date AAAA-MM-JJ', 'Must be a date YYYY-MM-DD'),
  oneOf: (allowed: readonly string[]) =>
    localized(
      `Doit être l'une de ces valeurs : ${allowed.join(', ')}`,
      `Must be one of: ${allowed.join(', ')}`,
    ),
  uuid: () => localized('Doit être un identifiant UUID', 'Must be a UUID'),
} satisfies Record<string, (...args: never[]) => Localized>;

export const SLUG_MIN = 2;
export const SLUG_MAX = 100;
const SLUG_PATTERN = /^[a-z0-9_-]+$/;
// Deliberately simple: one @, no spaces, a dot in the domain. Deliverability is not checked.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** CKAN's rules for the `name` of a dataset, organisation, group or user. */
export function checkSlug(issues: IssueCollector, path: string, value: string): void {
  if (!SLUG_PATTERN.test(value)) issues.add(path, 'slug_pattern', messages.slugPattern());
  if (value.length < SLUG_MIN) issues.add(path, 'too_short', messages.tooShort(SLUG_MIN));
  if (value.length > SLUG_MAX) issues.add(path, 'too_long', messages.nameTooLong(SLUG_MAX));
}

export function checkEmail(issues: IssueCollector, path: string, value: string | null): void {
  if (value !== null && !EMAIL_PATTERN.test(value)) issues.add(path, 'email', messages.email(value));
}

export function checkUrl(issues: IssueCollector, path: string, value: string | null): void {
  if (value !== null && !isHttpUrl(value)) issues.add(path, 'url', messages.url());
}

export function checkMaxLength(
  issues: IssueCollector,
  path: string,
  value: string | null,
  max: number,
): void {
  if (value !== null && value.length > max) issues.add(path, 'too_long', messages.tooLong(max));
}

export function checkMaxItems(
  issues: IssueCollector,
  path: string,
  values: readonly unknown[] | null | undefined,
  max: number,
): void {
  if (values && values.length > max) issues.add(path, 'too_many', messages.tooMany(max));
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

/** A calendar date `YYYY-MM-DD` that exists (no 2023-02-30). */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/**
 * The first text holding a NUL character (U+0000), as a dotted path, or null. PostgreSQL cannot
 * store it in text or JSON: input is checked for it where it comes in, whatever the API, so that
 * it is refused naming the field instead of failing deep down.
 */
export function pathOfNul(value: unknown): string | null {
  // The common case (no NUL anywhere) is a light walk; the path is built only when there is one.
  if (!holdsNul(value)) return null;
  // Walked with a stack of its own: a body nested a million levels deep cannot exhaust the call stack.
  const pending: [unknown, string][] = [[value, '']];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [current, path] = next;
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return path || 'body';
    } else if (Array.isArray(current)) {
      for (let index = current.length - 1; index >= 0; index--)
        pending.push([current[index], path ? `${path}.${index}` : String(index)]);
    } else if (isPlainObject(current)) {
      for (const [key, item] of Object.entries(current).reverse()) {
        const itemPath = path ? `${path}.${key}` : key;
        if (key.includes('\u0000')) return itemPath;
        pending.push([item, itemPath]);
      }
    }
  }
  return null;
}

/** Whether any text or key holds a NUL character (a walk with a stack of its own, no paths built). */
function holdsNul(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const current = pending.pop();
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return true;
    } else if (Array.isArray(current)) {
      for (const item of current) pending.push(item);
    } else if (isPlainObject(current)) {
      for (const key of Object.keys(current)) {
        if (key.includes('\u0000')) return true;
        pending.push(current[key]);
      }
    }
  }
  return false;
}

/** Parsed JSON and form fields, not streams, buffers or other objects a body parser may hand on. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  // Object literals, JSON, and query strings (parsed onto an empty prototype of their own).
  return prototype === Object.prototype || prototype === null || Object.getPrototypeOf(prototype) === null;
}

/** Refuses input holding a NUL character, naming the field (see pathOfNul). */
export function refuseNul(value: unknown): void {
  const path = pathOfNul(value);
  if (path !== null) {
    throw new ValidationError([
      {
        path,
        code: 'nul_character',
        message: localized(
          'Ne peut contenir le caractère nul (U+0000)',
          'Must not contain the NUL character (U+0000)',
        ),
      },
    ]);
  }
}

/** "Qualité de l'eau potable" → "qualite-de-l-eau-potable": a name for a dataset left without one. */
export function slugify(title: string): string {
  return title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
    .replace(/-+$/, '');
}
