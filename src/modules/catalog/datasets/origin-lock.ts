import { ValidationError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import type { Dataset } from '../catalog.types.js';
import { changedFields } from './dataset.activity.js';

/**
 * What stays the portal's own on a harvested dataset: its themes, its extras (a schema declared,
 * notes of the portal), whether it is private, its state. Everything else comes from the
 * authoritative source and is changed there (issue 19).
 */
const LOCAL_FIELDS: ReadonlySet<string> = new Set(['groups', 'extras', 'private', 'state', 'origins']);

/** The field names a publisher knows (CKAN's and the REST API's), for the error. */
const FIELD_PATHS: Record<string, string> = {
  licenseId: 'license_id',
  authorEmail: 'author_email',
  maintainerEmail: 'maintainer_email',
  updateFrequency: 'update_frequency',
  temporalStart: 'temporal_start',
  temporalEnd: 'temporal_end',
  keywordsEn: 'keywords_en',
  organization: 'owner_org',
};

/**
 * Refuses a change to a harvested dataset's harvested fields unless the authoritative source
 * writes it (`writer` is its id): the error names each field and the source.
 */
export function assertHarvestedFieldsKept(before: Dataset, after: Dataset, writer?: string): void {
  const authority = before.origins.find((origin) => origin.authoritative);
  if (!authority || writer === authority.sourceId) return;
  const fields = changedFields(before, after).filter((field) => !LOCAL_FIELDS.has(field));
  if (fields.length === 0) return;
  const source = authority.sourceTitle;
  throw new ValidationError(
    fields.map((field) => ({
      path: FIELD_PATHS[field] ?? field,
      code: 'harvested',
      message: localized(
        `Ce champ vient de la source moissonnée « ${source} », qui fait foi : modifiez-le à la source`,
        `This field comes from the harvest source “${source}”, which is authoritative: change it there`,
      ),
    })),
  );
}
