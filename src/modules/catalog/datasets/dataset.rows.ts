import type { Dataset, DatasetOrigin, Group, Resource } from '../catalog.types.js';

/** A `catalog.groups` row, as selected or as serialised by `to_json()` (dates become strings). */
export interface GroupRow {
  id: string;
  name: string;
  is_organization: boolean;
  title_fr: string;
  title_en: string | null;
  description_fr: string | null;
  description_en: string | null;
  image_url: string | null;
  eu_theme: string | null;
  extras: Record<string, string>;
  state: 'active' | 'deleted';
  created: Date | string;
  modified: Date | string;
}

export interface ResourceRow {
  id: string;
  dataset_id: string;
  position: number;
  url: string | null;
  blob_sha256: string | null;
  filename: string | null;
  name_fr: string | null;
  name_en: string | null;
  description_fr: string | null;
  description_en: string | null;
  format: string | null;
  mimetype: string | null;
  size: number | string | null;
  resource_type: string | null;
  extras: Record<string, string>;
  state: 'active' | 'deleted';
  created: Date | string;
  last_modified: Date | string | null;
  metadata_modified: Date | string;
}

/** The dataset columns a write sets (search columns are derived separately). */
export interface DatasetRow {
  id: string;
  name: string;
  type: string;
  state: 'active' | 'draft' | 'deleted';
  private: boolean;
  owner_org: string;
  creator_user_id: string | null;
  title_fr: string;
  title_en: string | null;
  notes_fr: string | null;
  notes_en: string | null;
  author: string | null;
  author_email: string | null;
  maintainer: string | null;
  maintainer_email: string | null;
  license_id: string | null;
  url: string | null;
  version: string | null;
  update_frequency: string | null;
  time_coverage_start: string | null;
  time_coverage_end: string | null;
  bbox_west: number | null;
  bbox_south: number | null;
  bbox_east: number | null;
  bbox_north: number | null;
  languages: string[];
  tags: string[];
  keywords_en: string[];
  group_ids: string[];
  extras: Record<string, string>;
}

/** A dataset row with its organisation, groups and resources, as the hydration query returns it. */
export interface HydratedDatasetRow extends DatasetRow {
  metadata_created: Date;
  metadata_modified: Date;
  organization: GroupRow;
  groups: GroupRow[];
  resources: ResourceRow[];
  origins: OriginRow[];
}

/** A `catalog.dataset_origins` row as `json_agg` gives it. */
export interface OriginRow {
  source_id: string;
  source_title: string;
  source_url: string;
  upstream_identifier: string;
  upstream_url: string | null;
  authoritative: boolean;
  record_id: string;
  harvested_at: string | Date;
}

export function originFromRow(row: OriginRow): DatasetOrigin {
  return {
    sourceId: row.source_id,
    sourceTitle: row.source_title,
    sourceUrl: row.source_url,
    upstreamIdentifier: row.upstream_identifier,
    upstreamUrl: row.upstream_url,
    authoritative: row.authoritative,
    recordId: row.record_id,
    harvestedAt: toDate(row.harvested_at),
  };
}

const toDate = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));

export function groupFromRow(row: GroupRow): Group {
  return {
    id: row.id,
    name: row.name,
    isOrganization: row.is_organization,
    title: { fr: row.title_fr, en: row.title_en },
    description: { fr: row.description_fr, en: row.description_en },
    imageUrl: row.image_url,
    euTheme: row.eu_theme,
    extras: row.extras ?? {},
    state: row.state,
    created: toDate(row.created),
    modified: toDate(row.modified),
  };
}

export function resourceFromRow(row: ResourceRow): Resource {
  return {
    id: row.id,
    datasetId: row.dataset_id,
    position: row.position,
    url: row.url,
    upload: row.blob_sha256 && row.filename ? { sha256: row.blob_sha256, filename: row.filename } : null,
    name: { fr: row.name_fr, en: row.name_en },
    description: { fr: row.description_fr, en: row.description_en },
    format: row.format,
    mimetype: row.mimetype,
    size: row.size === null ? null : Number(row.size),
    resourceType: row.resource_type,
    extras: row.extras ?? {},
    state: row.state,
    created: toDate(row.created),
    lastModified: row.last_modified === null ? null : toDate(row.last_modified),
    metadataModified: toDate(row.metadata_modified),
  };
}

export function datasetFromRow(row: HydratedDatasetRow): Dataset {
  const hasBbox =
    row.bbox_west !== null && row.bbox_south !== null && row.bbox_east !== null && row.bbox_north !== null;
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    state: row.state,
    private: row.private,
    organization: groupFromRow(row.organization),
    creatorUserId: row.creator_user_id,
    title: { fr: row.title_fr, en: row.title_en },
    notes: { fr: row.notes_fr, en: row.notes_en },
    author: row.author,
    authorEmail: row.author_email,
    maintainer: row.maintainer,
    maintainerEmail: row.maintainer_email,
    licenseId: row.license_id,
    url: row.url,
    version: row.version,
    updateFrequency: row.update_frequency,
    temporalStart: row.time_coverage_start,
    temporalEnd: row.time_coverage_end,
    bbox: hasBbox
      ? { west: row.bbox_west!, south: row.bbox_south!, east: row.bbox_east!, north: row.bbox_north! }
      : null,
    languages: row.languages,
    tags: row.tags,
    keywordsEn: row.keywords_en,
    groups: row.groups.map(groupFromRow),
    extras: row.extras ?? {},
    metadataCreated: row.metadata_created,
    metadataModified: row.metadata_modified,
    resources: row.resources.map(resourceFromRow),
    origins: (row.origins ?? []).map(originFromRow),
  };
}
