import type { Activity } from '../activity/activity.repo.js';
import type { Dataset, Group, Resource } from '../catalog.types.js';
import type { GroupListing } from '../groups/group.repo.js';
import { datasetLinks, resourceUrl } from '../links.js';
import { QUALITY_BANDS } from '../search/quality-bands.js';
import type { FacetCount, FacetField } from '../search/search.repo.js';
import type { SearchResult } from '../search/search.service.js';
import { findLicense, isOpenLicense } from '../vocabularies/licenses.js';
import type { DatasetOut } from './v1.schemas.js';

/** Shapes the REST API's JSON; CKAN's shapes live in the ckan module. */
export function presentDataset(baseUrl: string, dataset: Dataset): DatasetOut {
  const license = findLicense(dataset.licenseId);
  return {
    id: dataset.id,
    name: dataset.name,
    type: dataset.type,
    state: dataset.state,
    private: dataset.private,
    title: dataset.title,
    notes: dataset.notes,
    organization: presentGroupSummary(dataset.organization),
    groups: dataset.groups.map(presentGroupSummary),
    tags: dataset.tags,
    keywords_en: dataset.keywordsEn,
    license_id: dataset.licenseId,
    license: license && {
      id: license.id,
      title: license.title,
      url: license.url || null,
      is_open: isOpenLicense(license),
    },
    author: dataset.author,
    author_email: dataset.authorEmail,
    maintainer: dataset.maintainer,
    maintainer_email: dataset.maintainerEmail,
    url: dataset.url,
    version: dataset.version,
    update_frequency: dataset.updateFrequency,
    time_coverage_start: dataset.temporalStart,
    time_coverage_end: dataset.temporalEnd,
    spatial: dataset.bbox,
    language: dataset.languages,
    extras: dataset.extras,
    created: dataset.metadataCreated.toISOString(),
    modified: dataset.metadataModified.toISOString(),
    resources: dataset.resources.map((resource) => presentResource(baseUrl, resource)),
    links: datasetLinks(baseUrl, dataset),
  };
}

export function presentResource(baseUrl: string, resource: Resource) {
  return {
    id: resource.id,
    dataset_id: resource.datasetId,
    position: resource.position,
    kind: resource.upload ? ('upload' as const) : ('link' as const),
    url: resourceUrl(baseUrl, resource),
    name: resource.name,
    description: resource.description,
    format: resource.format,
    media_type: resource.mimetype,
    size: resource.size,
    sha256: resource.upload?.sha256 ?? null,
    resource_type: resource.resourceType,
    extras: resource.extras,
    created: resource.created.toISOString(),
    modified: resource.metadataModified.toISOString(),
    last_modified: resource.lastModified?.toISOString() ?? null,
  };
}

function presentGroupSummary(group: Group) {
  return { id: group.id, name: group.name, title: group.title };
}

export function presentGroup(group: Group, datasetCount?: number) {
  return {
    id: group.id,
    name: group.name,
    title: group.title,
    description: group.description,
    image_url: group.imageUrl,
    eu_theme: group.euTheme,
    extras: group.extras,
    ...(datasetCount === undefined ? {} : { dataset_count: datasetCount }),
    created: group.created.toISOString(),
    modified: group.modified.toISOString(),
  };
}

export function presentGroupListing(listing: GroupListing) {
  return presentGroup(listing.group, listing.datasetCount);
}

export function presentSearch(baseUrl: string, result: SearchResult) {
  const facets: Record<
    string,
    { name: string; label: { fr: string | null; en: string | null }; count: number }[]
  > = {};
  for (const [field, items] of Object.entries(result.facets) as [FacetField, FacetCount[]][]) {
    facets[field] = items.map((item) => ({
      name: item.value,
      label: facetLabel(field, item),
      count: item.count,
    }));
  }
  return {
    count: result.count,
    sort: result.sort,
    results: result.datasets.map((dataset) => presentDataset(baseUrl, dataset)),
    facets,
  };
}

/** A facet value's label in both languages: titles for publishers, themes and licences. */
export function facetLabel(field: FacetField, item: FacetCount): { fr: string | null; en: string | null } {
  if (item.title) return item.title;
  if (field === 'license_id') {
    const license = findLicense(item.value);
    if (license) return license.title;
  }
  if (field === 'quality') {
    const band = QUALITY_BANDS.find((entry) => entry.band === item.value);
    if (band) return band.label;
  }
  return { fr: item.value, en: item.value };
}

export function presentActivity(activity: Activity) {
  return {
    id: activity.id,
    timestamp: activity.timestamp.toISOString(),
    user: activity.userName,
    activity_type: activity.activityType,
    object_type: activity.objectType,
    object_id: activity.objectId,
    name: activity.data.name,
    title: activity.data.title,
    changes: activity.data.changes ?? [],
  };
}
