import { type Localized, localized } from '../../../platform/i18n/index.js';
import { toRfc3339 } from './quebec-time.js';

/** Reading one cell; a failure names the reason in both languages. */
export type Read<T> = { ok: true; value: T } | { ok: false; reason: Localized };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const fail = (fr: string, en: string): Read<never> => ({ ok: false, reason: localized(fr, en) });

/** "Appel d'offres public" → "appel_d_offres_public": codes and labels compare alike. */
export function codeKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

/** An amount in dollars, written the French way or not: "12 345,67 $", "12345.67". */
export function readAmount(text: string): Read<number> {
  let cleaned = text.replace(/[\s\u00a0\u202f$]/g, '');
  if (cleaned.includes(',') && !cleaned.includes('.')) cleaned = cleaned.replace(',', '.');
  else cleaned = cleaned.replace(/,/g, '');
  const amount = Number(cleaned);
  if (cleaned === '' || !Number.isFinite(amount)) {
    return fail(`« ${text} » n’est pas un montant`, `"${text}" is not an amount`);
  }
  if (amount < 0) return fail('un montant ne peut pas être négatif', 'an amount cannot be negative');
  return ok(Math.round(amount * 100) / 100);
}

export function readDate(text: string, endOfDay = false): Read<string> {
  const value = toRfc3339(text, { endOfDay });
  return value
    ? ok(value)
    : fail(
        `« ${text} » n’est pas une date (AAAA-MM-JJ, AAAA-MM-JJ HH:MM ou RFC 3339)`,
        `"${text}" is not a date (YYYY-MM-DD, YYYY-MM-DD HH:MM or RFC 3339)`,
      );
}

/** A Québec enterprise number (NEQ): ten digits. */
export function readNeq(text: string): Read<string> {
  const digits = text.replace(/\s/g, '');
  return /^\d{10}$/.test(digits)
    ? ok(digits)
    : fail(`« ${text} » n’est pas un NEQ (10 chiffres)`, `"${text}" is not a NEQ (10 digits)`);
}

export function readUrl(text: string): Read<string> {
  try {
    const url = new URL(text);
    if (url.protocol === 'http:' || url.protocol === 'https:') return ok(url.href);
  } catch {}
  return fail(`« ${text} » n’est pas une adresse web`, `"${text}" is not a web address`);
}

export function readChoice<T>(
  text: string,
  choices: Record<string, T>,
  aliases: Record<string, string> = {},
): Read<T> {
  const key = codeKey(text);
  const found = choices[key] ?? choices[aliases[key] ?? ''];
  return found !== undefined
    ? ok(found)
    : fail(
        `« ${text} » n’est pas permis (valeurs : ${Object.keys(choices).join(', ')})`,
        `"${text}" is not allowed (values: ${Object.keys(choices).join(', ')})`,
      );
}

/** A release id: kept as given, but OCDS forbids "#" (release URLs end in #id). */
export function readReleaseId(text: string): Read<string> {
  return text.includes('#')
    ? fail('un identifiant d’événement ne peut pas contenir « # »', 'an event id cannot contain "#"')
    : ok(text);
}

export function slug(text: string): string {
  return codeKey(text).replace(/_/g, '-').slice(0, 60);
}
