import type { Locale } from '../../../platform/i18n/index.js';

export interface Picked {
  text: string;
  /** Set when the text is not in the page's language (WCAG 3.1.2, language of parts). */
  lang: Locale | undefined;
}

/** The text in the page's language, or in the other one (marked) when it has no translation. */
export function pick(locale: Locale, text: { fr: string | null; en: string | null }): Picked | null {
  const other: Locale = locale === 'fr' ? 'en' : 'fr';
  const own = text[locale]?.trim();
  if (own) return { text: own, lang: undefined };
  const fallback = text[other]?.trim();
  return fallback ? { text: fallback, lang: other } : null;
}

/** A title that always exists in French, in the page's language when it can be. */
export function pickTitle(locale: Locale, title: { fr: string; en: string | null }): Picked {
  return pick(locale, title) ?? { text: title.fr, lang: locale === 'fr' ? undefined : 'fr' };
}

/** A span carrying `lang` only when the text is in the other language. */
export function Text({ value }: { value: Picked }) {
  return value.lang ? <span lang={value.lang}>{value.text}</span> : value.text;
}
