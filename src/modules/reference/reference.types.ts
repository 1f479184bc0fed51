import type { Localized } from '../../platform/i18n/index.js';

/** A declared attribute of a set's entities. `link` names the set its codes belong to. */
export interface AttributeDefinition {
  name: string;
  type: 'string' | 'integer' | 'code';
  title: Localized;
  /** Offered as a filter of the lookup API (`?mrc=460`). */
  filterable: boolean;
  link?: string;
  /** Said on the pages when the source gives no value for it. */
  missing?: Localized;
}

/** What a set's producer and diffuser commit to (SPD's *fiche d'engagement*), published and measured. */
export interface Commitment {
  producer: string;
  diffuser: string;
  /** The catalog's update-frequency code (`annual`, `biweekly`…). */
  frequency: string;
  /** Past this age the set is stale (freshness on the status page). */
  maxAgeDays: number;
  /** Monthly availability targets, in percent. */
  availability: { files: number; api: number };
  /** Notice given before any structure change. */
  noticeDays: number;
  /** Where to report an error in the data. */
  reportUrl: string;
}

export interface SetDefinition {
  id: string;
  entityType: Localized;
  title: Localized;
  description: Localized;
  /** The identifier scheme: its name and the pattern every code matches. */
  scheme: { name: Localized; pattern: string; width: number | null };
  attributes: AttributeDefinition[];
  commitment: Commitment;
  /** Where the data comes from and its licence, as the pages and DCAT show it. */
  source: { title: string; url: string; licence: string; note: Localized };
  /** Served by another module through the same lookup contract (no copy kept here). */
  external?: true;
}

export type AttributeValue = string | number | null;

/** One entity as a source file describes it at a version's date. */
export interface SourceEntity {
  code: string;
  name: string;
  nameEn: string | null;
  attributes: Record<string, AttributeValue>;
}

/** How a code stopped being used, as the source (or an ISQ D002-style file) records it. */
export interface Retirement {
  code: string;
  /** The day the code stops being valid (exclusive end of its period). */
  effective: string;
  event: 'regroupement' | 'annexion' | 'scission' | 'dissolution';
  successors: string[];
  /** The act or notice that made it (Gazette officielle, decree…). */
  reference: string | null;
}

/** A source file of a version, kept with its checksum. */
export interface SourceFile {
  name: string;
  sha256: string;
  bytes: number;
  rows: number;
  url: string;
  licence: string;
}

/** Everything one import brings: the whole state of a set at a date, and the retirements since the last. */
export interface Snapshot {
  set: string;
  label: string;
  referenceDate: string;
  fictitious: boolean;
  sources: SourceFile[];
  entities: SourceEntity[];
  retirements: Retirement[];
  /** Dates of changes the source dates (renamings…); the others take the reference date. */
  effective?: Record<string, string>;
}

export const CHANGE_KINDS = [
  'created',
  'retired',
  'renamed',
  'designation_changed',
  'moved',
  'merged',
  'split',
  /** Another attribute changed (a correction). */
  'updated',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface Change {
  code: string;
  kind: ChangeKind;
  before: { name: string; attributes: Record<string, AttributeValue> } | null;
  after: { name: string; attributes: Record<string, AttributeValue> } | null;
  /** Successors of a retired code, or the codes merged into a successor. */
  related: string[];
}

/** One validity period of a code. */
export interface Period {
  id: number;
  code: string;
  validFrom: string | null;
  validTo: string | null;
  name: string;
  nameEn: string | null;
  attributes: Record<string, AttributeValue>;
  startReason: string | null;
  endReason: string | null;
  createdIn: string;
  endedIn: string | null;
}

export interface Version {
  id: string;
  set: string;
  label: string;
  referenceDate: string;
  previous: string | null;
  publishedAt: string;
  fictitious: boolean;
  attributes: AttributeDefinition[];
  sources: SourceFile[];
  files: Record<string, BulkFileRef>;
  rowCount: number;
  changeCount: number;
  structureOverride: { by: string; reason: string } | null;
}

export interface BulkFileRef {
  sha256: string;
  bytes: number;
  contentType: string;
}

/** A code's link to a period of another code (lineage), as answers show it. */
export interface LinkedCode {
  code: string;
  name: string;
  validFrom: string | null;
  validTo: string | null;
  event: string;
  effective: string;
}

/** An entity as the lookup API answers it. */
export interface EntityView {
  set: string;
  code: string;
  name: string;
  nameEn: string | null;
  status: 'current' | 'retired';
  validFrom: string | null;
  validTo: string | null;
  startReason: string | null;
  endReason: string | null;
  attributes: Record<string, AttributeValue>;
  predecessors: LinkedCode[];
  successors: LinkedCode[];
  /** The codes valid today that replace a retired one (following the whole chain). */
  current: string[];
}

export interface Notice {
  id: number;
  set: string;
  announcedAt: string;
  effectiveOn: string;
  description: Localized;
  announcedBy: string;
}
