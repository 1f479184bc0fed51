import type { FieldIssue } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import type { Dataset } from '../catalog.types.js';

/**
 * The dataset extra naming the territory it covers: `quebec`, or a code of a reference set
 * (`regions:05`, `mrc:460`, `municipalites:46078`), chosen by name on the dataset form.
 */
export const SPATIAL_PLACE_EXTRA = 'spatial_place';
/** The spatial_place value for the whole province. */
export const SPATIAL_PLACE_QUEBEC = 'quebec';

/**
 * What a dataset still lacks before it can be published, each gap naming its field and why: a
 * reader must learn what the data is (a description), whether they may reuse it (a licence), and
 * find something to open (a resource). The organisation is always there: the service refuses a
 * dataset without one, and the web form makes the publisher choose it (no silent default).
 */
export function publicationGaps(dataset: Dataset): FieldIssue[] {
  const gaps: FieldIssue[] = [];
  if (!dataset.notes.fr?.trim()) {
    gaps.push({
      path: 'notes.fr',
      code: 'required_to_publish',
      message: localized(
        'Une description en français est nécessaire pour publier : dites ce que contiennent les données.',
        'A description in French is needed to publish: say what the data holds.',
      ),
    });
  }
  if (!dataset.licenseId) {
    gaps.push({
      path: 'license_id',
      code: 'required_to_publish',
      message: localized(
        'Une licence est nécessaire pour publier : elle dit aux lecteurs ce qu’ils peuvent faire des données.',
        'A licence is needed to publish: it tells readers what they may do with the data.',
      ),
    });
  }
  if (dataset.resources.length === 0) {
    gaps.push({
      path: 'resources',
      code: 'required_to_publish',
      message: localized(
        'Au moins une ressource (un fichier ou un lien) est nécessaire pour publier.',
        'At least one resource (a file or a link) is needed to publish.',
      ),
    });
  }
  return gaps;
}
