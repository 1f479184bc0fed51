import type { Localized } from '../../../platform/i18n/index.js';

export interface Frequency {
  code: string;
  label: Localized;
  /** Code in the EU frequency authority list that DCAT-AP requires. */
  euCode: string;
}

const ENTRIES: [code: string, fr: string, en: string, euCode: string][] = [
  ['continual', 'En continu', 'Continuously updated', 'UPDATE_CONT'],
  ['daily', 'Quotidienne', 'Daily', 'DAILY'],
  ['weekly', 'Hebdomadaire', 'Weekly', 'WEEKLY'],
  ['biweekly', 'Aux deux semaines', 'Every two weeks', 'BIWEEKLY'],
  ['monthly', 'Mensuelle', 'Monthly', 'MONTHLY'],
  ['quarterly', 'Trimestrielle', 'Quarterly', 'QUARTERLY'],
  ['biannual', 'Semestrielle', 'Twice a year', 'ANNUAL_2'],
  ['annual', 'Annuelle', 'Annual', 'ANNUAL'],
  ['irregular', 'Irrégulière', 'Irregular', 'IRREG'],
  ['as_needed', 'Au besoin', 'As needed', 'AS_NEEDED'],
  ['never', 'Aucune mise à jour prévue', 'Not updated', 'NEVER'],
  ['unknown', 'Inconnue', 'Unknown', 'UNKNOWN'],
];

export const FREQUENCIES: readonly Frequency[] = ENTRIES.map(([code, fr, en, euCode]) => ({
  code,
  label: { fr, en },
  euCode,
}));

export const FREQUENCY_CODES = FREQUENCIES.map((frequency) => frequency.code);

export function findFrequency(code: string | null): Frequency | null {
  return FREQUENCIES.find((frequency) => frequency.code === code) ?? null;
}

export const EU_FREQUENCY_BASE = 'http://publications.europa.eu/resource/authority/frequency/';
