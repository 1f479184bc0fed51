import { type Localized, localized } from '../../platform/i18n/index.js';
import type { CriterionId, CriterionOutcome, CriterionStatus } from './quality.types.js';

/** What the score is computed from: a dataset's metadata and what other modules know of its files. */
export interface DatasetFacts {
  notes: { fr: string | null; en: string | null };
  license: { id: string; title: Localized; open: boolean } | null;
  /** The declared code (catalog vocabulary), or null. */
  updateFrequency: string | null;
  temporalStart: string | null;
  temporalEnd: string | null;
  bbox: { west: number; south: number; east: number; north: number } | null;
  /** The territory chosen by name (a reference set's code), when there is one. */
  place?: string | null;
  contactEmail: string | null;
  /** When the metadata last changed: the last update when the dataset has no resource. */
  metadataModified: Date;
  resources: ResourceFacts[];
}

export interface ResourceFacts {
  name: string;
  /** An uploaded file, a link to elsewhere, or a link to the portal itself (its own API or files). */
  kind: 'upload' | 'link' | 'internal';
  /** The catalog's label in upper case (CSV, GEOJSON…), declared or guessed; null when unknown. */
  format: string | null;
  /** When its data last changed: a new file, a link changed, a table written. */
  updatedAt: Date;
  /** Links only: the latest check of the current URL (why it failed, in words), or null before one. */
  link: { ok: boolean; reason: Localized | null } | null;
  /** Its datastore table, if it has one: its columns and those without a description. */
  table: { columns: number; undescribed: string[] } | null;
  /** The schema it declares and its latest validation report (null: not validated yet). */
  schema: { declared: string; report: { valid: boolean; errorCount: number } | null } | null;
}

/** A text in French and English: the evidence of a criterion. */
export const L = localized;
/** One criterion's verdict with its evidence. */
export const outcome = (id: CriterionId, status: CriterionStatus, evidence: Localized): CriterionOutcome => ({
  id,
  status,
  evidence,
});
/** French puts 0 and 1 in the singular; English, 1 only. */
export const frPlural = (count: number, one: string, many: string) => (count < 2 ? one : many);
export const enPlural = (count: number, one: string, many: string) => (count === 1 ? one : many);
/** Names between the quotation marks of each language. */
export const quoted = (names: string[]) => ({
  fr: names.map((name) => `« ${name} »`).join(', '),
  en: names.map((name) => `“${name}”`).join(', '),
});
