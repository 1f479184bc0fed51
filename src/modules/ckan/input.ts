import { ValidationError } from '../../platform/http/errors.js';
import { localized } from '../../platform/i18n/index.js';
import type {
  Bbox,
  BilingualText,
  DatasetInput,
  GroupInput,
  ResourceInput,
  UploadedFile,
} from '../catalog/index.js';
import { type CkanData, readBoolean, readList, readObject, readString, requireString } from './params.js';
import { HARVEST_EXTRAS } from './present.js';

const invalid = (path: string, fr: string, en: string) =>
  new ValidationError([{ path, code: 'invalid', message: localized(fr, en) }]);

/**
 * ckanext-fluent's `title_translated` (dict or JSON) and CKAN's plain `title` (French). When a
 * client sends both and they differ, the one it changed wins: scripts that edit the dict from
 * package_show touch one and leave the other as it was (`current`).
 */
function translated(data: CkanData, field: string, current?: string | null): BilingualText {
  const dict = readObject(data, `${field}_translated`) ?? {};
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
  const plain = readString(data, field);
  const fluent = text(dict.fr);
  const fr =
    fluent !== null && plain !== null && fluent !== plain && plain !== current ? plain : (fluent ?? plain);
  return { fr, en: text(dict.en) };
}

function dictList(data: CkanData, field: string): Record<string, unknown>[] {
  const list = readList(data, field) ?? [];
  return list.map((item) => {
    if (typeof item === 'object' && item !== null && !Array.isArray(item))
      return item as Record<string, unknown>;
    if (typeof item === 'string') return { name: item };
    throw invalid(field, 'Liste de dictionnaires attendue', 'Must be a list of dictionaries');
  });
}

/**
 * Tags as CKAN sends them: [{name}] or a comma-separated `tag_string`; or ckanext-fluent's
 * `keywords` ({fr: [...], en: [...]}). When both come and differ, the one the client changed
 * (compared with `current`) wins, as for titles.
 */
function readTags(data: CkanData, current?: readonly string[]): { fr: string[]; en: string[] } {
  const keywords = readObject(data, 'keywords');
  const words = (value: unknown) =>
    Array.isArray(value)
      ? value.filter((w): w is string => typeof w === 'string').map((w) => w.trim())
      : null;
  const fluent = keywords ? words(keywords.fr) : null;
  const english = (keywords ? words(keywords.en) : null) ?? [];
  let plain: string[] | null = null;
  if (data.tags !== undefined) plain = dictList(data, 'tags').map((tag) => String(tag.name ?? '').trim());
  else if (typeof data.tag_string === 'string')
    plain = data.tag_string
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean);
  if (plain === null || fluent === null) return { fr: plain ?? fluent ?? [], en: english };
  const same = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && a.every((tag) => b.includes(tag));
  const plainUnchanged = current !== undefined && same(plain, current) && !same(fluent, current);
  return { fr: plainUnchanged ? fluent : plain, en: english };
}

function readExtras(data: CkanData): Record<string, string> {
  const extras: Record<string, string> = {};
  for (const extra of dictList(data, 'extras')) {
    const key = String(extra.key ?? '').trim();
    if (key in extras)
      throw invalid('extras_validation', `Clé en double « ${key} »`, `Duplicate key "${key}"`);
    if (extra.deleted !== true && extra.deleted !== 'on') extras[key] = String(extra.value ?? '');
  }
  // What package_show adds for a harvested dataset comes back in a client's update: not stored.
  for (const key of HARVEST_EXTRAS) delete extras[key];
  return extras;
}

/** ckanext-spatial's `spatial`: a GeoJSON geometry (object or text), reduced to its bounding box. */
export function readSpatial(data: CkanData): Bbox | null {
  const value = data.spatial;
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string' && /^\s*-?[\d.]+(\s*,\s*-?[\d.]+){3}\s*$/.test(value)) {
    const [west, south, east, north] = value.split(',').map(Number) as [number, number, number, number];
    return { west, south, east, north };
  }
  const geometry = readObject(data, 'spatial') ?? {};
  const points: number[][] = [];
  const collect = (node: unknown) => {
    if (Array.isArray(node) && typeof node[0] === 'number') points.push(node as number[]);
    else if (Array.isArray(node)) node.forEach(collect);
  };
  collect(geometry.coordinates);
  if (points.length === 0) throw invalid('spatial', 'Géométrie GeoJSON invalide', 'Invalid GeoJSON geometry');
  const xs = points.map((p) => p[0] as number);
  const ys = points.map((p) => p[1] as number);
  return { west: Math.min(...xs), south: Math.min(...ys), east: Math.max(...xs), north: Math.max(...ys) };
}

