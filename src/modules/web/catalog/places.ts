import type { Locale } from '../../../platform/i18n/index.js';
import { SPATIAL_PLACE_EXTRA, SPATIAL_PLACE_QUEBEC } from '../../catalog/index.js';
import type { ReferenceService } from '../../reference/index.js';

/** The reference sets a dataset's territory is chosen from, smallest last. */
const PLACE_SETS = ['regions', 'mrc', 'municipalites'] as const;
type PlaceSet = (typeof PLACE_SETS)[number];
const KINDS: Record<PlaceSet, Record<Locale, string>> = {
  regions: { fr: 'région administrative', en: 'administrative region' },
  mrc: { fr: 'MRC', en: 'RCM' },
  municipalites: { fr: 'municipalité', en: 'municipality' },
};
/** The whole province, as a territory of its own. */
export const QUEBEC_PLACE = SPATIAL_PLACE_QUEBEC;
const QUEBEC_LABEL: Record<Locale, string> = { fr: 'Tout le Québec', en: 'All of Québec' };

/** The dataset extra holding its territory: `quebec`, or `set:code` (`municipalites:46078`). */
export const PLACE_EXTRA = SPATIAL_PLACE_EXTRA;

export interface Place {
  value: string;
  label: string;
}

/**
 * Every territory a publisher may choose, by name (« Bromont (municipalité) »): the province, its
 * administrative regions, MRC and current municipalities, from the reference sets.
 */
export async function placeChoices(reference: ReferenceService, locale: Locale): Promise<Place[]> {
  const lists = await Promise.all(
    PLACE_SETS.map(async (set) => {
      const { entities } = await reference
        .list(set, { filters: {}, status: 'current', limit: 5000, offset: 0 })
        .catch(() => ({ entities: [] }));
      return entities.map((entity) => ({
        value: `${set}:${entity.code}`,
        label: `${(locale === 'en' && entity.nameEn) || entity.name} (${KINDS[set][locale]})`,
      }));
    }),
  );
  return [{ value: QUEBEC_PLACE, label: QUEBEC_LABEL[locale] }, ...lists.flat()];
}

/** A stored territory in words, or null when it is unknown (a retired code keeps its name). */
export async function placeLabel(
  reference: ReferenceService,
  locale: Locale,
  value: string | undefined,
): Promise<string | null> {
  if (!value) return null;
  if (value === QUEBEC_PLACE) return QUEBEC_LABEL[locale];
  const [set, code] = value.split(':');
  if (!set || !code || !(PLACE_SETS as readonly string[]).includes(set)) return null;
  const found = await reference.entity(set, code).catch(() => null);
  if (!found) return null;
  const name = (locale === 'en' && found.entity.nameEn) || found.entity.name;
  return `${name} (${KINDS[set as PlaceSet][locale]})`;
}
