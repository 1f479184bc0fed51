import type { Localized } from '../../../platform/i18n/index.js';

export interface Language {
  /** ISO 639-1 code, as stored and as CKAN clients send it. */
  code: string;
  label: Localized;
  /** Code in the EU language authority list (ISO 639-2/B based) for DCAT-AP. */
  euCode: string;
}

// French and English first; then languages of Québec's First Nations and Inuit that have codes.
export const LANGUAGES: readonly Language[] = [
  { code: 'fr', label: { fr: 'Français', en: 'French' }, euCode: 'FRA' },
  { code: 'en', label: { fr: 'Anglais', en: 'English' }, euCode: 'ENG' },
  { code: 'iu', label: { fr: 'Inuktitut', en: 'Inuktitut' }, euCode: 'IKU' },
  { code: 'cr', label: { fr: 'Cri', en: 'Cree' }, euCode: 'CRE' },
  { code: 'es', label: { fr: 'Espagnol', en: 'Spanish' }, euCode: 'SPA' },
];

export const LANGUAGE_CODES = LANGUAGES.map((language) => language.code);

export function findLanguage(code: string): Language | null {
  return LANGUAGES.find((language) => language.code === code) ?? null;
}

export const EU_LANGUAGE_BASE = 'http://publications.europa.eu/resource/authority/language/';