function readLanguages(data: CkanData): string[] {
  const value = data.language;
  if (Array.isArray(value)) return value.map(String);
  const text = readString(data, 'language');
  return text === null
    ? ['fr']
    : text
        .split(',')
        .map((code) => code.trim())
        .filter(Boolean);
}

function readState(data: CkanData): 'active' | 'draft' | undefined {
  const state = readString(data, 'state');
  if (state === null) return undefined;
  if (state === 'active' || state === 'draft') return state;
  throw invalid('state', 'État invalide (active ou draft)', 'Invalid state (active or draft)');
}

/** A package dict as the catalog's input (create, or update with CKAN's replace semantics). */
export function datasetInputFromPackage(
  data: CkanData,
  defaults: { name?: string; current?: { title: BilingualText; notes: BilingualText; tags: string[] } } = {},
): DatasetInput {
  const tags = readTags(data, defaults.current?.tags);
  const name = readString(data, 'name') ?? defaults.name;
  if (name === undefined)
    throw new ValidationError([
      { path: 'name', code: 'required', message: localized('Valeur manquante', 'Missing value') },
    ]);
  const input: DatasetInput = {
    name,
    title: translated(data, 'title', defaults.current?.title.fr),
    notes: translated(data, 'notes', defaults.current?.notes.fr),
    author: readString(data, 'author'),
    authorEmail: readString(data, 'author_email'),
    maintainer: readString(data, 'maintainer'),
    maintainerEmail: readString(data, 'maintainer_email'),
    licenseId: readString(data, 'license_id'),
    url: readString(data, 'url'),
    version: readString(data, 'version'),
    updateFrequency: readString(data, 'update_frequency'),
    temporalStart: readString(data, 'time_coverage_start'),
    temporalEnd: readString(data, 'time_coverage_end'),
    bbox: readSpatial(data),
    languages: readLanguages(data),
    tags: tags.fr,
    keywordsEn: tags.en,
    groups: dictList(data, 'groups').map((group) => String(group.id ?? group.name ?? '')),
    extras: readExtras(data),
  };
  const id = readString(data, 'id');
  if (id !== null) input.id = id;
  const owner = readString(data, 'owner_org');
  if (owner !== null) input.ownerOrg = owner;
  if (data.private !== undefined) input.private = readBoolean(data, 'private', false);
  const state = readState(data);
  if (state) input.state = state;
  if (data.resources !== undefined) {
    input.resources = dictList(data, 'resources').map((resource) => resourceInputFromDict(resource, null));
  }
  return input;
}

/** Keys of a resource dict that CKAN computes: never stored as extras. */
const COMPUTED_RESOURCE_KEYS = new Set([
  'id',
  'package_id',
  'url',
  'url_type',
  'name',
  'name_translated',
  'description',
  'description_translated',
  'format',
  'mimetype',
  'resource_type',
  'upload',
  'clear_upload',
  'created',
  'last_modified',
  'metadata_modified',
  'size',
  'hash',
  'position',
  'state',
  'datastore_active',
  'cache_url',
  'cache_last_updated',
  'mimetype_inner',
  'tracking_summary',
  'revision_id',
  'datastore_fields',
  'resource_views',
]);

/** A resource dict; `file` is the upload that came with the request, if any. */
export function resourceInputFromDict(data: CkanData, file: UploadedFile | null): ResourceInput {
  const extras: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    if (
      !COMPUTED_RESOURCE_KEYS.has(key) &&
      value !== null &&
      value !== undefined &&
      typeof value !== 'object'
    ) {
      extras[key] = String(value);
    }
  }
  const keepsFile = readString(data, 'url_type') === 'upload' && !readBoolean(data, 'clear_upload', false);
  const input: ResourceInput = {
    url: readString(data, 'url'),
    name: translated(data, 'name'),
    description: translated(data, 'description'),
    format: readString(data, 'format'),
    mimetype: readString(data, 'mimetype') ?? file?.mimetype ?? null,
    resourceType: readString(data, 'resource_type'),
    extras,
    upload: file ?? (keepsFile ? 'keep' : null),
  };
  const id = readString(data, 'id');
  if (id !== null) input.id = id;
  return input;
}

export function groupInputFromDict(data: CkanData): GroupInput {
  const extras: Record<string, string> = {};
  for (const extra of dictList(data, 'extras')) extras[String(extra.key ?? '')] = String(extra.value ?? '');
  const input: GroupInput = {
    name: requireString(data, 'name'),
    title: translated(data, 'title'),
    description: translated(data, 'description'),
    imageUrl: readString(data, 'image_url'),
    euTheme: readString(data, 'eu_theme'),
    extras,
  };
  if (input.title.fr === null) input.title.fr = input.name;
  const id = readString(data, 'id');
  if (id !== null) input.id = id;
  return input;
}
