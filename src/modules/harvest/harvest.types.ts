import type { Bbox, BilingualText } from '../catalog/index.js';

export const SOURCE_KINDS = ['ckan', 'dcat', 'dcat-us', 'opendatasoft'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Which part of the upstream catalogue is read. */
export interface SourceFilters {
  /** An upstream organisation (CKAN), publisher (DCAT, data.json, Opendatasoft). */
  organization?: string;
  /** An upstream keyword. */
  tag?: string;
}

export interface HarvestSource {
  id: string;
  name: string;
  title: string;
  organizationId: string;
  kind: SourceKind;
  url: string;
  schedule: string | null;
  filters: SourceFilters;
  licenseDefault: string | null;
  /** Files are downloaded and stored here (then loaded like uploads), not only linked. */
  mirror: boolean;
  createdBy: string | null;
  created: Date;
  modified: Date;
  since: string | null;
  nextRunAt: Date | null;
}

export interface SourceInput {
  name: string;
  title: string;
  organization: string;
  kind: SourceKind;
  url: string;
  schedule: string | null;
  filters: SourceFilters;
  licenseDefault: string | null;
  /** Download and store the files (default: links only). */
  mirror?: boolean;
}

export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed';
export type RunPhase = 'fetching' | 'applying' | 'withdrawing' | 'done';
export type ItemAction = 'created' | 'updated' | 'unchanged' | 'withdrawn' | 'restored' | 'merged' | 'error';
export const ITEM_ACTIONS: readonly ItemAction[] = [
  'created',
  'updated',
  'unchanged',
  'withdrawn',
  'restored',
  'merged',
  'error',
];

export interface HarvestRun {
  id: string;
  sourceId: string;
  dryRun: boolean;
  status: RunStatus;
  phase: RunPhase;
  pages: number;
  requests: number;
  total: number | null;
  since: string | null;
  error: string | null;
  created: Date;
  started: Date | null;
  finished: Date | null;
  /** How many upstream datasets each action touched (pending: not yet applied). */
  counts: Record<ItemAction | 'pending', number>;
}

export interface RunItem {
  upstreamId: string;
  action: ItemAction | null;
  reason: string | null;
  datasetId: string | null;
  /** An excerpt of the upstream record, for errors. */
  raw: string | null;
}

/** A distribution as read upstream. */
export interface HarvestedResource {
  url: string;
  name: BilingualText;
  description: BilingualText;
  format: string | null;
  mimetype: string | null;
}

/**
 * An upstream dataset mapped to the portal's fields, whatever the source's kind
 * (docs/harvest.md says what each kind maps and what is lost).
 */
export interface HarvestedDataset {
  identifier: string;
  /** Its page upstream. */
  upstreamUrl: string | null;
  /** The name it has upstream, kept when free here. */
  name: string | null;
  title: BilingualText;
  notes: BilingualText;
  tags: string[];
  keywordsEn: string[];
  /** A licence id, title or URL as written upstream (mapped to the portal's list when applied). */
  license: string | null;
  landingPage: string | null;
  author: string | null;
  authorEmail: string | null;
  maintainer: string | null;
  maintainerEmail: string | null;
  version: string | null;
  /** A frequency code of the portal's list, when one matched. */
  updateFrequency: string | null;
  temporalStart: string | null;
  temporalEnd: string | null;
  bbox: Bbox | null;
  languages: string[];
  /** Upstream group or theme names, kept when a theme of the same name exists here. */
  groups: string[];
  extras: Record<string, string>;
  resources: HarvestedResource[];
}
