import { createHash } from 'node:crypto';
import type { User } from '../accounts/index.js';
import type {
  Activity,
  Dataset,
  FacetCount,
  FacetField,
  Group,
  License,
  Resource,
  SearchResult,
} from '../catalog/index.js';
import { findLicense, groupUrl, isOpenLicense, resourceUrl } from '../catalog/index.js';

/**
 * CKAN's dict shapes, key for key, so that scripts and ckanapi read Quai as they read CKAN.
 * Keys are in CKAN's order (alphabetical: CKAN sorts them when it dictizes).
 */

/** CKAN's timestamps: ISO 8601 in UTC without a zone, microseconds dropped when zero. */
export function ckanTimestamp(date: Date): string {
  const iso = date.toISOString();
  const millis = iso.slice(20, 23);
  return millis === '000' ? iso.slice(0, 19) : `${iso.slice(0, 19)}.${millis}000`;
}

const orEmpty = (value: string | null) => value ?? '';

/** The resources (of the datasets being shown) whose table can be queried now. */
export type ActiveTables = ReadonlySet<string>;

/** The extras ckanext-harvest adds to a harvested dataset (its harvest object and source). */
export const HARVEST_EXTRAS = ['harvest_object_id', 'harvest_source_id', 'harvest_source_title'] as const;

function harvestExtras(dataset: Dataset): Record<string, string> {
  const origin = dataset.origins.find((candidate) => candidate.authoritative);
  if (!origin) return {};
  return {
    harvest_object_id: origin.recordId,
    harvest_source_id: origin.sourceId,
    harvest_source_title: origin.sourceTitle,
  };
}

export function presentPackage(baseUrl: string, dataset: Dataset, active: ActiveTables) {
  const license = findLicense(dataset.licenseId);
  return {
    author: dataset.author,
    author_email: dataset.authorEmail,
    creator_user_id: dataset.creatorUserId,
    extras: Object.entries({ ...dataset.extras, ...harvestExtras(dataset) })
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, value]) => ({ key, value })),
    groups: dataset.groups.map((group) => presentGroupInPackage(group)),
    id: dataset.id,
    isopen: isOpenLicense(license),
    keywords: { en: dataset.keywordsEn, fr: dataset.tags },
    language: dataset.languages.join(','),
    license_id: dataset.licenseId,
    license_title: license ? license.title.en : dataset.licenseId,
    ...(license?.url ? { license_url: license.url } : {}),
    maintainer: dataset.maintainer,
    maintainer_email: dataset.maintainerEmail,
    metadata_created: ckanTimestamp(dataset.metadataCreated),
    metadata_modified: ckanTimestamp(dataset.metadataModified),
    name: dataset.name,
    notes: dataset.notes.fr ?? dataset.notes.en,
    notes_translated: { en: orEmpty(dataset.notes.en), fr: orEmpty(dataset.notes.fr) },
    num_resources: dataset.resources.length,
    num_tags: dataset.tags.length,
    organization: presentOrganizationInPackage(dataset.organization),
    owner_org: dataset.organization.id,
    private: dataset.private,
    relationships_as_object: [],
    relationships_as_subject: [],
    resources: dataset.resources.map((resource) => presentResource(baseUrl, resource, active)),
    spatial: dataset.bbox ? bboxToGeoJson(dataset.bbox) : null,
    state: dataset.state,
    tags: dataset.tags.map((tag) => ({
      display_name: tag,
      id: tagId(tag),
      name: tag,
      state: 'active',
      vocabulary_id: null,
    })),
    time_coverage_end: dataset.temporalEnd,
    time_coverage_start: dataset.temporalStart,
    title: dataset.title.fr,
    title_translated: { en: orEmpty(dataset.title.en), fr: dataset.title.fr },
    type: dataset.type,
    update_frequency: dataset.updateFrequency,
    url: dataset.url,
    version: dataset.version,
  };
}

export type CkanPackage = ReturnType<typeof presentPackage>;

export function presentResource(baseUrl: string, resource: Resource, active: ActiveTables) {
  return {
    cache_last_updated: null,
    cache_url: null,
    created: ckanTimestamp(resource.created),
    datastore_active: active.has(resource.id),
    description: resource.description.fr ?? resource.description.en ?? '',
    description_translated: { en: orEmpty(resource.description.en), fr: orEmpty(resource.description.fr) },
    format: resource.format ?? '',
    hash: resource.upload?.sha256 ?? '',
    id: resource.id,
    last_modified: resource.lastModified ? ckanTimestamp(resource.lastModified) : null,
    metadata_modified: ckanTimestamp(resource.metadataModified),
    mimetype: resource.mimetype,
    mimetype_inner: null,
    name: resource.name.fr ?? resource.name.en ?? '',
    name_translated: { en: orEmpty(resource.name.en), fr: orEmpty(resource.name.fr) },
    package_id: resource.datasetId,
    position: resource.position,
    resource_type: resource.resourceType,
    size: resource.size,
    state: resource.state,
    url: resourceUrl(baseUrl, resource),
    url_type: resource.upload
      ? 'upload'
      : resource.url === `${baseUrl}/datastore/dump/${resource.id}`
        ? 'datastore'
        : null,
    ...resource.extras,
  };
}

function presentOrganizationInPackage(organization: Group) {
  return {
    approval_status: 'approved',
    created: ckanTimestamp(organization.created),
    description: organization.description.fr ?? '',
    id: organization.id,
    image_url: organization.imageUrl ?? '',
    is_organization: true,
    name: organization.name,
    state: organization.state,
    title: organization.title.fr,
    type: 'organization',
  };
}

