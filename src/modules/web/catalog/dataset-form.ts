import { slugify } from '../../../platform/validation.js';
import type { Dataset, DatasetInput } from '../../catalog/index.js';
import { type FormFields, fieldText, fieldUrl } from '../shell/page-routes.js';
import type { FieldErrors } from '../ui/form-fields.js';
import { PLACE_EXTRA } from './places.js';

/** What the dataset form holds: text as typed, so that a refused form comes back unchanged. */
export interface DatasetFormValues {
  name: string;
  title_fr: string;
  title_en: string;
  notes_fr: string;
  notes_en: string;
  owner_org: string;
  license_id: string;
  update_frequency: string;
  time_coverage_start: string;
  time_coverage_end: string;
  tags: string;
  keywords_en: string;
  groups: string[];
  languages: string[];
  maintainer: string;
  maintainer_email: string;
  url: string;
  version: string;
  visibility: 'public' | 'private';
  /** The territory covered, as its name reads in the list (« Bromont (municipalité) »), or ''. */
  place: string;
}

const many = (value: string | string[] | undefined): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((item) => item !== '');

export function emptyDatasetForm(ownerOrg: string): DatasetFormValues {
  return {
    ...datasetFormFrom({}),
    owner_org: ownerOrg,
    license_id: 'cc-by',
    languages: ['fr'],
  };
}

export function datasetFormFrom(fields: FormFields): DatasetFormValues {
  return {
    name: fieldText(fields.name).toLowerCase(),
    title_fr: fieldText(fields.title_fr),
    title_en: fieldText(fields.title_en),
    notes_fr: fieldText(fields.notes_fr),
    notes_en: fieldText(fields.notes_en),
    owner_org: fieldText(fields.owner_org),
    license_id: fieldText(fields.license_id),
    update_frequency: fieldText(fields.update_frequency),
    time_coverage_start: fieldText(fields.time_coverage_start),
    time_coverage_end: fieldText(fields.time_coverage_end),
    tags: fieldText(fields.tags),
    keywords_en: fieldText(fields.keywords_en),
    groups: many(fields.groups),
    languages: many(fields.languages),
    maintainer: fieldText(fields.maintainer),
    maintainer_email: fieldText(fields.maintainer_email),
    url: fieldUrl(fields.url),
    version: fieldText(fields.version),
    visibility: fieldText(fields.visibility) === 'private' ? 'private' : 'public',
    place: fieldText(fields.place),
  };
}

/** The form of a dataset; `place` is its territory's name (read from the reference sets). */
export function datasetFormOf(dataset: Dataset, place = ''): DatasetFormValues {
  return {
    name: dataset.name,
    title_fr: dataset.title.fr,
    title_en: dataset.title.en ?? '',
    notes_fr: dataset.notes.fr ?? '',
    notes_en: dataset.notes.en ?? '',
    owner_org: dataset.organization.id,
    license_id: dataset.licenseId ?? '',
    update_frequency: dataset.updateFrequency ?? '',
    time_coverage_start: dataset.temporalStart ?? '',
    time_coverage_end: dataset.temporalEnd ?? '',
    tags: dataset.tags.join(', '),
    keywords_en: dataset.keywordsEn.join(', '),
    groups: dataset.groups.map((group) => group.id),
    languages: dataset.languages,
    maintainer: dataset.maintainer ?? '',
    maintainer_email: dataset.maintainerEmail ?? '',
    url: dataset.url ?? '',
    version: dataset.version ?? '',
    visibility: dataset.private ? 'private' : 'public',
    place,
  };
}

const orNull = (value: string) => (value === '' ? null : value);
const keywords = (value: string) =>
  value
    .split(',')
    .map((keyword) => keyword.trim())
    .filter(Boolean);

/**
 * The dataset input of a submitted form. Fields the form does not show (author, spatial coverage,
 * extras) keep the dataset's current values; resources are left as they are.
 */
export function datasetInputOf(
  values: DatasetFormValues,
  existing: Dataset | null,
  /** The territory chosen (`set:code`, `quebec`), or null for none. */
  place: string | null = null,
): DatasetInput {
  const { [PLACE_EXTRA]: _place, ...extras } = existing?.extras ?? {};
  return {
    name: values.name || slugify(values.title_fr),
    title: { fr: values.title_fr, en: orNull(values.title_en) },
    notes: { fr: orNull(values.notes_fr), en: orNull(values.notes_en) },
    ownerOrg: values.owner_org,
    private: values.visibility === 'private',
    // A dataset made on the web starts as a draft: it is published once it has what readers need,
    // through the publication page that checks it and asks for confirmation.
    ...(existing ? {} : { state: 'draft' as const }),
    author: existing?.author ?? null,
    authorEmail: existing?.authorEmail ?? null,
    maintainer: orNull(values.maintainer),
    maintainerEmail: orNull(values.maintainer_email),
    licenseId: orNull(values.license_id),
    url: orNull(values.url),
    version: orNull(values.version),
    updateFrequency: orNull(values.update_frequency),
    temporalStart: orNull(values.time_coverage_start),
    temporalEnd: orNull(values.time_coverage_end),
    bbox: existing?.bbox ?? null,
    languages: values.languages,
    tags: keywords(values.tags),
    keywordsEn: keywords(values.keywords_en),
    groups: values.groups,
    extras: place ? { ...extras, [PLACE_EXTRA]: place } : extras,
  };
}

/** Checks the service does not make (a page needs a French title and an organisation chosen). */
export function checkDatasetForm(
  values: DatasetFormValues,
  messages: { required: string; chooseOrganization: string },
): FieldErrors {
  const errors: FieldErrors = {};
  if (!values.title_fr) errors.title_fr = messages.required;
  if (!values.owner_org) errors.owner_org = messages.chooseOrganization;
  return errors;
}

/** The service's field paths ("title.fr", "language") as the form's field names. */
export const DATASET_FIELD_ALIASES: Record<string, keyof DatasetFormValues> = {
  'title.fr': 'title_fr',
  'title.en': 'title_en',
  'notes.fr': 'notes_fr',
  'notes.en': 'notes_en',
  language: 'languages',
  private: 'visibility',
};
