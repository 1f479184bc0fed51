import type { Locale } from '../../../platform/i18n/index.js';

const INTL_LOCALE: Record<Locale, string> = { fr: 'fr-CA', en: 'en-CA' };

/** French writes the first of the month as an ordinal: « 1er janvier », « 2 janvier ». */
function written(locale: Locale, format: Intl.DateTimeFormat, date: Date): string {
  return format
    .formatToParts(date)
    .map((part) => (locale === 'fr' && part.type === 'day' && part.value === '1' ? '1er' : part.value))
    .join('');
}

/** "26 novembre 2026", « 1er juin 2026 » / "November 26, 2026". */
export function formatDate(locale: Locale, value: Date | string): string {
  const date =
    typeof value === 'string' ? new Date(value.length === 10 ? `${value}T12:00:00Z` : value) : value;
  const format = new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    dateStyle: 'long',
    timeZone: 'America/Toronto',
  });
  return written(locale, format, date);
}

/** "26 novembre 2026, 14 h 05" / "November 26, 2026, 2:05 p.m." */
export function formatDateTime(locale: Locale, value: Date): string {
  const format = new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'America/Toronto',
  });
  return written(locale, format, value);
}

/** A deadline as it was given: with its hour when it has one (« 10 juin 2026 à 15 h 39 »). */
export function formatDeadline(locale: Locale, value: string | Date): string {
  if (value instanceof Date) return formatDateTime(locale, value);
  return /T\d{2}:\d{2}/.test(value) ? formatDateTime(locale, new Date(value)) : formatDate(locale, value);
}

/** "1 234" / "1,234". */
export function formatNumber(locale: Locale, value: number): string {
  return new Intl.NumberFormat(INTL_LOCALE[locale]).format(value);
}

/** A number with every decimal it has (a coordinate keeps its precision: 46,801234, not 46,801). */
export function formatExactNumber(locale: Locale, value: number): string {
  return new Intl.NumberFormat(INTL_LOCALE[locale], { maximumFractionDigits: 20 }).format(value);
}

const UNITS: Record<Locale, string[]> = {
  fr: ['octets', 'ko', 'Mo', 'Go', 'To'],
  en: ['bytes', 'kB', 'MB', 'GB', 'TB'],
};

/** "2,3 Mo" / "2.3 MB" (decimal units, as file managers show them). */
export function formatSize(locale: Locale, bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS[locale].length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  const number = new Intl.NumberFormat(INTL_LOCALE[locale], { maximumFractionDigits: digits }).format(value);
  return `${number} ${UNITS[locale][unit]}`;
}

/** "1 250 000 $" / "$1,250,000" (cents shown only when there are some). */
export function formatMoney(locale: Locale, amount: number): string {
  return new Intl.NumberFormat(INTL_LOCALE[locale], {
    style: 'currency',
    currency: 'CAD',
    currencyDisplay: 'narrowSymbol',
    minimumFractionDigits: Number.isInteger(amount) ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(amount);
}