function presentGroupInPackage(group: Group) {
  return {
    description: group.description.fr ?? '',
    display_name: group.title.fr,
    id: group.id,
    image_display_url: group.imageUrl ?? '',
    name: group.name,
    title: group.title.fr,
  };
}

/** The group or organisation dict of group_show / organization_show / *_list(all_fields). */
export function presentGroup(
  baseUrl: string,
  group: Group,
  extra: { packageCount: number; users?: unknown[]; packages?: unknown[] },
) {
  return {
    approval_status: 'approved',
    created: ckanTimestamp(group.created),
    description: group.description.fr ?? '',
    description_translated: { en: orEmpty(group.description.en), fr: orEmpty(group.description.fr) },
    display_name: group.title.fr,
    extras: Object.entries(group.extras).map(([key, value]) => ({ key, state: 'active', value })),
    groups: [],
    id: group.id,
    image_display_url: group.imageUrl ?? '',
    image_url: group.imageUrl ?? '',
    is_organization: group.isOrganization,
    name: group.name,
    num_followers: 0,
    package_count: extra.packageCount,
    ...(extra.packages ? { packages: extra.packages } : {}),
    state: group.state,
    tags: [],
    title: group.title.fr,
    title_translated: { en: orEmpty(group.title.en), fr: group.title.fr },
    type: group.isOrganization ? 'organization' : 'group',
    url: groupUrl(baseUrl, group),
    ...(extra.users ? { users: extra.users } : {}),
  };
}

/** CKAN's licence dict (2.9 shape: strings for the flags, plus the two boolean summaries). */
export function presentLicense(license: License) {
  const flag = (value: boolean) => (value ? 'True' : 'False');
  return {
    domain_content: flag(license.domainContent),
    id: license.id,
    domain_data: flag(license.domainData),
    domain_software: flag(license.domainSoftware),
    family: '',
    is_generic: flag(license.isGeneric),
    od_conformance: license.odConformance,
    osd_conformance: license.osdConformance,
    maintainer: '',
    status: 'active',
    url: license.url,
    title: license.title.en,
    title_fr: license.title.fr,
    is_okd_compliant: license.odConformance === 'approved',
    is_osi_compliant: license.osdConformance === 'approved',
  };
}

/** package_search's result: count, results, the deprecated `facets`, `search_facets`, sort. */
export function presentSearch(
  baseUrl: string,
  result: SearchResult,
  facetFields: readonly FacetField[],
  active: ActiveTables,
) {
  const facets: Record<string, Record<string, number>> = {};
  const searchFacets: Record<
    string,
    { title: string; items: { name: string; display_name: string; count: number }[] }
  > = {};
  for (const field of facetFields) {
    const items = result.facets[field] ?? [];
    facets[field] = Object.fromEntries(items.map((item) => [item.value, item.count]));
    searchFacets[field] = {
      title: field,
      // CKAN sorts the items by display name, descending (get.py, after the plugins' hooks).
      items: items
        .map((item) => ({ name: item.value, display_name: facetDisplayName(field, item), count: item.count }))
        .sort((a, b) => (a.display_name < b.display_name ? 1 : a.display_name > b.display_name ? -1 : 0)),
    };
  }
  return {
    count: result.count,
    facets,
    results: result.datasets.map((dataset) => presentPackage(baseUrl, dataset, active)),
    sort: result.sort,
    search_facets: searchFacets,
  };
}

function facetDisplayName(field: FacetField, item: FacetCount): string {
  if (item.title) return item.title.fr.trim() || item.value;
  if (field === 'license_id') return findLicense(item.value)?.title.en ?? item.value;
  return item.value;
}

/** CKAN's user dict (user_show, user_list): the email address only when it may be shown. */
export function presentUser(user: User, options: { showEmail: boolean; createdDatasets: number }) {
  return {
    about: user.about,
    activity_streams_email_notifications: false,
    created: ckanTimestamp(user.created),
    display_name: user.fullname ?? user.name,
    ...(options.showEmail ? { email: user.email } : {}),
    email_hash: createHash('md5')
      .update((user.email ?? '').trim().toLowerCase())
      .digest('hex'),
    fullname: user.fullname,
    id: user.id,
    image_display_url: '',
    image_url: '',
    last_active: null,
    name: user.name,
    number_created_packages: options.createdDatasets,
    state: user.state,
    sysadmin: user.sysadmin,
  };
}

export function presentActivity(activity: Activity) {
  return {
    activity_type: activity.activityType,
    data: {
      actor: activity.userName,
      [activity.objectType === 'package' ? 'package' : 'group']: activity.data,
    },
    id: activity.id,
    object_id: activity.objectId,
    revision_id: null,
    timestamp: ckanTimestamp(activity.timestamp),
    user_id: activity.userId,
  };
}

/** ckanext-spatial's `spatial` field: the bounding box as a GeoJSON Polygon, in a string. */
export function bboxToGeoJson(bbox: { west: number; south: number; east: number; north: number }): string {
  const { west, south, east, north } = bbox;
  return JSON.stringify({
    type: 'Polygon',
    coordinates: [
      [
        [west, south],
        [east, south],
        [east, north],
        [west, north],
        [west, south],
      ],
    ],
  });
}

/** CKAN gives tags ids; Quai derives a stable one from the name (a name-based UUID, version 5). */
export function tagId(name: string): string {
  const hex = createHash('sha1').update(`quai:tag:${name}`).digest('hex');
  const variant = ((Number.parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
