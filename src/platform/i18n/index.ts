/** Quai speaks French first and English second. */
export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** A text in both languages. English is what API clients see by default (as in CKAN). */
export interface Localized {
  fr: string;
  en: string;
}

export function localized(fr: string, en: string): Localized {
  return { fr, en };
}

/**
 * Picks the best locale from an `Accept-Language` header; `fallback` when neither is asked for.
 * Quality values are honoured; `fr-CA` counts as `fr`.
 */
export function negotiateLocale(header: string | undefined, fallback: Locale): Locale {
  if (!header) return fallback;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split('-')[0];
    if (base === 'fr' || base === 'en') return base;
  }
  return fallback;
}
