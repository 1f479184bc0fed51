import type { Localized } from '../../../platform/i18n/index.js';

/** A dataset's metadata quality score in three bands: what the search's "quality" facet counts. */
export type QualityBand = 'high' | 'medium' | 'low';

/** The bands, best first: each holds the scores from its `min` up to the band above. */
export const QUALITY_BANDS: readonly { band: QualityBand; min: number; label: Localized }[] = [
  { band: 'high', min: 80, label: { fr: 'Élevée (80 et plus)', en: 'High (80 and above)' } },
  { band: 'medium', min: 50, label: { fr: 'Moyenne (de 50 à 79)', en: 'Medium (50 to 79)' } },
  { band: 'low', min: 0, label: { fr: 'Faible (moins de 50)', en: 'Low (below 50)' } },
];

export function qualityBand(score: number): QualityBand {
  return (QUALITY_BANDS.find((entry) => score >= entry.min) ?? { band: 'low' as const }).band;
}

export function isQualityBand(value: string): value is QualityBand {
  return QUALITY_BANDS.some((entry) => entry.band === value);
}
