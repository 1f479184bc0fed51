import { IssueCollector, ValidationError } from '../../../platform/http/errors.js';
import { localized } from '../../../platform/i18n/index.js';
import {
  checkEmail,
  checkMaxItems,
  checkMaxLength,
  checkSlug,
  checkUrl,
  isIsoDate,
  isUuid,
  messages,
} from '../../../platform/validation.js';
import type { Bbox, DatasetInput, Group, ResourceInput } from '../catalog.types.js';
import type { GroupRepo } from '../groups/group.repo.js';
import { LIMITS } from '../limits.js';
import { FREQUENCY_CODES } from '../vocabularies/frequencies.js';
import { LANGUAGE_CODES } from '../vocabularies/languages.js';
import { findLicense, LICENSES } from '../vocabularies/licenses.js';
import type { DatasetRepo } from './dataset.repo.js';
import type { ResourceRow } from './dataset.rows.js';

const TAG_MIN = 2;
const TAG_MAX = 100;
// CKAN's tag characters, plus apostrophes: French keywords need them ("qualité de l'eau").
const TAG_PATTERN = /^[\p{L}\p{N} \-_.'’]+$/u;
const EXTRA_KEY_PATTERN = /^[\p{L}\p{N}_\-.:]{1,100}$/u;

export const datasetMessages = {
  nameInUse: () => localized('Cette adresse est déjà utilisée.', 'That URL is already in use.'),
  organizationMissing: () =>
    localized('Une organisation doit être indiquée', 'An organization must be provided'),
  organizationUnknown: () => localized("L'organisation n'existe pas", 'Organization does not exist'),
  organizationForbidden: () =>
    localized(
      'Vous ne pouvez pas ajouter de jeu de données à cette organisation',
      'You cannot add a dataset to this organization',
    ),
  groupUnknown: () => localized("Ce thème n'existe pas.", 'That group name or ID does not exist.'),
  licenseUnknown: () =>
    localized(
      `Licence inconnue ; licences possibles : ${LICENSES.map((l) => l.id).join(', ')}`,
      `Unknown license; known licenses: ${LICENSES.map((l) => l.id).join(', ')}`,
    ),
  tagPattern: (tag: string) =>
    localized(
      `Le mot-clé « ${tag} » ne peut contenir que des lettres, des chiffres, des espaces, des apostrophes et « -_. »`,
      `Tag "${tag}" can only contain alphanumeric characters, spaces (" "), apostrophes, hyphens ("-"), underscores ("_") or dots (".")`,
    ),
  tagLength: (tag: string) =>
    localized(
      `Le mot-clé « ${tag} » doit contenir de ${TAG_MIN} à ${TAG_MAX} caractères`,
      `Tag "${tag}" length must be between ${TAG_MIN} and ${TAG_MAX}`,
    ),
  temporalOrder: () =>
    localized(
      'La date de fin doit suivre la date de début',
      'The end date must not be before the start date',
    ),
  bbox: () =>
    localized(
      'Le rectangle doit avoir ouest et est entre -180 et 180, sud et nord entre -90 et 90, sud ≤ nord',
      'The bounding box needs west and east between -180 and 180, south and north between -90 and 90, south <= north',
    ),
  idTaken: () => localized('Identifiant invalide ou déjà utilisé', 'Invalid or already used id'),
  uploadMissing: () =>
    localized(
      "Ce fichier n'existe pas : envoyez le fichier ou indiquez une adresse web",
      'There is no file for this resource: upload one or give a URL',
    ),
};

/** What validation resolved while checking: the organisation and themes the input names. */
export interface ResolvedReferences {
  organization: Group | null;
  groups: Group[];
}

/**
 * Checks a dataset before any write and reports every problem at once. `existingId` is the
 * dataset being updated (its own name is not "in use").
 */
export async function validateDataset(
  input: DatasetInput,
  context: {
    existingId: string | null;
    datasets: DatasetRepo;
    groups: GroupRepo;
    existingUploads: ReadonlySet<string>;
  },
): Promise<ResolvedReferences> {
  const issues = new IssueCollector();
  checkSlug(issues, 'name', input.name);
  if (!issues.has('name') && (await context.datasets.nameInUse(input.name, context.existingId))) {
    issues.add('name', 'taken', datasetMessages.nameInUse());
  }
  if (input.id !== undefined && (!isUuid(input.id) || (await context.datasets.idExists(input.id)))) {
    issues.add('id', 'id_taken', datasetMessages.idTaken());
  }
  checkMaxLength(issues, 'title.fr', input.title.fr, LIMITS.title);
  checkMaxLength(issues, 'title.en', input.title.en, LIMITS.title);
  checkMaxLength(issues, 'notes.fr', input.notes.fr, LIMITS.notes);
  checkMaxLength(issues, 'notes.en', input.notes.en, LIMITS.notes);
  checkMaxLength(issues, 'author', input.author, LIMITS.person);
  checkMaxLength(issues, 'maintainer', input.maintainer, LIMITS.person);
  checkMaxLength(issues, 'author_email', input.authorEmail, LIMITS.email);
  checkMaxLength(issues, 'maintainer_email', input.maintainerEmail, LIMITS.email);
  if (!issues.has('author_email')) checkEmail(issues, 'author_email', input.authorEmail);
  if (!issues.has('maintainer_email')) checkEmail(issues, 'maintainer_email', input.maintainerEmail);
  checkMaxLength(issues, 'url', input.url, LIMITS.url);
  if (!issues.has('url')) checkUrl(issues, 'url', input.url);
  checkMaxLength(issues, 'version', input.version, LIMITS.version);
  checkMaxItems(issues, 'tags', input.tags, LIMITS.tags);
  checkMaxItems(issues, 'keywords_en', input.keywordsEn, LIMITS.tags);
  checkMaxItems(issues, 'groups', input.groups, LIMITS.groups);
  checkMaxItems(issues, 'language', input.languages, LIMITS.languages);
  checkMaxItems(issues, 'resources', input.resources, LIMITS.resources);
  checkExtras(issues, 'extras', input.extras);
  if (input.licenseId !== null && !findLicense(input.licenseId)) {
    issues.add('license_id', 'unknown', datasetMessages.licenseUnknown());
  }
  if (input.updateFrequency !== null && !FREQUENCY_CODES.includes(input.updateFrequency)) {
    issues.add('update_frequency', 'one_of', messages.oneOf(FREQUENCY_CODES));
  }
  checkTemporal(issues, input.temporalStart, input.temporalEnd);
  if (input.bbox && !isValidBbox(input.bbox)) issues.add('spatial', 'bbox', datasetMessages.bbox());
  for (const language of input.languages) {
    if (!LANGUAGE_CODES.includes(language)) issues.add('language', 'one_of', messages.oneOf(LANGUAGE_CODES));
  }
  if (!issues.has('tags')) checkTags(issues, 'tags', input.tags);
  if (!issues.has('keywords_en')) checkTags(issues, 'keywords_en', input.keywordsEn);
  input.resources?.slice(0, LIMITS.resources).forEach((resource, index) => {
    checkResource(issues, `resources.${index}`, resource, context.existingUploads);
  });

  const organization = await resolveOrganization(issues, input.ownerOrg, context.groups);
  const groups: Group[] = [];
  for (const reference of input.groups) {
    const group = await context.groups.find(false, reference);
    if (group) groups.push(group);
    else issues.add('groups', 'unknown', datasetMessages.groupUnknown());
  }
  issues.throwIfAny();
  return { organization, groups };
}

/**
 * Checks one resource: it needs a file (new or kept) or a link. `existingUploads` are the ids of
 * the dataset's resources whose file can be kept.
 */
export function checkResource(
  issues: IssueCollector,
  prefix: string,
  resource: ResourceInput,
  existingUploads: ReadonlySet<string>,
): void {
  const path = (field: string) => (prefix === '' ? field : `${prefix}.${field}`);
  if (resource.id !== undefined && !isUuid(resource.id)) issues.add(path('id'), 'uuid', messages.uuid());
  const keepsFile =
    resource.upload === 'keep' && resource.id !== undefined && existingUploads.has(resource.id);
  const hasFile = keepsFile || (resource.upload !== null && resource.upload !== 'keep');
  if (!hasFile) {
    // A file to keep that is not there (a dataset copied from another portal) falls back to its link.
    if (resource.url === null) issues.add(path('url'), 'required', datasetMessages.uploadMissing());
    checkUrl(issues, path('url'), resource.url);
  }
  checkMaxLength(issues, path('url'), resource.url, LIMITS.url);
  checkMaxLength(issues, path('name.fr'), resource.name.fr, LIMITS.resourceName);
  checkMaxLength(issues, path('name.en'), resource.name.en, LIMITS.resourceName);
  checkMaxLength(issues, path('description.fr'), resource.description.fr, LIMITS.resourceDescription);
  checkMaxLength(issues, path('description.en'), resource.description.en, LIMITS.resourceDescription);
  checkMaxLength(issues, path('format'), resource.format, LIMITS.format);
  checkMaxLength(issues, path('media_type'), resource.mimetype, LIMITS.mediaType);
  checkMaxLength(issues, path('resource_type'), resource.resourceType, LIMITS.resourceType);
  checkExtras(issues, path('extras'), resource.extras);
}

/** Extras: at most 100 keys, each a plain identifier, each value at most 10,000 characters. */
function checkExtras(issues: IssueCollector, path: string, extras: Record<string, string>): void {
  const entries = Object.entries(extras);
  checkMaxItems(issues, path, entries, LIMITS.extras);
  for (const [key, value] of entries.slice(0, LIMITS.extras)) {
    if (!EXTRA_KEY_PATTERN.test(key))
      issues.add(
        path,
        'key',
        localized(`Clé invalide : ${key.slice(0, 100)}`, `Invalid key: ${key.slice(0, 100)}`),
      );
    else checkMaxLength(issues, `${path}.${key}`, value, LIMITS.extraValue);
  }
}

async function resolveOrganization(
  issues: IssueCollector,
  reference: string | undefined,
  groups: GroupRepo,
): Promise<Group | null> {
  if (reference === undefined) return null;
  if (reference === '') {
    issues.add('owner_org', 'required', datasetMessages.organizationMissing());
    return null;
  }
  const organization = await groups.find(true, reference);
  if (!organization) issues.add('owner_org', 'unknown', datasetMessages.organizationUnknown());
  return organization;
}

function checkTemporal(issues: IssueCollector, start: string | null, end: string | null): void {
  if (start !== null && !isIsoDate(start)) issues.add('time_coverage_start', 'date', messages.date());
  if (end !== null && !isIsoDate(end)) issues.add('time_coverage_end', 'date', messages.date());
  if (start !== null && end !== null && isIsoDate(start) && isIsoDate(end) && start > end) {
    issues.add('time_coverage_end', 'order', datasetMessages.temporalOrder());
  }
}

function checkTags(issues: IssueCollector, path: string, tags: readonly string[]): void {
  for (const tag of tags) {
    if (tag.length < TAG_MIN || tag.length > TAG_MAX)
      issues.add(path, 'tag_length', datasetMessages.tagLength(tag));
    else if (!TAG_PATTERN.test(tag)) issues.add(path, 'tag_pattern', datasetMessages.tagPattern(tag));
  }
}

export function isValidBbox(bbox: Bbox): boolean {
  const inRange = (value: number, limit: number) =>
    Number.isFinite(value) && value >= -limit && value <= limit;
  return (
    inRange(bbox.west, 180) &&
    inRange(bbox.east, 180) &&
    inRange(bbox.south, 90) &&
    inRange(bbox.north, 90) &&
    bbox.south <= bbox.north
  );
}

/** A resource id given by the client must not belong to another dataset. */
export async function checkResourceIdsFree(
  repo: DatasetRepo,
  datasetId: string,
  input: DatasetInput,
  existing: readonly ResourceRow[],
): Promise<void> {
  const own = new Set(existing.map((row) => row.id));
  for (const [index, resource] of (input.resources ?? []).entries()) {
    if (resource.id === undefined || own.has(resource.id)) continue;
    const other = await repo.findResource(resource.id);
    if (other && other.dataset_id !== datasetId) {
      throw new ValidationError([
        { path: `resources.${index}.id`, code: 'id_taken', message: datasetMessages.idTaken() },
      ]);
    }
  }
}
