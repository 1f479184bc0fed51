/** A required text in French with an optional English version. */
export interface TitleText {
  fr: string;
  en: string | null;
}

/** An optional text in either language. */
export interface BilingualText {
  fr: string | null;
  en: string | null;
}

export type DatasetState = 'active' | 'draft' | 'deleted';

/** An organisation (publisher) or a group (theme): CKAN gives both the same shape. */
export interface Group {
  id: string;
  name: string;
  isOrganization: boolean;
  title: TitleText;
  description: BilingualText;
  imageUrl: string | null;
  /** EU data-theme code of a theme (ENVI, TRAN, …), for DCAT-AP. */
  euTheme: string | null;
  extras: Record<string, string>;
  state: 'active' | 'deleted';
  created: Date;
  modified: Date;
}

/** Spatial coverage, WGS 84 degrees. */
export interface Bbox {
  west: number;
  south: number;
  east: number;
  north: number;
}

export interface Resource {
  id: string;
  datasetId: string;
  position: number;
  /** The external link, or null for an uploaded file. */
  url: string | null;
  /** The uploaded file, or null for an external link. */
  upload: { sha256: string; filename: string } | null;
  name: BilingualText;
  description: BilingualText;
  format: string | null;
  mimetype: string | null;
  size: number | null;
  resourceType: string | null;
  extras: Record<string, string>;
  state: 'active' | 'deleted';
  created: Date;
  lastModified: Date | null;
  metadataModified: Date;
}

/**
 * Where a harvested dataset comes from: a harvest source, the dataset's identifier and page
 * upstream, and the last harvest. The authoritative origin alone writes its harvested fields.
 */
export interface DatasetOrigin {
  sourceId: string;
  sourceTitle: string;
  /** The catalogue the source reads (a CKAN site, a DCAT document, a data.json…). */
  sourceUrl: string;
  upstreamIdentifier: string;
  upstreamUrl: string | null;
  authoritative: boolean;
  /** The harvest record that wrote it (ckanext-harvest's harvest_object_id). */
  recordId: string;
  harvestedAt: Date;
}

export interface Dataset {
  id: string;
  name: string;
  type: string;
  state: DatasetState;
  private: boolean;
  organization: Group;
  creatorUserId: string | null;
  title: TitleText;
  notes: BilingualText;
  author: string | null;
  authorEmail: string | null;
  maintainer: string | null;
  maintainerEmail: string | null;
  licenseId: string | null;
  url: string | null;
  version: string | null;
  updateFrequency: string | null;
  temporalStart: string | null;
  temporalEnd: string | null;
  bbox: Bbox | null;
  languages: string[];
  /** Keywords in French: CKAN's tags. */
  tags: string[];
  keywordsEn: string[];
  groups: Group[];
  extras: Record<string, string>;
  metadataCreated: Date;
  metadataModified: Date;
  resources: Resource[];
  /** Harvest sources that reach it, the authoritative one first; empty for a local dataset. */
  origins: DatasetOrigin[];
}

/** A file received by an upload, already safe in blob storage. */
export interface UploadedFile {
  sha256: string;
  size: number;
  filename: string;
  /** The type the client declared; the format guess from the name is preferred. */
  mimetype: string | null;
  /** False when the same bytes were already stored (the blob must not be removed on failure). */
  created: boolean;
}

export interface ResourceInput {
  /** Kept when given (ckanapi load relies on it); generated otherwise. */
  id?: string;
  url: string | null;
  name: BilingualText;
  description: BilingualText;
  format: string | null;
  mimetype: string | null;
  resourceType: string | null;
  extras: Record<string, string>;
  /**
   * A new file; or "keep": keep the file of the resource with the same id, or use `url` when it
   * has none (ckanapi load creates resources that way, then sends their files).
   */
  upload: UploadedFile | 'keep' | null;
}

/**
 * Everything a publisher sets on a dataset; organisation and groups by id or name. On update,
 * the optional fields keep their current value when left out (as in CKAN), the others are replaced.
 */
export interface DatasetInput {
  /** On create only, and for sysadmins (ckanapi load keeps ids across portals). */
  id?: string;
  name: string;
  title: BilingualText;
  notes: BilingualText;
  ownerOrg?: string;
  private?: boolean;
  state?: 'active' | 'draft';
  author: string | null;
  authorEmail: string | null;
  maintainer: string | null;
  maintainerEmail: string | null;
  licenseId: string | null;
  url: string | null;
  version: string | null;
  updateFrequency: string | null;
  temporalStart: string | null;
  temporalEnd: string | null;
  bbox: Bbox | null;
  languages: string[];
  tags: string[];
  keywordsEn: string[];
  groups: string[];
  extras: Record<string, string>;
  /** Left out, the current resources stay (as CKAN 2.11 does on package_update). */
  resources?: ResourceInput[];
}

export interface GroupInput {
  id?: string;
  name: string;
  title: BilingualText;
  description: BilingualText;
  imageUrl: string | null;
  euTheme: string | null;
  extras: Record<string, string>;
}
